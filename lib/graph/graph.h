// The compact heap graph every analysis runs on.
//
// Struct of arrays with 32-bit ordinals; forward edges in CSR form (a node's
// edges are contiguous, as in the file):
//
//   first_edge_     [n0|n1|n2|...|E]   node i's edges: [first_edge_[i], first_edge_[i+1])
//   edge_to_node_   [t ,t ,t ,t ,...]  target ordinals, file order
//
// Reverse edges are not kept here: retainers.h builds them for the tools that
// walk towards the roots. Memory: per node 18 bytes (22 with trace node ids,
// kept only when some node has one), per edge 9 bytes, plus the string arena;
// nothing is allocated per node. The graph's values are immutable once built
// (Park moves some columns out of memory, not their values); analyses keep
// their results in their own arrays.
//
// Columns are Columns (lib/base/column.h): owned vectors after a parse, views
// of the mapping when the graph is reopened from the binary index file
// (index_file.h), which fills them through IndexAccess.
#ifndef HEAPSLEUTH_LIB_GRAPH_GRAPH_H_
#define HEAPSLEUTH_LIB_GRAPH_GRAPH_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "lib/base/column.h"
#include "lib/base/ids.h"
#include "lib/base/size_column.h"
#include "lib/base/spill_file.h"
#include "lib/snapshot/raw_snapshot.h"

namespace heapsleuth::graph {

// A type byte that no node or edge has (the type is absent from the meta).
inline constexpr uint8_t kNoType = 255;

// Node type values of this snapshot, resolved by name from its meta.
struct NodeTypes {
  uint8_t hidden = kNoType, array = kNoType, string = kNoType, object = kNoType, code = kNoType,
          closure = kNoType, regexp = kNoType, number = kNoType, native = kNoType,
          synthetic = kNoType, concatenated_string = kNoType, sliced_string = kNoType;
};

// Edge type values of this snapshot. `invisible` is DevTools' extra type, one
// past the file's types: no edge in a file has it, but DevTools' filters test
// for it, and so do ours.
struct EdgeTypes {
  uint8_t context = kNoType, element = kNoType, property = kNoType, internal = kNoType,
          hidden = kNoType, shortcut = kNoType, weak = kNoType, invisible = kNoType;
};

class Graph {
 public:
  // Takes the parsed columns.
  static Graph Build(snapshot::RawSnapshot raw);

  // Moves the columns that the analyses after the essential edges barely
  // read (node ids, trace node ids, edge names, the strings) into `file`
  // (lib/base/spill_file.h): their values stay, in a read-only mapping of
  // the file instead of this process' memory. For cold loads, right after
  // Build; a column that cannot be parked stays in memory.
  void Park(SpillFile& file);
  // Drops the parked columns' pages from the process (read back from the
  // page cache when touched): after a step that read them all, before steps
  // that read few of them. Nothing when nothing is parked.
  void ReleaseParkedPages() const;
  // The same for the names of edges [begin, end) alone: for a sweep in node
  // order that reads some names of every node's edges, behind it.
  void ReleaseParkedEdgeNames(uint32_t begin, uint32_t end) const;

  uint32_t node_count() const { return static_cast<uint32_t>(node_type_.size()); }
  uint32_t edge_count() const { return static_cast<uint32_t>(edge_type_.size()); }
  uint32_t root() const { return root_; }

  // Nodes, by ordinal.
  uint8_t node_type(uint32_t node) const { return node_type_[node]; }
  std::string_view node_type_name(uint32_t node) const { return node_type_names_[node_type_[node]]; }
  StringId node_name_id(uint32_t node) const { return StringId(node_name_[node]); }
  std::string_view node_name(uint32_t node) const { return strings_.Get(node_name_id(node)); }
  NodeId node_id(uint32_t node) const { return node_id_[node]; }
  // V8's self size, as written in the file (DevTools may reattribute it).
  uint64_t raw_self_size(uint32_t node) const { return node_self_size_[node]; }
  bool has_detachedness() const { return !node_detachedness_.empty(); }
  // The detachedness written by the embedder (0 unknown, 1 attached, 2 detached).
  uint8_t raw_detachedness(uint32_t node) const {
    return node_detachedness_.empty() ? 0 : node_detachedness_[node];
  }
  bool has_trace_node_ids() const { return !node_trace_node_id_.empty(); }
  uint32_t trace_node_id(uint32_t node) const {
    return node_trace_node_id_.empty() ? 0 : node_trace_node_id_[node];
  }

