// Read-only view of an input file: mmap for regular files, a read() buffer
// for stdin ("-") and other non-mappable inputs.
//
// The parser walks the view front to back once. ReleaseBefore() lets it hand
// pages it has finished with back to the kernel (madvise MADV_DONTNEED), so a
// multi-gigabyte snapshot does not stay resident while its graph is built:
// peak RSS is the graph plus a window of the file, not the whole file.
// Cost: one mapping, no copy (files); one heap buffer the size of the input
// (stdin, which cannot be mapped).
#ifndef HEAPSLEUTH_LIB_BASE_MAPPED_FILE_H_
#define HEAPSLEUTH_LIB_BASE_MAPPED_FILE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace heapsleuth {

class MappedFile {
 public:
  // Opens `path`, or stdin when `path` is "-". Fails (with the path in the
  // message) on a missing file, a directory, or an I/O error.
  static absl::StatusOr<std::unique_ptr<MappedFile>> Open(const std::string& path);

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
