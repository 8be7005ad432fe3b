// Parsing byte sizes given on the command line ("--min-size 1MB").
//
// Accepts a non-negative number, optionally with a fraction, then optional
// spaces and a unit: B; kB, MB, GB, TB (decimal: 1 kB = 1000 B, as the text
// output prints sizes); KiB, MiB, GiB, TiB (binary). Units are matched without
// regard to case, so "1mb" and "512KB" work. A plain number is bytes.
// Fractions are allowed with a unit ("1.5MB") and rounded down to whole bytes.
#ifndef HEAPSLEUTH_LIB_BASE_BYTE_SIZE_H_
#define HEAPSLEUTH_LIB_BASE_BYTE_SIZE_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"

namespace heapsleuth {

// InvalidArgumentError naming `text` when it is not a size or overflows 64 bits.
absl::StatusOr<uint64_t> ParseByteSize(std::string_view text);

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_BYTE_SIZE_H_
