#include "lib/base/spill_file.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

#include "lib/base/temp_file.h"

namespace heapsleuth {
namespace {

const uint64_t kPage = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));

bool WriteAll(int fd, const char* data, size_t bytes, uint64_t offset) {
  while (bytes > 0) {
    const ssize_t n = ::pwrite(fd, data, bytes, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    bytes -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return true;
}

}  // namespace

std::unique_ptr<SpillFile> SpillFile::Create() {
  const TempFile file = OpenUnlinkedTempFile();
  if (file.fd < 0) return nullptr;
  return std::unique_ptr<SpillFile>(new SpillFile(file.fd));
}

SpillFile::~SpillFile() { ::close(fd_); }  // The mappings keep the file itself.

std::optional<SpillFile::Parked> SpillFile::Park(const void* data, size_t bytes) {
  const uint64_t offset = end_;
  // A failed write leaves the file shorter than end_ or with a partial
  // range; nothing maps that range, and the next Park starts past it.
  end_ += (bytes + kPage - 1) / kPage * kPage;
  if (!WriteAll(fd_, static_cast<const char*>(data), bytes, offset)) return std::nullopt;
  void* mapped = ::mmap(nullptr, bytes, PROT_READ, MAP_SHARED, fd_, static_cast<off_t>(offset));
  if (mapped == MAP_FAILED) return std::nullopt;
  Parked parked;
  parked.data = mapped;
  parked.keepalive = std::shared_ptr<const void>(mapped, [bytes](const void* addr) {
    ::munmap(const_cast<void*>(addr), bytes);
  });
  return parked;
}

void ReleaseFilePages(const void* data, size_t bytes) {
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kPage - 1) / kPage * kPage;
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) / kPage * kPage;
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

}  // namespace heapsleuth
