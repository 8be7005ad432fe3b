#include "lib/base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "lib/base/str_cat.h"

namespace heapsleuth {
namespace {

absl::Status WriteError(const std::string& path, const char* what, int error) {
  return absl::UnavailableError(StrCat(path, ": ", what, ": ", std::strerror(error)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(StrCat(path, ": is a directory"));
  }
  std::string temp = StrCat(path, ".tmp-XXXXXX");
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return WriteError(path, "cannot create a temporary file beside it", errno);
  // mkstemp makes the file 0600; give it the mode a plain create would.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  std::FILE* stream = ::fdopen(fd, "wb");
  if (stream == nullptr) {
    const int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return WriteError(path, "cannot open a temporary file beside it", error);
  }
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, std::move(temp), stream));
}

AtomicFile::~AtomicFile() {
  if (stream_ != nullptr) std::fclose(stream_);
  if (!committed_) ::unlink(temp_path_.c_str());
}

absl::Status AtomicFile::Commit() {
  // Everything must be on disk before the rename makes it the destination,
  // or a crash could leave a complete name over incomplete data.
  const bool flushed = std::fflush(stream_) == 0 && std::ferror(stream_) == 0;
  int error = errno;
  const bool synced = flushed && ::fsync(::fileno(stream_)) == 0;
  if (flushed && !synced) error = errno;
  const bool closed = std::fclose(stream_) == 0;
  if (synced && !closed) error = errno;
  stream_ = nullptr;
  if (!flushed || !synced || !closed) return WriteError(path_, "cannot write", error);
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) return WriteError(path_, "cannot rename into place", errno);
  committed_ = true;
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& path, std::string_view text) {
  absl::StatusOr<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  if (std::fwrite(text.data(), 1, text.size(), (*file)->stream()) != text.size()) {
    return WriteError(path, "cannot write", errno);
  }
  return (*file)->Commit();
}

}  // namespace heapsleuth
