#include "lib/analysis/class_histogram.h"

#include <algorithm>
#include <unordered_map>

#include "lib/base/str_cat.h"
#include "lib/graph/dominators.h"

namespace heapsleuth::analysis {

namespace {

// DevTools' class key: the script location of an object that has one, then
// the class name.
std::string KeyOf(const std::string& name, const snapshot::Location* location) {
  if (location == nullptr) return StrCat(",", name);
  return StrCat(location->script_id, ",", location->line, ",", location->column, ",", name);
}

}  // namespace

std::string ClassKey(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node) {
  std::optional<snapshot::Location> location;
  if (graph.node_type(node) == graph.node_types().object) location = graph.location(node);
  return KeyOf(analysis.class_names.of(node), location ? &*location : nullptr);
}

NodesByClass GroupNodesByClass(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  const uint32_t node_count = graph.node_count();
  // Row per class key; most nodes have no location, so key them by class
  // index first and only build strings for located objects.
  std::vector<ClassRow> rows;
  std::vector<uint32_t> row_of_class(analysis.class_names.names.size(), UINT32_MAX);
  std::unordered_map<std::string, uint32_t> row_of_key;
  std::vector<uint32_t> node_row(node_count, UINT32_MAX);
  // Locations are sorted by node: follow them with a cursor as nodes go by.
  const Column<snapshot::Location>& locations = graph.locations();
  size_t next_location = 0;
  for (uint32_t node = 0; node < node_count; ++node) {
    while (next_location < locations.size() && locations[next_location].node < node) ++next_location;
    const uint64_t self_size = analysis.self_size[node];
    if (self_size == 0) continue;
    const uint32_t cls = analysis.class_names.node_class[node];
    const snapshot::Location* location =
        graph.node_type(node) == graph.node_types().object && next_location < locations.size() &&
                locations[next_location].node == node
            ? &locations[next_location]
            : nullptr;
    const bool located = location != nullptr;
    uint32_t row;
    if (!located && row_of_class[cls] != UINT32_MAX) {
      row = row_of_class[cls];
    } else {
      std::string key = KeyOf(analysis.class_names.names[cls], location);
      auto [it, inserted] = row_of_key.try_emplace(key, static_cast<uint32_t>(rows.size()));
      if (inserted) {
        ClassRow fresh;
        fresh.key = std::move(key);
        fresh.name = analysis.class_names.names[cls];
        fresh.distance = analysis.distance[node];
        fresh.first_node = node;
        rows.push_back(std::move(fresh));
      }
      row = it->second;
      if (!located) row_of_class[cls] = row;
    }
    ClassRow& r = rows[row];
    ++r.count;
    r.self_size += self_size;
    r.distance = std::min(r.distance, analysis.distance[node]);
    node_row[node] = row;
  }
  return NodesByClass{std::move(rows), std::move(node_row)};
}

std::vector<ClassRow> FinishClassHistogram(const graph::Graph& graph, const graph::DominatorTree& dominators,
                                           NodesByClass grouped, std::vector<uint32_t>* node_rows) {
  std::vector<ClassRow>& rows = grouped.rows;
  std::vector<uint32_t>& node_row = grouped.node_row;
  // Retained sizes: walk the dominator tree, counting an instance only when
  // no ancestor on the current path belongs to the same row.
  graph::DominatedNodes dominated = graph::BuildDominatedNodes(dominators, graph.root());
  std::vector<uint32_t> open_on_path(rows.size(), 0);
  struct Frame {
    uint32_t node;
    bool exit;
  };
  std::vector<Frame> stack = {{graph.root(), false}};
  while (!stack.empty()) {
    Frame frame = stack.back();
    stack.pop_back();
    const uint32_t row = node_row[frame.node];
    if (frame.exit) {
      --open_on_path[row];
      continue;
    }
    if (row != UINT32_MAX && open_on_path[row] == 0) {
      rows[row].retained_size += dominators.retained_size[frame.node];
      ++open_on_path[row];
      stack.push_back({frame.node, true});
    }
    for (uint32_t k = dominated.first_child[frame.node]; k < dominated.first_child[frame.node + 1]; ++k) {
      stack.push_back({dominated.children[k], false});
    }
  }

  std::vector<uint32_t> order(rows.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&rows](uint32_t ia, uint32_t ib) {
    const ClassRow& a = rows[ia];
    const ClassRow& b = rows[ib];
    if (a.retained_size != b.retained_size) return a.retained_size > b.retained_size;
    if (a.self_size != b.self_size) return a.self_size > b.self_size;
    return a.key < b.key;
  });
  std::vector<ClassRow> sorted;
  sorted.reserve(rows.size());
  std::vector<uint32_t> new_position(rows.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    new_position[order[i]] = i;
    sorted.push_back(std::move(rows[order[i]]));
  }
  if (node_rows != nullptr) {
    for (uint32_t& row : node_row) {
      if (row != UINT32_MAX) row = new_position[row];
    }
    *node_rows = std::move(node_row);
  }
  return sorted;
}

std::vector<ClassRow> ComputeClassHistogram(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                            std::vector<uint32_t>* node_rows) {
  return FinishClassHistogram(graph, analysis.dominators, GroupNodesByClass(graph, analysis), node_rows);
}

}  // namespace heapsleuth::analysis
