// `heapsleuth-growth` output: per class and per collection, the series over
// the snapshots with a sparkline, what grew at every step and by how much, and
// the CI rules' outcome (evaluated on the first snapshot against the last),
// as text, JSON (schemas/growth.schema.json) or a Markdown report.
//
// Rows shown: the classes and collections whose count (collections: shallow
// size) or retained size rose at every step, by retained growth per step
// (descending, ties by key), at most `top` in text and Markdown, all in JSON.
#ifndef HEAPSLEUTH_LIB_REPORT_GROWTH_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_GROWTH_REPORT_H_

#include <string>
#include <vector>

#include "lib/analysis/ci_rules.h"
#include "lib/analysis/snapshot_diff.h"
#include "lib/analysis/snapshot_series.h"

namespace heapsleuth::report {

struct GrowthInput {
  std::vector<std::string> files;
  const analysis::SnapshotSeries* series = nullptr;
  const analysis::SnapshotDiff* first_to_last = nullptr;  // For the rules and the process check.
  std::vector<analysis::RuleOutcome> outcomes;
  size_t top = 20;  // Rows in text and Markdown; 0 = all.
};

// "▁▃▅█": one block per value, scaled from the series' minimum to its maximum.
std::string Sparkline(const std::vector<uint64_t>& values);

std::string GrowthText(const GrowthInput& input);
std::string GrowthJson(const GrowthInput& input);
std::string GrowthMarkdown(const GrowthInput& input);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_GROWTH_REPORT_H_
