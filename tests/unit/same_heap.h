// Catch2 checks that two graphs, or two analyses, hold the same values
// column by column, wherever their rows live (owned, an index file's
// mapping, a parked column).
#ifndef HEAPSLEUTH_TESTS_UNIT_SAME_HEAP_H_
#define HEAPSLEUTH_TESTS_UNIT_SAME_HEAP_H_

#include <catch2/catch.hpp>

#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::testing {

template <typename A, typename B>
bool SameRows(const A& a, const B& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i])) return false;
  }
  return true;
}

inline void CheckSameGraph(const graph::Graph& a, const graph::Graph& b) {
  REQUIRE(a.node_count() == b.node_count());
  REQUIRE(a.edge_count() == b.edge_count());
  CHECK(a.root() == b.root());
  CHECK(a.file_bytes() == b.file_bytes());
  CHECK(a.extra_native_bytes() == b.extra_native_bytes());
  CHECK(a.meta().node_types == b.meta().node_types);
  CHECK(a.meta().edge_types == b.meta().edge_types);
  CHECK(a.meta().node_fields == b.meta().node_fields);
  CHECK(a.meta().edge_fields == b.meta().edge_fields);
  CHECK(a.meta().root_index == b.meta().root_index);
  CHECK(a.strings().size() == b.strings().size());
  CHECK(a.strings().arena() == b.strings().arena());
  CHECK(SameRows(a.strings().offsets(), b.strings().offsets()));
  CHECK(SameRows(a.node_type_column(), b.node_type_column()));
  CHECK(SameRows(a.node_name_column(), b.node_name_column()));
  CHECK(SameRows(a.node_id_column(), b.node_id_column()));
  CHECK(SameRows(a.node_trace_node_id_column(), b.node_trace_node_id_column()));
  CHECK(SameRows(a.node_detachedness_column(), b.node_detachedness_column()));
  CHECK(SameRows(a.first_edge_column(), b.first_edge_column()));
  CHECK(SameRows(a.edge_type_column(), b.edge_type_column()));
  CHECK(SameRows(a.edge_name_or_index_column(), b.edge_name_or_index_column()));
  CHECK(SameRows(a.edge_to_node_column(), b.edge_to_node_column()));
  bool sizes_equal = true;
  for (uint32_t node = 0; node < a.node_count(); ++node) sizes_equal &= a.raw_self_size(node) == b.raw_self_size(node);
  CHECK(sizes_equal);
  CHECK(a.locations().size() == b.locations().size());
  bool locations_equal = true;
  for (size_t i = 0; i < a.locations().size() && i < b.locations().size(); ++i) {
    const auto &x = a.locations()[i], &y = b.locations()[i];
    locations_equal &= x.node == y.node && x.script_id == y.script_id && x.line == y.line && x.column == y.column;
  }
  CHECK(locations_equal);
}

inline void CheckSameAnalysis(const graph::HeapAnalysis& x, const graph::HeapAnalysis& y) {
  CHECK(SameRows(x.detachedness, y.detachedness));
  CHECK(SameRows(x.self_size, y.self_size));
  CHECK(SameRows(x.distance, y.distance));
  CHECK(SameRows(x.dominators.dominator, y.dominators.dominator));
  CHECK(SameRows(x.dominators.dfs_order, y.dominators.dfs_order));
  CHECK(SameRows(x.dominators.retained_size, y.dominators.retained_size));
  CHECK(x.class_names.names == y.class_names.names);
  CHECK(SameRows(x.class_names.node_class, y.class_names.node_class));
}

}  // namespace heapsleuth::testing

#endif  // HEAPSLEUTH_TESTS_UNIT_SAME_HEAP_H_
