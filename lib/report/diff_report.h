// `heapsleuth-diff` output: the per-class comparison of two snapshots, the new
// objects that retain the most (with their retainer paths, as heap_labels.h
// writes them) and the CI rules' outcome, as a text table, as
// JSON (schemas/diff.schema.json) or as a short Markdown report meant for a
// pull-request comment.
//
// Text and Markdown show the changed classes (DevTools' rows plus classes
// whose retained size changed) sorted by the chosen delta, at most `top`;
// JSON always lists every changed class (machine readers filter themselves)
// sorted by key, so that it is stable.
#ifndef HEAPSLEUTH_LIB_REPORT_DIFF_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_DIFF_REPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/analysis/ci_rules.h"
#include "lib/analysis/snapshot_diff.h"

namespace heapsleuth::report {

// What the rows are sorted by (descending, ties by class key).
enum class DiffSort { kRetained, kSize, kCount, kNew, kDeleted, kAlloc, kFreed };

// "retained", "size", ... -> the sort; nullopt for an unknown name.
std::optional<DiffSort> ParseDiffSort(std::string_view name);

struct DiffInput {
  std::string base_file;
  std::string new_file;
  const analysis::SnapshotDiff* diff = nullptr;
  // The NEW snapshot, to name the nodes on the new objects' retainer paths.
  const graph::Graph* graph = nullptr;
  const graph::HeapAnalysis* analysis = nullptr;
  std::vector<analysis::RuleOutcome> outcomes;  // Empty without rules.
  DiffSort sort = DiffSort::kRetained;
  size_t top = 20;  // Rows in text and Markdown; 0 = all.
};

std::string DiffText(const DiffInput& input);
std::string DiffJson(const DiffInput& input);
std::string DiffMarkdown(const DiffInput& input);

// One line for a crossed (or passed) rule, e.g.
// class("LeakyRecord").count > +0: +300 objects (base 0)
std::string FormatOutcome(const analysis::RuleOutcome& outcome);

// `text` for a Markdown table cell or list item: printable, cut to
// `max_chars` code points, Markdown's special characters escaped.
std::string MarkdownText(std::string_view text, size_t max_chars);

// Cross-process notice, for stderr and the reports.
std::string CrossProcessNote(const analysis::ProcessMatch& match);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_DIFF_REPORT_H_
