// `heapsleuth-retainers` output: for each target, its shortest retainer
// paths from the GC roots and (--tree) DevTools' Retainers view to some depth; or, for
// a class, the paths of its largest instances grouped by shape. Text or JSON
// (schemas/retainers.schema.json).
#ifndef HEAPSLEUTH_LIB_REPORT_RETAINERS_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_RETAINERS_REPORT_H_

#include <string>
#include <vector>

#include "lib/analysis/instance_paths.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"
#include "lib/graph/retainers.h"

namespace heapsleuth::report {

struct RetainersTarget {
  uint32_t node = 0;
  std::vector<graph::RetainerPath> paths;  // Empty when nothing reaches it.
  graph::RetainerTree tree;  // When RetainersInput::tree.
};

struct RetainersInput {
  std::string file_name;
  const graph::Graph* graph = nullptr;
  const graph::HeapAnalysis* analysis = nullptr;
  const graph::Retainers* retainers = nullptr;
  bool include_weak = false;
  uint32_t path_count = 0;  // Paths asked for.
  bool tree = false;        // Whether targets have their Retainers view.
  uint32_t depth = 0;       // Retainers view levels.
  uint32_t limit = 0;       // Rows per node in the view (0: all).
  // Either targets, or a class and its instances' paths.
  std::vector<RetainersTarget> targets;
  bool by_class = false;
  std::string class_name;
  analysis::InstancePaths instance_paths;
};

std::string RetainersText(const RetainersInput& input);
std::string RetainersJson(const RetainersInput& input);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_RETAINERS_REPORT_H_
