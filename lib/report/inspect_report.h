// `heapsleuth-inspect` output: one node in full. Its values, its source
// location, the text of a string, the variables a closure's context holds,
// and its outgoing edges with their targets. Text, or JSON
// (schemas/inspect.schema.json).
#ifndef HEAPSLEUTH_LIB_REPORT_INSPECT_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_INSPECT_REPORT_H_

#include <string>
#include <vector>

#include "lib/analysis/object_details.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::report {

struct InspectInput {
  std::string file_name;
  const graph::Graph* graph = nullptr;
  const graph::HeapAnalysis* analysis = nullptr;
  uint64_t total_size = 0;  // DevTools' total, for shares.
  size_t max_edges = 0;     // As asked (0: all).
  size_t max_string = 0;    // Code points of string text shown.
  std::vector<analysis::ObjectDetails> objects;
};

std::string InspectText(const InspectInput& input);
std::string InspectJson(const InspectInput& input);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_INSPECT_REPORT_H_
