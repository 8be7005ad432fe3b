// Recognizes V8's WeakMap ephemeron edge names.
//
// V8 represents a WeakMap entry's value as retained twice, by the table and by
// the key, with internal edges named like
//   "3 / part of key (Foo @41) -> value (Bar @43) pair in WeakMap (table @39)"
// DevTools (HeapSnapshot.tryParseWeakMapEdgeName) matches them with
//   ^\d+( / part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(\d+)\))$
// and uses the match twice: the table->value edge is not essential for
// dominators, and distances wait for the second edge of each pair. This is a
// hand-written equivalent of that regex (with JS `.` not matching line
// terminators), cached per string.
#ifndef HEAPSLEUTH_LIB_GRAPH_WEAK_MAP_EDGES_H_
#define HEAPSLEUTH_LIB_GRAPH_WEAK_MAP_EDGES_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "lib/graph/graph.h"

namespace heapsleuth::graph {

struct WeakMapEdgeName {
  // Everything after the leading index: equal for the two edges of a pair.
  std::string_view duplicated_part;
  // The table's object id; nullopt when it does not fit any node id.
  std::optional<NodeId> table_id;
};

// Parses `name`; nullopt when it is not an ephemeron edge name.
std::optional<WeakMapEdgeName> ParseWeakMapEdgeName(std::string_view name);

// ParseWeakMapEdgeName over a graph's string table, remembering the strings
// that do not match (most of them).
class WeakMapEdgeNames {
 public:
  explicit WeakMapEdgeNames(const Graph& graph) : graph_(graph), not_weak_map_(graph.strings().size(), 0) {}

  std::optional<WeakMapEdgeName> Parse(StringId name) {
    if (not_weak_map_[name.value()]) return std::nullopt;
    std::optional<WeakMapEdgeName> match = ParseWeakMapEdgeName(graph_.strings().Get(name));
    if (!match) not_weak_map_[name.value()] = 1;
    return match;
  }

 private:
  const Graph& graph_;
  std::vector<uint8_t> not_weak_map_;
};

// One bit per edge: set for the internal edges with an ephemeron name. Read
// once, so that the later walks (essential edges, distances) parse only
// these names and leave the rest of the edge names alone (they may be parked
// out of memory, Graph::Park).
std::vector<bool> FindWeakMapEdges(const Graph& graph);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_WEAK_MAP_EDGES_H_
