// Inputs that cannot be mapped as they are: compressed files (gzip, zstd)
// and streams (stdin, pipes). Their bytes, decompressed, are copied into an
// unlinked temporary file, which MappedFile then maps like any snapshot.
//
// Why a file and not memory: the parser releases the pages behind it, so a
// mapped input costs little resident memory however big it is; a buffer in
// memory would cost the whole input for the whole parse. The temporary file
// lives in $TMPDIR (or /tmp) and disappears when it is closed, or when the
// process dies.
//
// Compression is recognised by its magic number, not the file name, so a
// compressed snapshot on stdin works too. Decompression streams: zlib for
// gzip (several members allowed, as gzip writes them), libzstd for zstd
// (several frames allowed). A truncated or corrupt archive is an error
// naming the compressed byte offset. Two guards against decompression
// bombs: spooling stops early when the first bytes are not a JSON object
// (the parser then reports that, at byte 0), and input that inflates more
// than kMaxExpansion times past the first 64 MB is refused: V8's JSON
// compresses 5-20 times, a bomb a thousand. At most `max_bytes` are spooled.
#ifndef HEAPSLEUTH_LIB_BASE_INPUT_SPOOL_H_
#define HEAPSLEUTH_LIB_BASE_INPUT_SPOOL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "lib/base/progress.h"

namespace heapsleuth {

enum class Compression { kNone, kGzip, kZstd };

inline constexpr uint64_t kMaxExpansion = 500;

struct SpooledInput {
  int fd;                   // The temporary copy, positioned at 0; the caller closes it.
  Compression compression;  // What the input was.
};

// From the first bytes of an input (at least 4 to tell them all apart).
Compression DetectCompression(std::string_view first_bytes);

// Copies what `fd` yields from its current position to its end,
// decompressed, into a new unlinked temporary file. `name` is used in
// errors. `progress` counts input bytes against `input_size` (0: unknown).
absl::StatusOr<SpooledInput> SpoolToTemporaryFile(int fd, const std::string& name, uint64_t input_size,
                                         uint64_t max_bytes, Progress& progress);

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_INPUT_SPOOL_H_
