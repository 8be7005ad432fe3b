#include "lib/analysis/instance_paths.h"

#include <algorithm>
#include <unordered_map>

#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// An edge name without the numbers that differ between instances: a name
// that is a number (V8 names a Map's or a context's slots "231"), a leading
// "12 / " (root and WeakMap entries), and ids after '@' all become '#'.
std::string ShapeName(std::string_view name) {
  if (!name.empty() && std::all_of(name.begin(), name.end(), IsDigit)) return "#";
  std::string out;
  size_t i = 0;
  if (!name.empty() && IsDigit(name[0])) {
    size_t digits = 0;
    while (digits < name.size() && IsDigit(name[digits])) ++digits;
    if (name.substr(digits).starts_with(" / ")) {
      out = "#";
      i = digits;
    }
  }
  for (; i < name.size(); ++i) {
    out.push_back(name[i]);
    if (name[i] == '@' && i + 1 < name.size() && IsDigit(name[i + 1])) {
      out.push_back('#');
      while (i + 1 < name.size() && IsDigit(name[i + 1])) ++i;
    }
  }
  return out;
}

std::string ShapeKey(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                     const std::optional<graph::RetainerPath>& path) {
  if (!path) return std::string("\0unreachable", 12);
  std::string key;
  for (const graph::PathStep& step : path->steps) {
    // Length-prefixed fields, so that no name can fake a separator.
    const std::string name = graph.edge_has_string_name(step.edge) ? ShapeName(graph.edge_name(step.edge)) : "#";
    const std::string& cls = analysis.class_names.of(step.node);
    StrAppend(&key, graph.edge_type(step.edge), ":", name.size(), ":", name, ":", cls.size(), ":", cls, ";");
  }
  return key;
}

}  // namespace

InstancePaths GroupInstancePaths(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                 graph::RetainerPathFinder& finder, const std::string& class_name,
                                 size_t max_instances) {
  InstancePaths result;
  std::vector<uint32_t> instances;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (analysis.class_names.of(node) == class_name) instances.push_back(node);
  }
  result.instance_count = instances.size();
  const auto& retained = analysis.dominators.retained_size;
  const size_t shown = std::min(max_instances, instances.size());
  std::partial_sort(
      instances.begin(), instances.begin() + static_cast<std::ptrdiff_t>(shown), instances.end(),
      [&](uint32_t a, uint32_t b) { return retained[a] != retained[b] ? retained[a] > retained[b] : a < b; });
  instances.resize(shown);
  result.shown_count = shown;
  std::unordered_map<std::string, size_t> group_of;
  for (uint32_t node : instances) {
    std::optional<graph::RetainerPath> path = finder.ShortestPath(node);
    auto [it, inserted] = group_of.try_emplace(ShapeKey(graph, analysis, path), result.groups.size());
    if (inserted) {
      result.groups.push_back({});
      result.groups.back().path = std::move(path);
    }
    PathGroup& group = result.groups[it->second];
    group.instances.push_back(node);
    group.retained_size += retained[node];
  }
  return result;
}

}  // namespace heapsleuth::analysis
