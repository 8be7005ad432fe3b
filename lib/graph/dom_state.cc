#include "lib/graph/dom_state.h"

namespace heapsleuth::graph {

std::vector<uint8_t> PropagateDomState(const Graph& graph) {
  const uint32_t node_count = graph.node_count();
  const uint8_t native = graph.node_types().native;
  std::vector<uint8_t> state(node_count, kDetachednessUnknown);
  if (!graph.has_detachedness()) {
    for (uint32_t node = 0; node < node_count; ++node) {
      if (graph.node_type(node) == native && graph.node_name(node).starts_with("Detached ")) {
        state[node] = kDetached;
      }
    }
    return state;
  }
  for (uint32_t node = 0; node < node_count; ++node) state[node] = graph.raw_detachedness(node);

  std::vector<uint8_t> visited(node_count, 0);
  std::vector<uint32_t> attached, detached;
  // DevTools' processNode: a node takes a state once; non-native nodes stop
  // the propagation (and keep whatever state the file gave them).
  auto process = [&](uint32_t node, uint8_t new_state) {
    if (visited[node]) return;
    visited[node] = 1;
    if (graph.node_type(node) != native) return;
    state[node] = new_state;
    if (new_state == kAttached) {
      attached.push_back(node);
    } else if (new_state == kDetached) {
      detached.push_back(node);
    }
  };
  const EdgeTypes& et = graph.edge_types();
  auto propagate = [&](uint32_t parent, uint8_t new_state) {
    for (uint32_t edge = graph.first_edge(parent); edge < graph.first_edge(parent + 1); ++edge) {
      uint8_t type = graph.edge_type(edge);
      if (type == et.hidden || type == et.invisible || type == et.weak) continue;
      process(graph.edge_to_node(edge), new_state);
    }
  };

  for (uint32_t node = 0; node < node_count; ++node) {
    if (state[node] != kDetachednessUnknown) process(node, state[node]);
  }
  while (!attached.empty()) {
    uint32_t node = attached.back();
    attached.pop_back();
    propagate(node, kAttached);
  }
  while (!detached.empty()) {
    uint32_t node = detached.back();
    detached.pop_back();
    if (state[node] == kAttached) continue;
    propagate(node, kDetached);
  }
  return state;
}

}  // namespace heapsleuth::graph
