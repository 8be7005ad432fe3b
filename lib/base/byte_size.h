// Sizes written by people: "512", "1.5MB", "64KiB", "4G".
//
// One rule for every option and expression that takes a size (--min-size,
// --max-memory, query literals, CI rules): SI prefixes are powers of 1000
// (k, M, G, T, as the tools print sizes), IEC prefixes powers of 1024 (Ki,
// Mi, Gi, Ti); a trailing "B" is optional and letter case is ignored. A
// fraction is allowed ("1.5MB"); the result is rounded down to whole bytes.
#ifndef HEAPSLEUTH_LIB_BASE_BYTE_SIZE_H_
#define HEAPSLEUTH_LIB_BASE_BYTE_SIZE_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace heapsleuth {

// The size in bytes; nullopt when `text` is not a size or does not fit in 64 bits.
std::optional<uint64_t> ParseByteSize(std::string_view text);

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_BYTE_SIZE_H_
