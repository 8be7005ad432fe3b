#include "lib/graph/graph.h"

#include <algorithm>

namespace heapsleuth::graph {
namespace {

uint8_t TypeIndex(const std::vector<std::string>& names, std::string_view name) {
  auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? kNoType : static_cast<uint8_t>(it - names.begin());
}

}  // namespace

Graph Graph::Build(snapshot::RawSnapshot raw) {
  Graph graph;
  graph.meta_ = std::move(raw.meta);
  graph.strings_ = std::move(raw.strings);
  graph.root_ = raw.root_ordinal;
  graph.file_bytes_ = raw.file_bytes;
  graph.node_type_ = std::move(raw.node_type);
  graph.node_name_ = std::move(raw.node_name);
  graph.node_id_ = std::move(raw.node_id);
  graph.node_self_size_ = std::move(raw.node_self_size);
  graph.node_trace_node_id_ = std::move(raw.node_trace_node_id);
  graph.node_detachedness_ = std::move(raw.node_detachedness);
  graph.first_edge_ = std::move(raw.first_edge);
  graph.edge_type_ = std::move(raw.edge_type);
  graph.edge_name_or_index_ = std::move(raw.edge_name_or_index);
  graph.edge_to_node_ = std::move(raw.edge_to_node);
  graph.ResolveTypes();

  // Locations: one per node, the last row winning (DevTools' Map.set).
  std::vector<snapshot::Location> locations = std::move(raw.locations);
  std::stable_sort(locations.begin(), locations.end(),
                   [](const snapshot::Location& a, const snapshot::Location& b) { return a.node < b.node; });
  std::vector<snapshot::Location> unique;
  unique.reserve(locations.size());
  for (const snapshot::Location& location : locations) {
    if (!unique.empty() && unique.back().node == location.node) {
      unique.back() = location;
    } else {
      unique.push_back(location);
    }
  }
  graph.locations_ = std::move(unique);

  // Trace node ids are all zero unless allocations were tracked; then they
  // are not worth a column.
  if (std::all_of(graph.node_trace_node_id_.begin(), graph.node_trace_node_id_.end(),
                  [](uint32_t id) { return id == 0; })) {
    graph.node_trace_node_id_ = std::vector<uint32_t>();
  }
  return graph;
}

void Graph::Park(SpillFile& file) {
  node_id_ = file.Park(std::move(node_id_));
  node_trace_node_id_ = file.Park(std::move(node_trace_node_id_));
  edge_name_or_index_ = file.Park(std::move(edge_name_or_index_));
  strings_.Park(file);
  parked_ = true;
}

void Graph::ReleaseParkedPages() const {
  if (!parked_) return;
  ReleaseColumnPages(node_id_);
  ReleaseColumnPages(node_trace_node_id_);
  ReleaseColumnPages(edge_name_or_index_);
  strings_.ReleaseParkedPages();
}

void Graph::ReleaseParkedEdgeNames(uint32_t begin, uint32_t end) const {
  if (!parked_ || !edge_name_or_index_.is_view() || end <= begin) return;
  ReleaseFilePages(edge_name_or_index_.data() + begin, size_t{end - begin} * sizeof(uint32_t));
}

void Graph::ResolveTypes() {
  Graph& graph = *this;
  const auto& node_types = graph.meta_.node_types;
  for (const std::string& name : node_types) graph.node_type_names_.push_back(name);
  NodeTypes& nt = graph.node_types_;
  nt.hidden = TypeIndex(node_types, "hidden");
  nt.array = TypeIndex(node_types, "array");
  nt.string = TypeIndex(node_types, "string");
  nt.object = TypeIndex(node_types, "object");
  nt.code = TypeIndex(node_types, "code");
  nt.closure = TypeIndex(node_types, "closure");
  nt.regexp = TypeIndex(node_types, "regexp");
  nt.number = TypeIndex(node_types, "number");
  nt.native = TypeIndex(node_types, "native");
  nt.synthetic = TypeIndex(node_types, "synthetic");
  nt.concatenated_string = TypeIndex(node_types, "concatenated string");
  nt.sliced_string = TypeIndex(node_types, "sliced string");

  const auto& edge_types = graph.meta_.edge_types;
  for (const std::string& name : edge_types) graph.edge_type_names_.push_back(name);
  graph.edge_type_names_.push_back("invisible");
  EdgeTypes& et = graph.edge_types_;
  et.context = TypeIndex(edge_types, "context");
  et.element = TypeIndex(edge_types, "element");
  et.property = TypeIndex(edge_types, "property");
  et.internal = TypeIndex(edge_types, "internal");
  et.hidden = TypeIndex(edge_types, "hidden");
  et.shortcut = TypeIndex(edge_types, "shortcut");
  et.weak = TypeIndex(edge_types, "weak");
  et.invisible = TypeIndex(edge_types, "invisible");
  if (et.invisible == kNoType) et.invisible = static_cast<uint8_t>(edge_types.size());
}

std::optional<snapshot::Location> Graph::location(uint32_t node) const {
  auto it = std::lower_bound(locations_.begin(), locations_.end(), node,
                             [](const snapshot::Location& l, uint32_t n) { return l.node < n; });
  if (it == locations_.end() || it->node != node) return std::nullopt;
  return *it;
}

}  // namespace heapsleuth::graph
