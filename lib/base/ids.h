// Strong 32-bit ids for the graph's index spaces.
//
// A NodeIndex is a node's ordinal in file order (row number in `nodes`), an
// EdgeIndex an edge's ordinal in `edges`, a StringId a position in the string
// table. They are distinct types so that a node ordinal can never be passed
// where a V8 object id (`NodeId`, stable across snapshots) or an edge ordinal
// is expected. "None" is UINT32_MAX, never 0: node 0 is usually the root.
// Bulk arrays inside algorithms hold raw uint32_t; these types guard APIs.
#ifndef HEAPSLEUTH_LIB_BASE_IDS_H_
#define HEAPSLEUTH_LIB_BASE_IDS_H_

#include <cstdint>
#include <functional>

namespace heapsleuth {

template <typename Tag>
class StrongId {
 public:
  static constexpr uint32_t kNoneValue = UINT32_MAX;

  constexpr StrongId() = default;
  constexpr explicit StrongId(uint32_t value) : value_(value) {}
  static constexpr StrongId None() { return StrongId(); }

  constexpr uint32_t value() const { return value_; }
  constexpr bool is_none() const { return value_ == kNoneValue; }

  friend constexpr bool operator==(StrongId a, StrongId b) = default;
  friend constexpr auto operator<=>(StrongId a, StrongId b) = default;

 private:
  uint32_t value_ = kNoneValue;
};

using NodeIndex = StrongId<struct NodeIndexTag>;
using EdgeIndex = StrongId<struct EdgeIndexTag>;
using StringId = StrongId<struct StringIdTag>;

// V8's own object id (the `id` node field). Stable across snapshots of one
// process; JS objects have odd ids. Not an index into anything.
using NodeId = uint32_t;

}  // namespace heapsleuth

template <typename Tag>
struct std::hash<heapsleuth::StrongId<Tag>> {
  size_t operator()(heapsleuth::StrongId<Tag> id) const noexcept {
    return std::hash<uint32_t>()(id.value());
  }
};

#endif  // HEAPSLEUTH_LIB_BASE_IDS_H_
