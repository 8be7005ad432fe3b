#include "lib/base/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "lib/base/str_cat.h"

namespace heapsleuth {
namespace {

absl::Status ErrnoError(const std::string& name, const char* what) {
  return absl::NotFoundError(StrCat(name, ": ", what, ": ", std::strerror(errno)));
}

// Reads all of `fd` into `out`; used for pipes and stdin.
absl::Status ReadAll(int fd, const std::string& name, std::string& out) {
  constexpr size_t kChunk = 1 << 20;
  size_t used = 0;
  while (true) {
    if (out.size() - used < kChunk) out.resize(used + kChunk * 4);
    ssize_t n = ::read(fd, out.data() + used, out.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(name, "read failed");
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  out.resize(used);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path) {
  std::unique_ptr<MappedFile> file(new MappedFile());
  if (path == "-") {
    file->name_ = "<stdin>";
    absl::Status status = ReadAll(STDIN_FILENO, file->name_, file->buffer_);
    if (!status.ok()) return status;
    file->data_ = file->buffer_.data();
    file->size_ = file->buffer_.size();
    return file;
  }
  file->name_ = path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError(path, "cannot open");
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    absl::Status status = ErrnoError(path, "cannot stat");
    ::close(fd);
    return status;
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(StrCat(path, ": is a directory, not a heap snapshot"));
  }
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    void* addr = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (addr != MAP_FAILED) {
      ::close(fd);
      ::madvise(addr, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
      file->data_ = static_cast<const char*>(addr);
      file->size_ = static_cast<size_t>(st.st_size);
      file->mapped_ = true;
      return file;
    }
  }
  // Empty files, FIFOs and character devices cannot be mapped: read them.
  absl::Status status = ReadAll(fd, path, file->buffer_);
  ::close(fd);
  if (!status.ok()) return status;
  file->data_ = file->buffer_.data();
  file->size_ = file->buffer_.size();
  return file;
}

MappedFile::~MappedFile() {
  if (mapped_) ::munmap(const_cast<char*>(data_), size_);
}

void MappedFile::ReleaseBefore(size_t offset) {
  if (!mapped_) return;
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  size_t end = (offset / page) * page;
  if (end <= released_) return;
  ::madvise(const_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
  released_ = end;
}

void MappedFile::ReleaseRange(size_t begin, size_t end) const {
  if (!mapped_) return;
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  begin = (begin + page - 1) / page * page;
  end = end / page * page;
  if (end > begin) ::madvise(const_cast<char*>(data_) + begin, end - begin, MADV_DONTNEED);
}

}  // namespace heapsleuth
