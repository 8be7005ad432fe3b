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
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_STRING_TABLE_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_STRING_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/ids.h"

namespace heapsleuth::snapshot {

class StringTable {
 public:
  StringTable() { offsets_.push_back(0); }

  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  std::string_view Get(StringId id) const {
    uint64_t begin = offsets_[id.value()];
    return std::string_view(arena_.data() + begin, offsets_[id.value() + 1] - begin);
  }

  StringId Add(std::string_view text) {
    arena_.append(text);
    offsets_.push_back(arena_.size());
    return StringId(size() - 1);
  }

  // For the decoder: append bytes to the string being built, then seal it.
  std::string& mutable_arena() { return arena_; }
  void SealString() { offsets_.push_back(arena_.size()); }

  uint64_t arena_bytes() const { return arena_.size(); }

 private:
  std::string arena_;
  std::vector<uint64_t> offsets_;
};

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_STRING_TABLE_H_
