// Read-only view of an input file: mmap for regular files; compressed
// files, stdin ("-") and other non-mappable inputs are first copied,
// decompressed, to an unlinked temporary file that is mapped the same way
// (input_spool.h).
//
// The parser walks the view front to back once. ReleaseBefore() lets it hand
// pages it has finished with back to the kernel (madvise MADV_DONTNEED), so a
// multi-gigabyte snapshot does not stay resident while its graph is built:
// peak RSS is the graph plus a window of the file, not the whole file.
// Cost: one mapping, no copy (plain files); a temporary file the size of the
// decompressed input (bounded, see kDefaultMaxReadBytes) for the rest; none
// for a view of bytes already in memory (fuzz targets, tests).
#ifndef HEAPSLEUTH_LIB_BASE_MAPPED_FILE_H_
#define HEAPSLEUTH_LIB_BASE_MAPPED_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "lib/base/progress.h"

namespace heapsleuth {

class MappedFile {
 public:
  // Opens `path`, or stdin when `path` is "-". Fails (with the path in the
  // message) on a missing file, a directory, an I/O error, a corrupt or
  // truncated archive, or a copied input longer than `max_read_bytes`.
  // Decompression reports its progress.
  static absl::StatusOr<std::unique_ptr<MappedFile>> Open(const std::string& path,
                                                          uint64_t max_read_bytes, Progress& progress);
  static absl::StatusOr<std::unique_ptr<MappedFile>> Open(const std::string& path) {
    NoProgress silent;
    return Open(path, kDefaultMaxReadBytes, silent);
  }

  // A view of `bytes`, named `name` in errors. Does not copy: `bytes` must
  // outlive the MappedFile. Lets a fuzz target parse exactly the buffer it was
  // given, so AddressSanitizer sees any read past its end.
  static std::unique_ptr<MappedFile> FromBytes(std::string_view bytes, std::string name);

  // Inputs that are copied (compressed files, stdin, FIFOs) are refused
  // past this many bytes unless the caller passes another bound (tools pass
  // --max-memory). Above the largest snapshots V8 writes (its heap is at
  // most a few GiB), and a bound on what an endless stream or a
  // decompression bomb can make us write.
  static constexpr uint64_t kDefaultMaxReadBytes = uint64_t{16} << 30;

  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view data() const { return {data_, size_}; }
  // The name used in error messages: the path, or "<stdin>".
  const std::string& name() const { return name_; }

  // Tells the kernel that bytes [0, offset) will not be read again.
  void ReleaseBefore(size_t offset);
  // The same for bytes [begin, end): the whole pages inside are dropped.
  // Threads reading disjoint parts of the file may call it concurrently.
  void ReleaseRange(size_t begin, size_t end) const;

  // Copies bytes [offset, offset + length) of data() into `out`, with pread
  // when the file is mapped: a one-pass check of a whole file (the index's)
  // then maps no page. Mapping a page-cache page costs more than copying it:
  // 4-5x on a 2-core VM (3 GB: 0.8 s by pread on one thread, 2.8-3.7 s
  // through the mapping on two). Threads may call it concurrently. Fails
  // (with the name) on an I/O error or a range outside the file.
  absl::Status CopyOut(size_t offset, size_t length, char* out) const;

 private:
  MappedFile() = default;

  std::string name_;
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t released_ = 0;
  bool mapped_ = false;
  int fd_ = -1;  // Of the mapped file, kept open for CopyOut.
};

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_MAPPED_FILE_H_
