#include "lib/graph/shallow_sizes.h"

#include "lib/graph/dom_state.h"
#include "lib/graph/roots.h"

namespace heapsleuth::graph {

std::vector<uint64_t> ComputeShallowSizes(const Graph& graph, std::span<const uint8_t> detachedness) {
  const uint32_t node_count = graph.node_count();
  std::vector<uint64_t> sizes(node_count);
  for (uint32_t node = 0; node < node_count; ++node) sizes[node] = graph.raw_self_size(node);
  if (!HasUserRoots(graph)) return sizes;

  constexpr uint32_t kUnvisited = UINT32_MAX;
  constexpr uint32_t kHasMultipleOwners = UINT32_MAX - 1;
  const NodeTypes& nt = graph.node_types();
  const uint8_t weak = graph.edge_types().weak;
  // owners[i]: the ordinal of the node that owns i, i itself, or a marker.
  std::vector<uint32_t> owners(node_count);
  std::vector<uint32_t> worklist;
  for (uint32_t node = 0; node < node_count; ++node) {
    const uint8_t type = graph.node_type(node);
    const bool ownable = type == nt.hidden || type == nt.array ||
                         (type == nt.native && !IsRenamedDetached(graph, detachedness, node) &&
                          graph.node_name(node) == "system / ExternalStringData");
    if (ownable) {
      owners[node] = kUnvisited;
    } else {
      owners[node] = node;
      worklist.push_back(node);
    }
  }
  // Each node enters the worklist at most twice (unvisited -> owner ->
  // multiple owners), so this terminates.
  while (!worklist.empty()) {
    const uint32_t node = worklist.back();
    worklist.pop_back();
    const uint32_t owner = owners[node];
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      if (graph.edge_type(edge) == weak) continue;
      const uint32_t target = graph.edge_to_node(edge);
      const uint32_t target_owner = owners[target];
      if (target_owner == kUnvisited) {
        owners[target] = owner;
        worklist.push_back(target);
      } else if (target_owner != target && target_owner != owner && target_owner != kHasMultipleOwners) {
        owners[target] = kHasMultipleOwners;
        worklist.push_back(target);
      }
    }
  }
  for (uint32_t node = 0; node < node_count; ++node) {
    const uint32_t owner = owners[node];
    if (owner == kUnvisited || owner == kHasMultipleOwners || owner == node) continue;
    if (graph.node_type(owner) == nt.synthetic || owner == graph.root()) continue;
    sizes[owner] += sizes[node];
    sizes[node] = 0;
  }
  return sizes;
}

}  // namespace heapsleuth::graph
