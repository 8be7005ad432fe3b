// `heapsleuth-leaks` output: the findings of every detector, most important
// first, each with what leaks, how much it keeps alive, why it is alive (a
// retainer path from the GC roots) and where to look (a source place). Text
// for people, JSON (schemas/leaks.schema.json) and a Markdown report for CI.
//
// Findings arrive ranked (analysis::RankFindings); text and Markdown show at
// most `top` of them, JSON all. Node ordinals refer to the analysed snapshot,
// the last file.
#ifndef HEAPSLEUTH_LIB_REPORT_LEAKS_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_LEAKS_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "lib/analysis/leak_finding.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::report {

struct LeaksInput {
  std::vector<std::string> files;  // Oldest first; the last one was analysed.
  const graph::Graph* graph = nullptr;
  const graph::HeapAnalysis* analysis = nullptr;
  uint64_t total_size = 0;  // DevTools' total of the analysed snapshot, for shares.
  std::vector<analysis::Finding> findings;
  uint64_t min_retained = 0;  // The gate's threshold (--min-retained).
  bool fail_on_leaks = false;
  size_t top = 10;  // Findings in text and Markdown; 0 = all.
};

// How many findings are leaks at or above the threshold (what --fail-on-leaks counts).
size_t CountLeaks(const LeaksInput& input);

std::string LeaksText(const LeaksInput& input);
std::string LeaksJson(const LeaksInput& input);
std::string LeaksMarkdown(const LeaksInput& input);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_LEAKS_REPORT_H_
