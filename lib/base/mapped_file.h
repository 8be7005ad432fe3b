// Read-only view of an input file: mmap for regular files, a read() buffer
// for stdin ("-") and other non-mappable inputs.
//
// The parser walks the view front to back once. ReleaseBefore() lets it hand
// pages it has finished with back to the kernel (madvise MADV_DONTNEED), so a
// multi-gigabyte snapshot does not stay resident while its graph is built:
// peak RSS is the graph plus a window of the file, not the whole file.
// Cost: one mapping, no copy (files); one heap buffer the size of the input
// (stdin, which cannot be mapped; bounded, see kDefaultMaxReadBytes), or none for a view
// of bytes already in memory (fuzz targets, tests).
#ifndef HEAPSLEUTH_LIB_BASE_MAPPED_FILE_H_
#define HEAPSLEUTH_LIB_BASE_MAPPED_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace heapsleuth {

class MappedFile {
 public:
  // Opens `path`, or stdin when `path` is "-". Fails (with the path in the
  // message) on a missing file, a directory, an I/O error, or an unmappable
  // input longer than `max_read_bytes`.
  static absl::StatusOr<std::unique_ptr<MappedFile>> Open(const std::string& path,
                                                          uint64_t max_read_bytes = kDefaultMaxReadBytes);

  // A view of `bytes`, named `name` in errors. Does not copy: `bytes` must
  // outlive the MappedFile. Lets a fuzz target parse exactly the buffer it was
  // given, so AddressSanitizer sees any read past its end.
  static std::unique_ptr<MappedFile> FromBytes(std::string_view bytes, std::string name);

  // Inputs that cannot be mapped (stdin, FIFOs) are read into memory; past
  // this many bytes they are refused unless the caller passes another bound
  // (tools pass --max-memory). Above the largest snapshots V8 writes (its
  // heap is at most a few GiB), and a bound on what an endless stream can
  // make us allocate.
  static constexpr uint64_t kDefaultMaxReadBytes = uint64_t{16} << 30;

  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view data() const { return {data_, size_}; }
  // The name used in error messages: the path, or "<stdin>".
  const std::string& name() const { return name_; }

  // Whether the bytes were read into a buffer this object owns (stdin, a
  // pipe) rather than mapped or borrowed: they then count as memory in use.
  bool buffered() const { return !mapped_ && data_ == buffer_.data() && size_ != 0; }

  // Tells the kernel that bytes [0, offset) will not be read again.
  void ReleaseBefore(size_t offset);
  // The same for bytes [begin, end): the whole pages inside are dropped.
  // Threads reading disjoint parts of the file may call it concurrently.
  void ReleaseRange(size_t begin, size_t end) const;

 private:
  MappedFile() = default;

  std::string name_;
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t released_ = 0;
  bool mapped_ = false;
  std::string buffer_;  // Holds the bytes when the input was not mapped.
};

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_MAPPED_FILE_H_
