#include "lib/graph/retainer_paths.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "lib/graph/distances.h"
#include "lib/graph/dom_state.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainers.h"
#include "tests/unit/sample_loader.h"
#include "tests/unit/test_graph_builder.h"

namespace heapsleuth {
namespace {

using testing::TestGraphBuilder;

using Loaded = testing::LoadedSample;
using testing::LoadSample;

// Every step is an existing edge from the previous node (the root first), the
// last node is the target, and with `allow_weak` false no edge is weak.
bool IsValidPath(const graph::Graph& g, const graph::RetainerPath& path, uint32_t target, bool allow_weak,
                 std::string& why) {
  uint32_t from = g.root();
  for (size_t i = 0; i < path.steps.size(); ++i) {
    const graph::PathStep& step = path.steps[i];
    if (step.edge < g.first_edge(from) || step.edge >= g.first_edge(from + 1)) {
      why = "step " + std::to_string(i) + ": edge " + std::to_string(step.edge) + " does not start at node " +
            std::to_string(from);
      return false;
    }
    if (g.edge_to_node(step.edge) != step.node) {
      why = "step " + std::to_string(i) + ": edge does not lead to the step's node";
      return false;
    }
    if (!allow_weak && g.edge_type(step.edge) == g.edge_types().weak) {
      why = "step " + std::to_string(i) + ": weak edge";
      return false;
    }
    from = step.node;
  }
  if (from != target) {
    why = "the path ends at node " + std::to_string(from) + ", not at the target";
    return false;
  }
  return true;
}

// The number of edges a path to `node` must have: its DevTools distance,
// counted from the root (system distances start at 100000000).
int64_t ExpectedLength(int32_t distance) {
  return distance >= graph::kBaseSystemDistance ? distance - graph::kBaseSystemDistance : distance;
}

void CheckAllNodes(const std::string& sample) {
  Loaded loaded = LoadSample(sample);
  const graph::Graph& g = loaded.graph;
  const graph::HeapAnalysis& a = loaded.analysis;
  const graph::Retainers retainers = graph::Retainers::Build(g);
  graph::RetainerPathFinder finder(g, retainers, a.distance, a.detachedness);
  uint32_t with_path = 0, user = 0;
  for (uint32_t node = 0; node < g.node_count(); ++node) {
    const int32_t distance = a.distance[node];
    std::optional<graph::RetainerPath> path = finder.ShortestPath(node);
    if (distance < 0) {
      INFO("node @" << g.node_id(node) << " is unreachable but has a path");
      CHECK(!path);
      continue;
    }
    INFO("node @" << g.node_id(node) << " at distance " << distance);
    REQUIRE(path);
    std::string why;
    INFO(why);
    if (!IsValidPath(g, *path, node, false, why)) FAIL(why);
    REQUIRE(static_cast<int64_t>(path->steps.size()) == ExpectedLength(distance));
    REQUIRE(finder.PathLength(node) == path->steps.size());
    ++with_path;
    if (distance < graph::kBaseSystemDistance && node != g.root()) ++user;
  }
  CHECK(with_path > g.node_count() / 2);
  // K paths for a sample of nodes: valid, simple, distinct, the first the shortest.
  for (uint32_t node = 0; node < g.node_count(); node += 29) {
    if (a.distance[node] < 0) continue;
    INFO("node @" << g.node_id(node));
    std::vector<graph::RetainerPath> paths = finder.Paths(node, 4);
    REQUIRE(!paths.empty());
    CHECK(paths[0].steps.size() == finder.ShortestPath(node)->steps.size());
    std::set<std::vector<uint32_t>> sequences;
    for (const graph::RetainerPath& path : paths) {
      std::string why;
      if (!IsValidPath(g, path, node, false, why)) FAIL(why);
      std::vector<uint32_t> nodes;
      for (const graph::PathStep& step : path.steps) nodes.push_back(step.node);
      CHECK(std::set<uint32_t>(nodes.begin(), nodes.end()).size() == nodes.size());
      CHECK(sequences.insert(nodes).second);
    }
  }
}

TEST_CASE("Retainer paths: every node of a node.js sample, length = DevTools distance") {
  CheckAllNodes("node-leak-s3.heapsnapshot");
}

TEST_CASE("Retainer paths: every node of a Chromium sample with detached DOM") {
  CheckAllNodes("chromium-detached-dom.heapsnapshot");
}

// root -> a (user root) -> ... small graphs; names for readable assertions.
struct Small {
  TestGraphBuilder builder;
  std::map<std::string, uint32_t> ids;
  uint32_t operator[](const std::string& name) const { return ids.at(name); }
  void Node(const std::string& name, uint8_t detachedness = 0, const std::string& type = "object") {
    ids[name] = builder.AddNode(type, name, 10, detachedness);
  }
};

struct Built {
  graph::Graph graph;
  graph::HeapAnalysis analysis;
  graph::Retainers retainers;
};

Built Build(Small& s) {
  graph::Graph g = s.builder.Build();
  NoProgress progress;
  graph::HeapAnalysis a = graph::AnalyzeHeap(g, progress);
  graph::Retainers r = graph::Retainers::Build(g);
  return {std::move(g), std::move(a), std::move(r)};
}

std::vector<std::string> Names(const graph::Graph& g, const graph::RetainerPath& path) {
  std::vector<std::string> names;
  for (const graph::PathStep& step : path.steps) names.emplace_back(g.node_name(step.node));
  return names;
}

TEST_CASE("Retainer paths: a DevTools console edge only when there is no other way") {
  Small s;
  for (const char* name : {"W", "A", "B", "T"}) s.Node(name);
  s.builder.AddEdge(0, "shortcut", s["W"], "1");
  s.builder.AddEdge(s["W"], "property", s["A"], "a");
  s.builder.AddEdge(s["W"], "internal", s["B"], "1 / DevTools console");
  s.builder.AddEdge(s["B"], "property", s["T"], "t");  // Later in file order: DevTools lists it first.
  s.builder.AddEdge(s["A"], "property", s["T"], "t");
  Built b = Build(s);
  graph::RetainerPathFinder finder(b.graph, b.retainers, b.analysis.distance, b.analysis.detachedness);
  CHECK(Names(b.graph, *finder.ShortestPath(s["T"])) == std::vector<std::string>{"W", "A", "T"});
  CHECK(Names(b.graph, *finder.ShortestPath(s["B"])) == std::vector<std::string>{"W", "B"});
  std::vector<graph::RetainerPath> paths = finder.Paths(s["T"], 5);
  REQUIRE(paths.size() == 2);
  CHECK(Names(b.graph, paths[1]) == std::vector<std::string>{"W", "B", "T"});
}

TEST_CASE("Retainer paths: no hop from detached into attached DOM when avoidable") {
  Small s;
  s.Node("W");
  s.Node("div", graph::kDetached, "native");
  s.Node("body", graph::kAttached, "native");
  s.Node("doc", graph::kAttached, "native");
  s.Node("T", 0, "native");
  s.builder.AddEdge(0, "shortcut", s["W"], "1");
  s.builder.AddEdge(s["W"], "property", s["div"], "d");
  s.builder.AddEdge(s["W"], "property", s["doc"], "doc");
  s.builder.AddEdge(s["div"], "property", s["body"], "parent");  // detached -> attached
  s.builder.AddEdge(s["doc"], "property", s["body"], "body");
  s.builder.AddEdge(s["body"], "property", s["T"], "t");
  Built b = Build(s);
  graph::RetainerPathFinder finder(b.graph, b.retainers, b.analysis.distance, b.analysis.detachedness);
  CHECK(Names(b.graph, *finder.ShortestPath(s["T"])) == std::vector<std::string>{"W", "doc", "body", "T"});
}

TEST_CASE("Retainer paths: weak edges only when asked; length follows the distance") {
  Small s;
  for (const char* name : {"W", "A", "B", "C", "T"}) s.Node(name);
  s.builder.AddEdge(0, "shortcut", s["W"], "1");
  s.builder.AddEdge(s["W"], "weak", s["T"], "w");
  s.builder.AddEdge(s["W"], "property", s["A"], "a");
  s.builder.AddEdge(s["A"], "property", s["B"], "b");
  s.builder.AddEdge(s["B"], "property", s["T"], "t");
  s.builder.AddEdge(s["A"], "property", s["C"], "c");
  s.builder.AddEdge(s["C"], "property", s["T"], "t");
  Built b = Build(s);
  {
    graph::RetainerPathFinder finder(b.graph, b.retainers, b.analysis.distance, b.analysis.detachedness);
    CHECK(b.analysis.distance[s["T"]] == 4);
    CHECK(finder.ShortestPath(s["T"])->steps.size() == 4);
    // Equal retainers (distance 3): DevTools' view order puts B before C by name.
    CHECK(Names(b.graph, *finder.ShortestPath(s["T"])) == std::vector<std::string>{"W", "A", "B", "T"});
    std::vector<graph::RetainerPath> paths = finder.Paths(s["T"], 5);
    REQUIRE(paths.size() == 2);
    CHECK(Names(b.graph, paths[1]) == std::vector<std::string>{"W", "A", "C", "T"});
  }
  {
    const std::vector<int32_t> distances = graph::ComputeDistances(b.graph, {.include_weak = true});
    graph::RetainerPathFinder finder(b.graph, b.retainers, distances, b.analysis.detachedness, {.include_weak = true});
    CHECK(Names(b.graph, *finder.ShortestPath(s["T"])) == std::vector<std::string>{"W", "T"});
    CHECK(finder.Paths(s["T"], 5).size() == 3);
  }
}

TEST_CASE("Retainers view: distance, then name, then later edges first; no root, no weak") {
  Small s;
  for (const char* name : {"W", "b", "a", "far", "T"}) s.Node(name);
  s.builder.AddEdge(0, "shortcut", s["W"], "1");
  s.builder.AddEdge(0, "element", s["T"]);  // From the root: not in the view.
  s.builder.AddEdge(s["W"], "property", s["b"], "x");
  s.builder.AddEdge(s["W"], "property", s["a"], "x");
  s.builder.AddEdge(s["a"], "property", s["far"], "x");
  s.builder.AddEdge(s["far"], "property", s["T"], "p");
  s.builder.AddEdge(s["b"], "property", s["T"], "p");
  s.builder.AddEdge(s["a"], "property", s["T"], "p1");
  s.builder.AddEdge(s["a"], "property", s["T"], "p2");
  s.builder.AddEdge(s["W"], "weak", s["T"], "w");
  Built b = Build(s);
  std::vector<uint32_t> slots =
      graph::RetainersViewOrder(b.graph, b.retainers, b.analysis.distance, b.analysis.detachedness, s["T"]);
  std::vector<std::string> rows;
  for (uint32_t slot : slots) {
    rows.push_back(std::string(b.graph.node_name(b.retainers.node(slot))) + "." +
                   std::string(b.graph.edge_name(b.retainers.edge(slot))));
  }
  CHECK(rows == std::vector<std::string>{"a.p2", "a.p1", "b.p", "far.p"});
  graph::RetainerTree tree =
      graph::BuildRetainerTree(b.graph, b.retainers, b.analysis.distance, b.analysis.detachedness, s["T"], 2, 3);
  CHECK(tree.retainer_count == 4);
  // Pre-order: each of the 3 listed retainers (the limit), then its own one (W.x), not expanded further.
  std::vector<std::string> listed;
  for (const graph::RetainerTreeRow& row : tree.rows) {
    listed.push_back(std::to_string(row.level) + " " + std::string(b.graph.node_name(row.node)) +
                     (row.expanded ? "+" : ""));
  }
  CHECK(listed == std::vector<std::string>{"0 a+", "1 W", "0 a+", "1 W", "0 b+", "1 W"});
}

}  // namespace
}  // namespace heapsleuth
