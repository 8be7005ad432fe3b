// The snapshot's `strings`, decoded once into one arena.
//
//   arena_:   |<dummy>|Object|system / Context|...        (bytes, WTF-8)
//   offsets_: 0       7      13                 ...  size  (count + 1 entries)
//
// Strings are stored as WTF-8: UTF-8 that also encodes lone UTF-16
// surrogates, because V8 writes them (`\uD800` alone, e.g. where a name was
// cut at 1024 characters in the middle of a pair) and DevTools keeps them.
// Output code turns a lone surrogate into U+FFFD when it writes text.
// Cost: the decoded bytes plus 8 bytes per string; no per-string allocation.
// A table reopened from the index file views the mapping (FromMapped): the
// arena and the offsets are then read in place; so does a parked table
// (Park: moved to a temporary file while a step does not read it).
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_STRING_TABLE_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_STRING_TABLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/column.h"
#include "lib/base/ids.h"
#include "lib/base/spill_file.h"

namespace heapsleuth::snapshot {

class StringTable {
 public:
  StringTable() { offsets_ = std::vector<uint64_t>{0}; }

  // A table over `arena` (bytes) and `offsets` (count + 1 entries, starting
  // at 0, never decreasing, the last one arena.size()), both in a mapping the
  // offsets' keepalive holds. The caller has checked the offsets.
  static StringTable FromMapped(std::string_view arena, Column<uint64_t> offsets) {
    StringTable table;
    table.offsets_ = std::move(offsets);
    table.mapped_arena_ = arena;
    table.mapped_ = true;
    return table;
  }

  // Moves the arena and the offsets into `file`; both stay in memory when
  // that fails.
  void Park(SpillFile& file);
  // Drops the parked pages from the process (read back when touched).
  void ReleaseParkedPages() const;

  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  std::string_view Get(StringId id) const {
    uint64_t begin = offsets_[id.value()];
    return std::string_view(arena_data() + begin, offsets_[id.value() + 1] - begin);
  }

  StringId Add(std::string_view text) {
    arena_.append(text);
    SealString();
    return StringId(size() - 1);
  }

  // For the decoder: append bytes to the string being built, then seal it.
  std::string& mutable_arena() { return arena_; }
  void SealString() {
    offsets_.MutableRows().push_back(arena_.size());
    offsets_.Sync();
  }

  uint64_t arena_bytes() const { return mapped_ ? mapped_arena_.size() : arena_.size(); }
  std::string_view arena() const { return mapped_ ? mapped_arena_ : std::string_view(arena_); }
  const Column<uint64_t>& offsets() const { return offsets_; }

 private:
  const char* arena_data() const { return mapped_ ? mapped_arena_.data() : arena_.data(); }

  std::string arena_;
  Column<uint64_t> offsets_;
  std::string_view mapped_arena_;
  bool mapped_ = false;
  bool parked_ = false;
  std::shared_ptr<const void> arena_keepalive_;  // Parked arenas only.
};

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_STRING_TABLE_H_
