#include "lib/analysis/instance_paths.h"

#include <algorithm>
#include <unordered_map>

#include "lib/analysis/path_shape.h"

namespace heapsleuth::analysis {

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
    auto [it, inserted] = group_of.try_emplace(PathShapeKey(graph, analysis, path), result.groups.size());
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
