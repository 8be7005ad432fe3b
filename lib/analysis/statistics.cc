#include "lib/analysis/statistics.h"

#include "lib/graph/dom_state.h"

namespace heapsleuth::analysis {
namespace {

// How many edges retain each node, counted up to 2: all calculateArraySize
// needs to know.
std::vector<uint8_t> CountRetainersUpToTwo(const graph::Graph& graph) {
  std::vector<uint8_t> count(graph.node_count(), 0);
  for (uint32_t edge = 0; edge < graph.edge_count(); ++edge) {
    uint8_t& c = count[graph.edge_to_node(edge)];
    if (c < 2) ++c;
  }
  return count;
}

// DevTools' calculateArraySize: the Array plus its first "elements" store
// when the Array is that store's only retainer.
uint64_t ArraySize(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                   const std::vector<uint8_t>& retainer_count, uint32_t node) {
  uint64_t size = analysis.self_size[node];
  const uint8_t internal = graph.edge_types().internal;
  for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
    if (graph.edge_type(edge) != internal || graph.edge_name(edge) != "elements") continue;
    const uint32_t elements = graph.edge_to_node(edge);
    if (retainer_count[elements] == 1) {
      size += analysis.self_size[elements];
    }
    break;
  }
  return size;
}

}  // namespace

HeapStatistics ComputeStatistics(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  const graph::NodeTypes& nt = graph.node_types();
  const std::vector<uint8_t> retainer_count = CountRetainersUpToTwo(graph);
  HeapStatistics stats;
  stats.extra_native_bytes = graph.extra_native_bytes();
  stats.native_total = graph.extra_native_bytes();
  // Arrays' edge names are read on the way, from end to end of that column:
  // when it is parked (Graph::Park), the pages behind are let go as we pass.
  constexpr uint32_t kReleaseEvery = 1 << 16;
  uint32_t released_to = 0;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (node % kReleaseEvery == 0) {
      graph.ReleaseParkedEdgeNames(released_to, graph.first_edge(node));
      released_to = graph.first_edge(node);
    }
    const uint64_t size = analysis.self_size[node];
    const uint8_t type = graph.node_type(node);
    if (type == nt.hidden) {
      stats.system += size;
      continue;
    }
    // DevTools compares names after renaming detached nodes "Detached ...".
    const bool renamed = graph::IsRenamedDetached(graph, analysis.detachedness, node);
    if (type == nt.native) {
      stats.native_total += size;
      if (!renamed && graph.node_name(node) == "system / JSArrayBufferData") stats.native_typed_arrays += size;
    } else if (type == nt.code) {
      stats.code += size;
    } else if (type == nt.concatenated_string || type == nt.sliced_string || type == nt.string) {
      stats.strings += size;
    } else if (!renamed && graph.node_name(node) == "Array") {
      stats.js_arrays += ArraySize(graph, analysis, retainer_count, node);
    }
  }
  stats.total = analysis.dominators.retained_size[graph.root()] + graph.extra_native_bytes();
  stats.v8heap_total = stats.total - stats.native_total;
  return stats;
}

}  // namespace heapsleuth::analysis
