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
#include "lib/base/input_spool.h"
#include "lib/base/str_cat.h"

namespace heapsleuth {
namespace {

absl::Status ErrnoError(const std::string& name, const char* what) {
  return absl::NotFoundError(StrCat(name, ": ", what, ": ", std::strerror(errno)));
}

}  // namespace

std::unique_ptr<MappedFile> MappedFile::FromBytes(std::string_view bytes, std::string name) {
  std::unique_ptr<MappedFile> file(new MappedFile());
  file->name_ = std::move(name);
  file->data_ = bytes.data();
  file->size_ = bytes.size();
  return file;
}

absl::StatusOr<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path, uint64_t max_read_bytes,
                                                            Progress& progress) {
  std::unique_ptr<MappedFile> file(new MappedFile());
  const bool from_stdin = path == "-";
  file->name_ = from_stdin ? "<stdin>" : path;
  int fd = from_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError(path, "cannot open");
  auto close_input = [&] {
    if (!from_stdin) ::close(fd);
  };
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    absl::Status status = ErrnoError(file->name_, "cannot stat");
    close_input();
    return status;
  }
  if (S_ISDIR(st.st_mode)) {
    close_input();
    return absl::InvalidArgumentError(StrCat(path, ": is a directory, not a heap snapshot"));
  }
  // A regular file is mapped as it is, unless it is compressed; anything
  // else (stdin, pipes, devices, empty files) goes through a temporary copy.
  bool spool = !S_ISREG(st.st_mode) || st.st_size == 0;
  if (!spool) {
    char magic[4] = {};
    const ssize_t n = ::pread(fd, magic, sizeof magic, 0);
    spool = n > 0 && DetectCompression(std::string_view(magic, static_cast<size_t>(n))) != Compression::kNone;
  }
  if (spool) {
    const uint64_t input_size = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
    absl::StatusOr<SpooledInput> copy = SpoolToTemporaryFile(fd, file->name_, input_size, max_read_bytes, progress);
    close_input();
    if (!copy.ok()) return copy.status();
    fd = copy->fd;  // Byte offsets in errors are now in the decompressed text.
    if (::fstat(fd, &st) != 0) {
      absl::Status status = ErrnoError(file->name_, "cannot stat the temporary copy");
      ::close(fd);
      return status;
    }
  }
  if (st.st_size > 0) {
    void* addr = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (addr == MAP_FAILED) {
      absl::Status status = ErrnoError(file->name_, "cannot map");
      if (spool || !from_stdin) ::close(fd);
      return status;
    }
    ::madvise(addr, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
    file->data_ = static_cast<const char*>(addr);
    file->size_ = static_cast<size_t>(st.st_size);
    file->mapped_ = true;
    // A spooled copy's descriptor is ours; stdin's is duplicated, so that
    // closing ours leaves it open.
    file->fd_ = spool || !from_stdin ? fd : ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    return file;
  }
  if (spool || !from_stdin) ::close(fd);
  return file;
}

MappedFile::~MappedFile() {
  if (mapped_) ::munmap(const_cast<char*>(data_), size_);
  if (fd_ >= 0) ::close(fd_);
}

absl::Status MappedFile::CopyOut(size_t offset, size_t length, char* out) const {
  if (offset > size_ || length > size_ - offset) {
    return absl::OutOfRangeError(StrCat(name_, ": bytes [", offset, ", +", length, ") are outside the file"));
  }
  if (length == 0) return absl::OkStatus();  // `out` may be null then.
  if (fd_ < 0) {
    std::memcpy(out, data_ + offset, length);
    return absl::OkStatus();
  }
  for (size_t done = 0; done < length;) {
    const ssize_t n = ::pread(fd_, out + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return absl::DataLossError(StrCat(name_, ": byte ", offset + done, ": cannot read",
                                        n < 0 ? StrCat(": ", std::strerror(errno)) : std::string(" (file shrank)")));
    }
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
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
