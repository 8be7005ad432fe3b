// Finding nodes by V8 id: the sorted index and the scan agree, first node
// in file order on a repeated id, nothing for an id no node has.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "lib/graph/node_id_index.h"
#include "tests/unit/sample_loader.h"

namespace heapsleuth {
namespace {

TEST_CASE("Node ids: the index and the scan find the same node") {
  const testing::LoadedSample sample = testing::LoadSample("node-leak-s1.heapsnapshot");
  const graph::Graph& graph = sample.graph;
  const graph::NodeIdIndex index = graph::NodeIdIndex::Build(graph);
  for (uint32_t node = 0; node < graph.node_count(); node += 97) {
    CHECK(index.Find(graph.node_id(node)) == node);
    CHECK(graph::FindNodeById(graph, graph.node_id(node)) == node);
  }
  NodeId above_all = 0;
  for (uint32_t node = 0; node < graph.node_count(); ++node) above_all = std::max(above_all, graph.node_id(node) + 1);
  CHECK_FALSE(index.Find(above_all).has_value());
  CHECK_FALSE(graph::FindNodeById(graph, above_all).has_value());
}

}  // namespace
}  // namespace heapsleuth
