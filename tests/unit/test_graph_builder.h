// Builds small graphs by hand for unit tests, through the same RawSnapshot ->
// Graph path as a parsed file. Node 0 is the root (a synthetic node).
#ifndef HEAPSLEUTH_TESTS_UNIT_TEST_GRAPH_BUILDER_H_
#define HEAPSLEUTH_TESTS_UNIT_TEST_GRAPH_BUILDER_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "lib/base/progress.h"
#include "lib/graph/graph.h"
#include "lib/snapshot/raw_snapshot.h"

namespace heapsleuth::testing {

class TestGraphBuilder {
 public:
  TestGraphBuilder() {
    raw_.meta.node_fields = {"type", "name", "id", "self_size", "edge_count", "trace_node_id", "detachedness"};
    raw_.meta.node_types = {"hidden", "array",  "string",    "object",  "code",    "closure", "regexp",
                            "number", "native", "synthetic", "concatenated string", "sliced string",
                            "symbol", "bigint"};
    raw_.meta.edge_fields = {"type", "name_or_index", "to_node"};
    raw_.meta.edge_types = {"context", "element", "property", "internal", "hidden", "shortcut", "weak"};
    raw_.strings.Add("<dummy>");
    AddNode("synthetic", "", 0);
  }

  // Adds a node; returns its ordinal. Ids are 1, 3, 5, ... in insertion order.
  uint32_t AddNode(const std::string& type, const std::string& name, uint64_t self_size,
                   uint8_t detachedness = 0) {
    nodes_.push_back({TypeIndex(raw_.meta.node_types, type), Intern(name), self_size, detachedness});
    return static_cast<uint32_t>(nodes_.size() - 1);
  }
  // Adds an edge; `name` is the property name (ignored for element/hidden,
  // which get their position as index).
  void AddEdge(uint32_t from, const std::string& type, uint32_t to, const std::string& name = "e") {
    uint8_t t = TypeIndex(raw_.meta.edge_types, type);
    bool indexed = type == "element" || type == "hidden";
    edges_.push_back({from, t, indexed ? static_cast<uint32_t>(edges_.size()) : Intern(name), to});
  }

  // Records a script location for `node`, as the `locations` section does.
  void AddLocation(uint32_t node, uint32_t script_id, uint32_t line, uint32_t column) {
    raw_.locations.push_back({node, script_id, line, column});
  }

  graph::Graph Build() {
    std::stable_sort(edges_.begin(), edges_.end(), [](const Edge& a, const Edge& b) { return a.from < b.from; });
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      raw_.node_type.push_back(n.type);
      raw_.node_name.push_back(n.name);
      raw_.node_id.push_back(static_cast<uint32_t>(2 * i + 1));
      raw_.node_self_size.Append(n.self_size);
      raw_.node_trace_node_id.push_back(0);
      raw_.node_detachedness.push_back(n.detachedness);
    }
    size_t edge = 0;
    for (uint32_t i = 0; i < nodes_.size(); ++i) {
      raw_.first_edge.push_back(static_cast<uint32_t>(edge));
      while (edge < edges_.size() && edges_[edge].from == i) {
        raw_.edge_type.push_back(edges_[edge].type);
        raw_.edge_name_or_index.push_back(edges_[edge].name);
        raw_.edge_to_node.push_back(edges_[edge].to);
        ++edge;
      }
    }
    raw_.first_edge.push_back(static_cast<uint32_t>(edge));
    raw_.meta.node_count = nodes_.size();
    raw_.meta.edge_count = edges_.size();
    return graph::Graph::Build(std::move(raw_));
  }

 private:
  struct Node {
    uint8_t type;
    uint32_t name;
    uint64_t self_size;
    uint8_t detachedness;
  };
  struct Edge {
    uint32_t from;
    uint8_t type;
    uint32_t name;
    uint32_t to;
  };
  static uint8_t TypeIndex(const std::vector<std::string>& types, const std::string& type) {
    return static_cast<uint8_t>(std::find(types.begin(), types.end(), type) - types.begin());
  }
  uint32_t Intern(const std::string& text) {
    for (uint32_t i = 0; i < raw_.strings.size(); ++i) {
      if (raw_.strings.Get(StringId(i)) == text) return i;
    }
    return raw_.strings.Add(text).value();
  }

  snapshot::RawSnapshot raw_;
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
};

}  // namespace heapsleuth::testing

#endif  // HEAPSLEUTH_TESTS_UNIT_TEST_GRAPH_BUILDER_H_
