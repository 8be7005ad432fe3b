#include "lib/snapshot/file_window.h"

#include <algorithm>
#include <cstring>

#include "lib/base/status_macros.h"

namespace heapsleuth::snapshot {

FileWindow::FileWindow(const MappedFile& file, uint64_t offset)
    : file_(file),
      buffer_(BufferBytes(file.data().size(), offset)),
      cursor_(std::string_view(buffer_.data(), 0), file.name(), offset) {}

absl::Status FileWindow::Advance() {
  const uint64_t start = cursor_.offset();
  const size_t kept = static_cast<size_t>(cursor_.end() - cursor_.pos());
  // At the end of the file the buffer may be empty (data() null), and
  // memmove's arguments must never be null, even for no bytes.
  if (kept != 0) std::memmove(buffer_.data(), cursor_.pos(), kept);
  const uint64_t file_size = file_.data().size();
  const uint64_t read_from = start + kept;
  const size_t length = static_cast<size_t>(std::min<uint64_t>(buffer_.size() - kept, file_size - read_from));
  HS_RETURN_IF_ERROR(file_.CopyOut(static_cast<size_t>(read_from), length, buffer_.data() + kept));
  cursor_ = JsonCursor(std::string_view(buffer_.data(), kept + length), file_.name(), start);
  at_end_of_file_ = read_from + length == file_size;
  return absl::OkStatus();
}

}  // namespace heapsleuth::snapshot
