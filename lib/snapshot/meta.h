// The `snapshot` header of a .heapsnapshot: counts and the field/type tables.
//
// Everything the parser knows about the layout of `nodes`, `edges` and the
// optional sections comes from here, resolved by name: node rows may have 6
// or 7 fields (trace_node_id and detachedness are optional), node types number
// 14 or more, and a future V8 may add fields we do not know. Unknown fields are
// carried but ignored. Parsed with simdjson (it is small: a few KB).
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_META_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_META_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace heapsleuth::snapshot {

inline constexpr int kAbsentField = -1;

struct SnapshotMeta {
  std::vector<std::string> node_fields;
  std::vector<std::string> node_types;  // Names of the values of the `type` node field.
  std::vector<std::string> edge_fields;
  std::vector<std::string> edge_types;  // Names of the values of the `type` edge field.
  std::vector<std::string> location_fields;
  std::vector<std::string> sample_fields;
  std::vector<std::string> trace_function_info_fields;

  uint64_t node_count = 0;
  uint64_t edge_count = 0;
  uint64_t trace_function_count = 0;
  // `root_index` is a node index (ordinal x node field count) when present.
  std::optional<uint64_t> root_index;
  uint64_t extra_native_bytes = 0;

  // Field offsets within a row, resolved by name (kAbsentField when absent).
  int node_type = kAbsentField, node_name = kAbsentField, node_id = kAbsentField,
      node_self_size = kAbsentField, node_edge_count = kAbsentField,
      node_trace_node_id = kAbsentField, node_detachedness = kAbsentField;
  int edge_type = kAbsentField, edge_name_or_index = kAbsentField, edge_to_node = kAbsentField;
  int location_object_index = kAbsentField, location_script_id = kAbsentField,
      location_line = kAbsentField, location_column = kAbsentField;

  int node_field_count() const { return static_cast<int>(node_fields.size()); }
  int edge_field_count() const { return static_cast<int>(edge_fields.size()); }
};

// Parses the JSON text of the `snapshot` object. `file_name` and `offset` (of
// the object's first byte) place errors.
absl::StatusOr<SnapshotMeta> ParseSnapshotMeta(std::string_view json, std::string_view file_name,
                                               uint64_t offset);

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_META_H_
