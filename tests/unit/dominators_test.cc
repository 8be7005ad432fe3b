#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <random>
#include <set>

#include "lib/graph/dominators.h"
#include "lib/graph/edge_halves.h"
#include "lib/graph/essential_edges.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/roots.h"
#include "lib/graph/weak_map_edges.h"
#include "tests/unit/sample_loader.h"
#include "tests/unit/test_graph_builder.h"

namespace heapsleuth {
namespace {

using testing::TestGraphBuilder;

graph::HeapAnalysis Analyze(const graph::Graph& g) {
  NoProgress progress;
  return graph::AnalyzeHeap(g, progress);
}

// Names -> ordinals for readable assertions.
struct Named {
  TestGraphBuilder builder;
  std::map<std::string, uint32_t> ids;
  uint32_t operator[](const std::string& name) const { return ids.at(name); }
  void Node(const std::string& name, uint64_t size = 10) { ids[name] = builder.AddNode("object", name, size); }
};

// The weak-map and essential-edge passes run on two threads over halves of
// the edges (edge_halves.h); big graphs only, so the split is forced here.
TEST_CASE("Edge halves: each edge once, with the node that owns it") {
  const testing::LoadedSample sample = testing::LoadSample("node-leak-s3.heapsnapshot");
  const graph::Graph& g = sample.graph;
  std::vector<uint8_t> seen(g.edge_count(), 0);
  std::vector<uint32_t> owner(g.edge_count(), UINT32_MAX);
  std::mutex mutex;
  std::vector<std::array<uint32_t, 2>> halves;
  graph::ForEdgeHalves(
      g,
      [&](uint32_t first_edge, uint32_t end_edge, uint32_t node) {
        {
          std::lock_guard<std::mutex> lock(mutex);
          halves.push_back({first_edge, end_edge});
        }
        for (uint32_t edge = first_edge; edge < end_edge; ++edge) {
          while (edge >= g.first_edge(node + 1)) ++node;
          ++seen[edge];
          owner[edge] = node;
        }
      },
      /*split_from=*/0);
  std::sort(halves.begin(), halves.end());
  REQUIRE(halves.size() == 2);
  CHECK(halves[0][0] == 0);
  CHECK(halves[0][1] == halves[1][0]);
  CHECK(halves[0][1] % 64 == 0);  // No word of a vector<bool> is shared.
  CHECK(halves[1][1] == g.edge_count());
  CHECK(std::all_of(seen.begin(), seen.end(), [](uint8_t count) { return count == 1; }));
  uint32_t wrong_owner = 0;
  for (uint32_t node = 0; node < g.node_count(); ++node) {
    for (uint32_t edge = g.first_edge(node); edge < g.first_edge(node + 1); ++edge) wrong_owner += owner[edge] != node;
  }
  CHECK(wrong_owner == 0);
}

TEST_CASE("Lengauer-Tarjan paper example (Fig. 1)") {
  // The flowgraph of Lengauer & Tarjan 1979, with R reached from the root.
  Named g;
  for (const char* name : {"R", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"}) g.Node(name);
  g.builder.AddEdge(0, "element", g["R"]);
  const std::vector<std::pair<std::string, std::string>> edges = {
      {"R", "A"}, {"R", "B"}, {"R", "C"}, {"A", "D"}, {"B", "A"}, {"B", "D"}, {"B", "E"}, {"C", "F"},
      {"C", "G"}, {"D", "L"}, {"E", "H"}, {"F", "I"}, {"G", "I"}, {"G", "J"}, {"H", "E"}, {"H", "K"},
      {"I", "K"}, {"J", "I"}, {"K", "I"}, {"K", "R"}, {"L", "H"}};
  for (const auto& [from, to] : edges) g.builder.AddEdge(g[from], "property", g[to], to);
  graph::Graph graph = g.builder.Build();
  graph::HeapAnalysis a = Analyze(graph);
  const std::map<std::string, std::string> expected = {
      {"A", "R"}, {"B", "R"}, {"C", "R"}, {"D", "R"}, {"E", "R"}, {"F", "C"},
      {"G", "C"}, {"H", "R"}, {"I", "R"}, {"J", "G"}, {"K", "R"}, {"L", "D"}};
  for (const auto& [node, idom] : expected) {
    INFO(node);
    CHECK(a.dominators.dominator[g[node]] == g[idom]);
  }
  CHECK(a.dominators.dominator[g["R"]] == 0);
  CHECK(a.dominators.dominator[0] == 0);
  CHECK(a.dominators.retained_size[g["R"]] == 130);
  CHECK(a.dominators.retained_size[g["C"]] == 40);  // C, F, G, J
  CHECK(a.dominators.retained_size[0] == 130);
}

TEST_CASE("Irreducible loop: two entries, neither dominates the other") {
  Named g;
  g.Node("A");
  g.Node("B");
  g.Node("X");
  g.builder.AddEdge(0, "element", g["A"]);
  g.builder.AddEdge(0, "element", g["B"]);
  g.builder.AddEdge(g["A"], "property", g["B"]);
  g.builder.AddEdge(g["B"], "property", g["A"]);
  g.builder.AddEdge(g["B"], "property", g["X"]);
  graph::Graph graph = g.builder.Build();
  graph::HeapAnalysis a = Analyze(graph);
  CHECK(a.dominators.dominator[g["A"]] == 0);
  CHECK(a.dominators.dominator[g["B"]] == 0);
  CHECK(a.dominators.dominator[g["X"]] == g["B"]);
}

TEST_CASE("An unreachable clique hangs off the root") {
  Named g;
  g.Node("A");
  g.Node("X", 100);
  g.Node("Y", 200);
  g.builder.AddEdge(0, "element", g["A"]);
  g.builder.AddEdge(g["X"], "property", g["Y"]);
  g.builder.AddEdge(g["Y"], "property", g["X"]);
  graph::Graph graph = g.builder.Build();
  graph::HeapAnalysis a = Analyze(graph);
  CHECK(a.dominators.dominator[g["X"]] == 0);
  CHECK(a.dominators.dominator[g["Y"]] == 0);
  CHECK(a.dominators.retained_size[0] == 310);
  CHECK(a.distance[g["X"]] == -5);
}

TEST_CASE("A node held only by a weak edge hangs off the root, with what it holds") {
  Named g;
  g.Node("A");
  g.Node("W");
  g.Node("Z");
  g.builder.AddEdge(0, "element", g["A"]);
  g.builder.AddEdge(g["A"], "weak", g["W"]);
  g.builder.AddEdge(g["W"], "property", g["Z"]);
  graph::Graph graph = g.builder.Build();
  graph::HeapAnalysis a = Analyze(graph);
  CHECK(a.dominators.dominator[g["W"]] == 0);
  CHECK(a.dominators.dominator[g["Z"]] == g["W"]);
  CHECK(a.dominators.retained_size[g["A"]] == 10);
  CHECK(a.dominators.retained_size[g["W"]] == 20);
  // Weak edges never give a distance.
  CHECK(a.distance[g["W"]] == -5);
}

TEST_CASE("Shortcut edges count only from the root") {
  Named g;
  g.Node("A");
  g.Node("C");
  g.Node("B");
  g.builder.AddEdge(0, "element", g["A"]);
  g.builder.AddEdge(0, "element", g["C"]);
  g.builder.AddEdge(g["A"], "shortcut", g["B"]);  // Ignored: not from the root.
  g.builder.AddEdge(g["C"], "property", g["B"]);
  graph::Graph graph = g.builder.Build();
  graph::HeapAnalysis a = Analyze(graph);
  CHECK(a.dominators.dominator[g["B"]] == g["C"]);
}

TEST_CASE("Root shortcuts mark page objects; edges into the page from outside do not dominate") {
  // As in a browser: the root's shortcut points at the Window; a debugger-
  // owned object D (not page-owned) also references the page's object P.
  Named g;
  g.Node("Window");
  g.Node("D");
  g.Node("P");
  g.builder.AddEdge(0, "shortcut", g["Window"]);
  g.builder.AddEdge(0, "element", g["D"]);
  g.builder.AddEdge(g["Window"], "property", g["P"]);
  g.builder.AddEdge(g["D"], "property", g["P"]);
  graph::Graph graph = g.builder.Build();
  graph::HeapAnalysis a = Analyze(graph);
  CHECK(a.dominators.dominator[g["Window"]] == 0);
  CHECK(a.dominators.dominator[g["P"]] == g["Window"]);
}

TEST_CASE("Self edges are not essential") {
  Named g;
  g.Node("A");
  g.builder.AddEdge(0, "element", g["A"]);
  g.builder.AddEdge(g["A"], "property", g["A"]);
  graph::Graph graph = g.builder.Build();
  std::vector<bool> essential =
      graph::ComputeEssentialEdges(graph, graph::MarkPageOwnedNodes(graph), graph::FindWeakMapEdges(graph));
  CHECK(essential[0]);
  CHECK_FALSE(essential[1]);
}

// The textbook definition, solved iteratively: Dom(root) = {root},
// Dom(n) = {n} + intersection of Dom(p) over predecessors p.
std::vector<std::set<uint32_t>> NaiveDominators(uint32_t n, const std::vector<std::pair<uint32_t, uint32_t>>& edges) {
  std::set<uint32_t> all;
  for (uint32_t i = 0; i < n; ++i) all.insert(i);
  std::vector<std::set<uint32_t>> dom(n, all);
  dom[0] = {0};
  bool changed = true;
  while (changed) {
    changed = false;
    for (uint32_t v = 1; v < n; ++v) {
      std::set<uint32_t> next = all;
      bool has_pred = false;
      for (const auto& [from, to] : edges) {
        if (to != v) continue;
        has_pred = true;
        std::set<uint32_t> meet;
        for (uint32_t d : next) {
          if (dom[from].count(d)) meet.insert(d);
        }
        next = meet;
      }
      if (!has_pred) next.clear();
      next.insert(v);
      if (next != dom[v]) {
        dom[v] = next;
        changed = true;
      }
    }
  }
  return dom;
}

TEST_CASE("Random graphs: dominators match the dataflow definition; sizes add up") {
  for (uint32_t seed = 1; seed <= 3000; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    const uint32_t n = 2 + rng() % 40;
    TestGraphBuilder builder;
    for (uint32_t i = 1; i < n; ++i) builder.AddNode("object", "N", 1 + rng() % 100);
    std::vector<std::pair<uint32_t, uint32_t>> strong;
    const uint32_t edge_count = rng() % (3 * n);
    // Make most nodes reachable, plus random extra edges (some weak).
    for (uint32_t i = 1; i < n; ++i) {
      if (rng() % 5 == 0) continue;
      uint32_t from = rng() % i;
      builder.AddEdge(from, from == 0 ? "element" : "property", i);
      strong.push_back({from, i});
    }
    for (uint32_t k = 0; k < edge_count; ++k) {
      uint32_t from = rng() % n, to = 1 + rng() % (n - 1);
      if (from == to) continue;
      if (rng() % 4 == 0) {
        builder.AddEdge(from, "weak", to);
      } else {
        builder.AddEdge(from, from == 0 ? "element" : "property", to);
        strong.push_back({from, to});
      }
    }
    graph::Graph graph = builder.Build();
    graph::HeapAnalysis a = Analyze(graph);
    // DevTools' graph: strong edges, plus an edge from the root to every
    // node with no strong retainer (weakly held and orphan nodes).
    std::vector<bool> has_strong_retainer(n, false);
    for (const auto& [from, to] : strong) has_strong_retainer[to] = true;
    for (uint32_t v = 1; v < n; ++v) {
      if (!has_strong_retainer[v]) strong.push_back({0, v});
    }
    // Nodes reachable in it: check idom against the naive solution (the
    // closest strict dominator). The rest (cliques) hang off the root.
    std::vector<std::set<uint32_t>> dom = NaiveDominators(n, strong);
    std::vector<bool> reachable(n, false);
    reachable[0] = true;
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& [from, to] : strong) {
        if (reachable[from] && !reachable[to]) reachable[to] = grew = true;
      }
    }
    for (uint32_t v = 1; v < n; ++v) {
      if (!reachable[v]) {
        CHECK(a.dominators.dominator[v] == 0);
        continue;
      }
      uint32_t idom = a.dominators.dominator[v];
      CHECK(dom[v].count(idom) == 1);
      CHECK(idom != v);
      // Every other strict dominator dominates idom.
      for (uint32_t d : dom[v]) {
        if (d != v) CHECK(dom[idom].count(d) == 1);
      }
    }
    // retained(v) = self(v) + retained of its dominator-tree children.
    std::vector<uint64_t> sum(n, 0);
    for (uint32_t v = 1; v < n; ++v) sum[a.dominators.dominator[v]] += a.dominators.retained_size[v];
    uint64_t total_self = 0;
    for (uint32_t v = 0; v < n; ++v) {
      CHECK(a.dominators.retained_size[v] == a.self_size[v] + sum[v]);
      total_self += a.self_size[v];
    }
    CHECK(a.dominators.retained_size[0] == total_self);
  }
}

}  // namespace
}  // namespace heapsleuth