  // Forward edges: [first_edge(node), first_edge(node + 1)).
  uint32_t first_edge(uint32_t node) const { return first_edge_[node]; }
  uint8_t edge_type(uint32_t edge) const { return edge_type_[edge]; }
  std::string_view edge_type_name(uint32_t edge) const { return edge_type_names_[edge_type_[edge]]; }
  uint32_t edge_to_node(uint32_t edge) const { return edge_to_node_[edge]; }
  uint32_t edge_name_or_index(uint32_t edge) const { return edge_name_or_index_[edge]; }
  // Element and hidden edges carry an index; the others a string.
  bool edge_has_string_name(uint32_t edge) const {
    return edge_type_[edge] != edge_types_.element && edge_type_[edge] != edge_types_.hidden;
  }
  std::string_view edge_name(uint32_t edge) const {
    return strings_.Get(StringId(edge_name_or_index_[edge]));
  }

  const NodeTypes& node_types() const { return node_types_; }
  const EdgeTypes& edge_types() const { return edge_types_; }
  const snapshot::StringTable& strings() const { return strings_; }
  const snapshot::SnapshotMeta& meta() const { return meta_; }
  uint64_t extra_native_bytes() const { return meta_.extra_native_bytes; }
  uint64_t file_bytes() const { return file_bytes_; }

  // The script location V8 recorded for `node`, if any. When a node is
  // listed twice, the last row wins, as in DevTools' location map.
  std::optional<snapshot::Location> location(uint32_t node) const;
  // Every located node's location, sorted by node: for sweeps in node order
  // that would otherwise search once per node.
  const Column<snapshot::Location>& locations() const { return locations_; }

  // Bulk views for algorithms that sweep whole columns.
  const Column<uint32_t>& edge_to_node_column() const { return edge_to_node_; }
  const Column<uint8_t>& edge_type_column() const { return edge_type_; }
  const Column<uint32_t>& first_edge_column() const { return first_edge_; }
  // The rest, for the index file's writer and the round-trip tests.
  const Column<uint8_t>& node_type_column() const { return node_type_; }
  const Column<uint32_t>& node_name_column() const { return node_name_; }
  const Column<uint32_t>& node_id_column() const { return node_id_; }
  const SizeColumn& node_self_size_column() const { return node_self_size_; }
  const Column<uint32_t>& node_trace_node_id_column() const { return node_trace_node_id_; }
  const Column<uint8_t>& node_detachedness_column() const { return node_detachedness_; }
  const Column<uint32_t>& edge_name_or_index_column() const { return edge_name_or_index_; }

 private:
  friend struct IndexAccess;  // index_file.cc builds graphs over a mapping.
  Graph() = default;
  // Type names and values from meta_ (Build and the index reader).
  void ResolveTypes();

  snapshot::SnapshotMeta meta_;
  snapshot::StringTable strings_;
  std::vector<std::string_view> node_type_names_, edge_type_names_;
  NodeTypes node_types_;
  EdgeTypes edge_types_;
  uint32_t root_ = 0;
  uint64_t file_bytes_ = 0;
  bool parked_ = false;

  Column<uint8_t> node_type_;
  Column<uint32_t> node_name_;
  Column<uint32_t> node_id_;
  SizeColumn node_self_size_;
  Column<uint32_t> node_trace_node_id_;
  Column<uint8_t> node_detachedness_;
  Column<uint32_t> first_edge_;

  Column<uint8_t> edge_type_;
  Column<uint32_t> edge_name_or_index_;
  Column<uint32_t> edge_to_node_;

  Column<snapshot::Location> locations_;  // Sorted by node; one per node.
};

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_GRAPH_H_
