#include "lib/base/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "lib/base/str_cat.h"

namespace heapsleuth {
namespace {

absl::Status ErrnoError(const std::string& name, const char* what) {
  return absl::NotFoundError(StrCat(name, ": ", what, ": ", std::strerror(errno)));
}

// Reads all of `fd` into `out`; used for pipes and stdin. Refuses input
// longer than `max_bytes`, never holding a buffer larger than max_bytes + 1:
// the buffer doubles, but is capped there, and one byte past the limit is
// all it takes to know the input is too long.
absl::Status ReadAll(int fd, const std::string& name, uint64_t max_bytes, std::string& out) {
  constexpr size_t kFirstBuffer = 4 << 20;
  size_t used = 0;
  while (true) {
    if (used == out.size()) {
      const size_t size = static_cast<size_t>(std::min<uint64_t>(used + std::max(used, kFirstBuffer), max_bytes + 1));
      out.reserve(size);  // Exactly: resize() alone may double the capacity again.
      out.resize(size);
    }
    ssize_t n = ::read(fd, out.data() + used, out.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(name, "read failed");
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
    if (used > max_bytes) {
      return absl::ResourceExhaustedError(
          StrCat(name, ": byte ", max_bytes, ": input that cannot be mapped (stdin, a pipe) is limited to ",
                 max_bytes, " bytes; save it to a file, or raise --max-memory"));
    }
  }
  out.resize(used);
  return absl::OkStatus();
}

}  // namespace

std::unique_ptr<MappedFile> MappedFile::FromBytes(std::string_view bytes, std::string name) {
  std::unique_ptr<MappedFile> file(new MappedFile());
  file->name_ = std::move(name);
  file->data_ = bytes.data();
  file->size_ = bytes.size();
  return file;
}

absl::StatusOr<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path, uint64_t max_read_bytes) {
  std::unique_ptr<MappedFile> file(new MappedFile());
  if (path == "-") {
    file->name_ = "<stdin>";
    absl::Status status = ReadAll(STDIN_FILENO, file->name_, max_read_bytes, file->buffer_);
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
  absl::Status status = ReadAll(fd, path, max_read_bytes, file->buffer_);
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
