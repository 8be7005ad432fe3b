#include "lib/graph/node_id_index.h"

#include <algorithm>

namespace heapsleuth::graph {

NodeIdIndex NodeIdIndex::Build(const Graph& graph) {
  NodeIdIndex index;
  index.entries_.reserve(graph.node_count());
  for (uint32_t node = 0; node < graph.node_count(); ++node) index.entries_.push_back({graph.node_id(node), node});
  // Stable, so that the first of equal ids stays first.
  std::stable_sort(index.entries_.begin(), index.entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.id < b.id; });
  return index;
}

std::optional<uint32_t> NodeIdIndex::Find(NodeId id) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), id,
                             [](const Entry& entry, NodeId value) { return entry.id < value; });
  if (it == entries_.end() || it->id != id) return std::nullopt;
  return it->node;
}

std::optional<uint32_t> FindNodeById(const Graph& graph, NodeId id) {
  const Column<uint32_t>& ids = graph.node_id_column();
  const auto it = std::find(ids.begin(), ids.end(), id);
  if (it == ids.end()) return std::nullopt;
  return static_cast<uint32_t>(it - ids.begin());
}

}  // namespace heapsleuth::graph
