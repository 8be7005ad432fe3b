// An unlinked temporary file that holds columns a long step does not read.
//
// Why: this machine class has no swap, so a process' anonymous memory stays
// in RAM until it is freed, while a page of a file mapping that nobody
// touches is not part of the process at all: it is page cache, which the
// kernel writes out and drops when memory is short. A cold load holds the
// whole graph while the dominator tree adds its scratch, yet that step reads
// no node id, no edge name and no string, a third of the graph (for big500:
// 82 MB of edge names, 26 MB of ids, 40 MB of strings). Parked here they are
// still read in place, through a read-only mapping, by whatever needs them
// later. Eclipse MAT keeps its index files on disk for the same reason; this
// file lives for one run and leaves nothing behind.
//
// Parking is never needed for correctness: when the file cannot be made or
// written (no temporary directory, disk full), the rows stay in memory.
// Cost: one write of the parked bytes into the page cache (about 0.05 s for
// 150 MB); a file deleted before the kernel flushes it is never written out.
#ifndef HEAPSLEUTH_LIB_BASE_SPILL_FILE_H_
#define HEAPSLEUTH_LIB_BASE_SPILL_FILE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

#include "lib/base/column.h"

namespace heapsleuth {

class SpillFile {
 public:
  // nullptr when no temporary file can be made.
  static std::unique_ptr<SpillFile> Create();
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Bytes written to the file and mapped read-only; the mapping lives as long
  // as `keepalive`. nullopt when writing or mapping fails.
  struct Parked {
    const void* data = nullptr;
    std::shared_ptr<const void> keepalive;
  };
  std::optional<Parked> Park(const void* data, size_t bytes);

  // `column`'s rows, viewed in the file; `column` itself when it is already a
  // view, empty, or cannot be parked.
  template <typename T>
  Column<T> Park(Column<T> column) {
    if (column.is_view() || column.empty()) return column;
    std::optional<Parked> parked = Park(column.data(), column.size() * sizeof(T));
    if (!parked) return column;
    return Column<T>::View(static_cast<const T*>(parked->data), column.size(), std::move(parked->keepalive));
  }

  uint64_t bytes() const { return end_; }

 private:
  explicit SpillFile(int fd) : fd_(fd) {}
  int fd_;
  uint64_t end_ = 0;  // Page-aligned end of what has been parked.
};

// Asks the kernel to drop the whole pages of [data, data + bytes) from this
// process. Only for read-only views of a file (parked columns): they are read
// back from the page cache or the file when touched again.
void ReleaseFilePages(const void* data, size_t bytes);

// ReleaseFilePages over a parked column's rows; nothing for owned rows.
template <typename T>
void ReleaseColumnPages(const Column<T>& column) {
  if (column.is_view()) ReleaseFilePages(column.data(), column.size() * sizeof(T));
}

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_SPILL_FILE_H_
