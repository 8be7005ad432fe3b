#include "lib/report/dominator_tree_report.h"

#include "lib/report/heap_labels.h"
#include "lib/report/json_writer.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;

}  // namespace

std::string DominatorTreeJson(const DominatorTreeInput& input) {
  const graph::Graph& graph = *input.graph;
  const graph::HeapAnalysis& heap = *input.analysis;
  const analysis::DominatorTreeAggregate& tree = input.tree;
  std::string out;
  JsonWriter json(out, /*indent=*/0);
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  json.Field("tool", "heapsleuth-report");
  json.Field("file", input.file_name);
  json.Field("total_size", tree.total_size);
  json.Field("extra_native_bytes", graph.extra_native_bytes());
  json.Field("heap_node_count", graph.node_count());
  json.Field("max_nodes", input.options.max_nodes);
  json.Field("min_size", input.options.min_size);
  json.Field("kept_objects", tree.kept_objects);
  json.Key("nodes").BeginArray();
  for (const analysis::AggregateEntry& entry : tree.entries) {
    json.BeginObject();
    json.Key("parent");
    if (entry.parent == analysis::kNoEntry) {
      json.Null();
    } else {
      json.Uint(entry.parent);
    }
    if (entry.node == analysis::kNoEntry) {
      json.Field("merged_count", entry.child_count);
      if (entry.class_index != analysis::kNoEntry) json.Field("class_name", heap.class_names.names[entry.class_index]);
    } else {
      const uint32_t node = entry.node;
      json.Field("id", graph.node_id(node));
      json.Field("type", graph.node_type_name(node));
      json.Field("class_name", heap.class_names.of(node));
      json.Field("label", NodeLabel(graph, heap, node, kTableLabelChars));
      json.Field("self_size", heap.self_size[node]);
      json.Field("distance", heap.distance[node]);
      json.Field("child_count", entry.child_count);
    }
    json.Field("retained_size", entry.retained_size);
    json.Field("dominated_count", entry.dominated_count);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace heapsleuth::report
