// A parsed .heapsnapshot as columns: the parser's output, the graph's input.
//
// One entry per node (ordinal = row in `nodes`) and per edge (ordinal = row in
// `edges`), struct-of-arrays, with V8's values unchanged except that edge
// `to_node` (a node index = ordinal x node field count in the file) is stored
// as the target's ordinal. Node edges are contiguous: node i owns edges
// [first_edge[i], first_edge[i+1]). All indices have been checked against
// their tables, so consumers need not check again.
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_RAW_SNAPSHOT_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_RAW_SNAPSHOT_H_

#include <cstdint>
#include <vector>

#include "lib/base/size_column.h"
#include "lib/snapshot/meta.h"
#include "lib/snapshot/string_table.h"

namespace heapsleuth::snapshot {

// A script position V8 recorded for an object (closures, objects made by
// constructors): the `locations` section, one row per located node.
struct Location {
  uint32_t node;  // Ordinal of the located node.
  uint32_t script_id;
  uint32_t line;
  uint32_t column;
};

struct RawSnapshot {
  SnapshotMeta meta;
  StringTable strings;

  // Node columns, `node_count` entries each (first_edge has one more).
  std::vector<uint8_t> node_type;
  std::vector<uint32_t> node_name;  // StringId values.
  std::vector<uint32_t> node_id;
  SizeColumn node_self_size;
  std::vector<uint32_t> first_edge;
  std::vector<uint32_t> node_trace_node_id;  // Empty unless the file has the field.
  std::vector<uint8_t> node_detachedness;    // Empty unless the file has the field.

  // Edge columns, `edge_count` entries each.
  std::vector<uint8_t> edge_type;
  std::vector<uint32_t> edge_name_or_index;  // StringId for named edge types, else an index.
  std::vector<uint32_t> edge_to_node;        // Target node ordinal.

  std::vector<Location> locations;             // In file order.
  std::vector<uint32_t> trace_function_infos;  // Raw rows, when recorded.
  std::vector<uint64_t> samples;               // Raw rows, when recorded.

  uint32_t root_ordinal = 0;
  uint64_t file_bytes = 0;
  // The byte offset of the comma at which the parser split the edges array
  // between its two threads, or 0 when one thread read it whole.
  uint64_t edges_split_offset = 0;

  uint32_t node_count() const { return static_cast<uint32_t>(node_type.size()); }
  uint32_t edge_count() const { return static_cast<uint32_t>(edge_type.size()); }
};

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_RAW_SNAPSHOT_H_
