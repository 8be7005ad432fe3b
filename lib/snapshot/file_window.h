// A window of an input file's text that moves forward through it, filled by
// pread (MappedFile::CopyOut) into a buffer of its own.
//
// Why not the mapping: the nodes' and edges' arrays are nine tenths of a
// snapshot and are read once, front to back. Reading them through the
// mapping makes the kernel map (and later unmap) every page-cache page into
// the process, which costs more than copying the bytes into a buffer that
// stays mapped: on the 2-core benchmark VM, a pass over a 1.2 GB file in the
// page cache took 0.68-0.80 s through a mapping and 0.16-0.18 s by pread.
// The parser's integer reader (uint_array_reader.h) takes either this or a
// JsonCursor over text already in memory.
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_FILE_WINDOW_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_FILE_WINDOW_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "lib/base/mapped_file.h"
#include "lib/snapshot/json_cursor.h"

namespace heapsleuth::snapshot {

class FileWindow {
 public:
  // 1 MiB (or the rest of the file, if less): big enough that a pread's
  // fixed cost is noise, small enough to stay in the L2 cache while the
  // reader walks it.
  static constexpr size_t kBytes = size_t{1} << 20;
  // The buffer for reading from byte `offset` of a `file_size`-byte file:
  // kBytes, or what is left of the file if less (a small input, and the
  // tests parse thousands, gets a small buffer; 0 at the end).
  static size_t BufferBytes(uint64_t file_size, uint64_t offset) {
    return static_cast<size_t>(std::min<uint64_t>(kBytes, file_size - std::min(offset, file_size)));
  }

  // A window at byte `offset` of `file`, empty until the first Advance().
  FileWindow(const MappedFile& file, uint64_t offset);

  // The window's text, its offsets the file's.
  JsonCursor& cursor() { return cursor_; }
  // Whether the window reaches the end of the file: no Advance() can add to it.
  bool at_end_of_file() const { return at_end_of_file_; }
  // Moves the window to start at the cursor's position, filled with up to
  // kBytes of the file from there. Fails (with the file's name) on an I/O error.
  absl::Status Advance();

 private:
  const MappedFile& file_;
  std::vector<char> buffer_;
  JsonCursor cursor_;
  bool at_end_of_file_ = false;
};

// The text of a JsonCursor that already holds all of it, for the integer
// reader: an input in memory (small sections, tests).
class WholeText {
 public:
  explicit WholeText(JsonCursor& cursor) : cursor_(cursor) {}
  JsonCursor& cursor() { return cursor_; }
  static bool at_end_of_file() { return true; }
  static absl::Status Advance() { return absl::OkStatus(); }

 private:
  JsonCursor& cursor_;
};

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_FILE_WINDOW_H_
