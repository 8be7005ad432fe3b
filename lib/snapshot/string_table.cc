#include "lib/snapshot/string_table.h"

namespace heapsleuth::snapshot {

void StringTable::Park(SpillFile& file) {
  if (mapped_) return;
  offsets_ = file.Park(std::move(offsets_));
  if (!arena_.empty()) {
    if (std::optional<SpillFile::Parked> parked = file.Park(arena_.data(), arena_.size())) {
      mapped_arena_ = std::string_view(static_cast<const char*>(parked->data), arena_.size());
      arena_keepalive_ = std::move(parked->keepalive);
      mapped_ = true;
      std::string().swap(arena_);
    }
  }
  parked_ = true;
}

void StringTable::ReleaseParkedPages() const {
  if (!parked_) return;
  ReleaseColumnPages(offsets_);
  if (mapped_) ReleaseFilePages(mapped_arena_.data(), mapped_arena_.size());
}

}  // namespace heapsleuth::snapshot
