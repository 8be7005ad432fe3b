// Retainer paths of a class's largest instances, grouped by shape.
//
// Instances are the nodes whose DevTools class name is the one asked for,
// taken by retained size (descending; then file order). Each gets its
// preferred shortest path (retainer_paths.h), and paths of the same shape
// (path_shape.h: same edge kinds and names into the same classes, indices and
// ids not counted) form one group. Groups keep the order of their largest
// instance.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_INSTANCE_PATHS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_INSTANCE_PATHS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"

namespace heapsleuth::analysis {

struct PathGroup {
  std::vector<uint32_t> instances;  // Largest first.
  uint64_t retained_size = 0;       // Sum over the instances.
  // The first instance's path; nullopt for instances no path reaches.
  std::optional<graph::RetainerPath> path;
};

struct InstancePaths {
  uint64_t instance_count = 0;  // All instances of the class.
  uint64_t shown_count = 0;     // The largest ones, whose paths are grouped.
  std::vector<PathGroup> groups;
};

InstancePaths GroupInstancePaths(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                 graph::RetainerPathFinder& finder, const std::string& class_name,
                                 size_t max_instances);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_INSTANCE_PATHS_H_
