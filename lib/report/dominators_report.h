// `heapsleuth-dominators` output: the dominator tree top-down from the root
// or a node, with retained sizes, shares of the total and dominated-object
// counts; text (an indented table) or JSON (schemas/dominators.schema.json).
#ifndef HEAPSLEUTH_LIB_REPORT_DOMINATORS_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_DOMINATORS_REPORT_H_

#include <string>

#include "lib/analysis/dominator_listing.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::report {

struct DominatorsInput {
  std::string file_name;
  const graph::Graph* graph = nullptr;
  const graph::HeapAnalysis* analysis = nullptr;
  analysis::DominatorListingOptions options;
  analysis::DominatorListing listing;
};

std::string DominatorsText(const DominatorsInput& input);
std::string DominatorsJson(const DominatorsInput& input);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_DOMINATORS_REPORT_H_
