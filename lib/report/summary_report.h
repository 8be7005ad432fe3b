// `heapsleuth-summary` output: totals, DevTools' statistics split, and the
// top classes by retained size, as text or as JSON (schemas/summary.schema.json).
#ifndef HEAPSLEUTH_LIB_REPORT_SUMMARY_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_SUMMARY_REPORT_H_

#include <string>

#include "lib/analysis/heap_summary.h"

namespace heapsleuth::report {

struct SummaryInput {
  std::string file_name;
  const analysis::HeapSummary* summary;  // Computed, or read from the index.
  size_t top = 20;                       // How many classes to show.
};

std::string SummaryText(const SummaryInput& input);
std::string SummaryJson(const SummaryInput& input);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_SUMMARY_REPORT_H_
