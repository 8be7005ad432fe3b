#include "lib/graph/roots.h"

namespace heapsleuth::graph {

bool IsDocumentDomTreesRoot(const Graph& graph, uint32_t node) {
  return graph.node_type(node) == graph.node_types().synthetic &&
         graph.node_name(node) == "(Document DOM trees)";
}

bool IsUserRoot(const Graph& graph, uint32_t node) {
  return graph.node_type(node) != graph.node_types().synthetic || IsDocumentDomTreesRoot(graph, node);
}

bool HasUserRoots(const Graph& graph) {
  const uint32_t root = graph.root();
  for (uint32_t edge = graph.first_edge(root); edge < graph.first_edge(root + 1); ++edge) {
    if (IsUserRoot(graph, graph.edge_to_node(edge))) return true;
  }
  return false;
}

std::vector<uint8_t> MarkPageOwnedNodes(const Graph& graph) {
  std::vector<uint8_t> page_owned(graph.node_count(), 0);
  std::vector<uint32_t> stack;
  const EdgeTypes& et = graph.edge_types();
  const uint32_t root = graph.root();
  for (uint32_t edge = graph.first_edge(root); edge < graph.first_edge(root + 1); ++edge) {
    const uint8_t type = graph.edge_type(edge);
    const uint32_t target = graph.edge_to_node(edge);
    if (type == et.element) {
      if (!IsDocumentDomTreesRoot(graph, target)) continue;
    } else if (type != et.shortcut) {
      continue;
    }
    stack.push_back(target);
    page_owned[target] = 1;
  }
  while (!stack.empty()) {
    const uint32_t node = stack.back();
    stack.pop_back();
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      const uint32_t target = graph.edge_to_node(edge);
      if (page_owned[target] || graph.edge_type(edge) == et.weak) continue;
      page_owned[target] = 1;
      stack.push_back(target);
    }
  }
  return page_owned;
}

}  // namespace heapsleuth::graph
