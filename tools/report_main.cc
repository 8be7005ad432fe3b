// heapsleuth-report: one self-contained HTML page of a heap snapshot: the
// summary and statistics, a treemap of the dominator tree, the class table.
#include <cstdint>
#include <string>

#include "lib/analysis/class_histogram.h"
#include "lib/analysis/dominator_tree_aggregate.h"
#include "lib/analysis/statistics.h"
#include "lib/report/dominator_tree_report.h"
#include "lib/report/html_report.h"
#include "lib/report/summary_report.h"
#include "tools/tool_support.h"

int main(int argc, char** argv) {
  using namespace heapsleuth;
  const std::string tool = "heapsleuth-report";
  CLI::App app(
      "One self-contained HTML page (no network access) of a V8 heap snapshot: totals and the statistics "
      "split, a zoomable treemap of the dominator tree by retained size, and a sortable, filterable class table.",
      tool);
  std::string path, output;
  size_t classes = 1000;
  analysis::DominatorTreeAggregateOptions tree_options;
  uint64_t max_memory = 0;
  app.add_option("FILE", path, "the .heapsnapshot file (- for stdin)")->required();
  app.add_option("--classes", classes, "how many classes the table lists (by retained size)")
      ->check(CLI::Range(size_t{1}, size_t{1000000}))
      ->capture_default_str();
  app.add_option("--tree-nodes", tree_options.max_nodes,
                 "most treemap nodes embedded; smaller objects are merged into \"N smaller objects\"")
      ->check(CLI::Range(100u, 50000u))
      ->capture_default_str();
  tools::AddOutputOption(app, output);
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;

  tools::ToolProgress progress(progress_options);
  auto heap = tools::LoadHeap(path, progress, max_memory);
  if (!heap.ok()) return tools::ReportError(tool, heap.status());
  const auto& [graph, analysis] = **heap;
  report::SummaryInput summary{path, &graph, analysis::ComputeStatistics(graph, analysis),
                               analysis::ComputeClassHistogram(graph, analysis), classes};
  report::DominatorTreeInput tree{path, &graph, &analysis, tree_options,
                                  analysis::AggregateDominatorTree(graph, analysis, tree_options)};
  report::HtmlReportInput page{path, {{"summary", report::SummaryJson(summary)},
                                      {"dominator_tree", report::DominatorTreeJson(tree)}}};
  return tools::WriteOutput(tool, output, report::HtmlReport(page)) ? tools::kExitOk : tools::kExitInputError;
}
