// heapsleuth-report: one self-contained HTML page of a heap snapshot: the
// summary and statistics, a treemap of the dominator tree, the class table;
// given a series (--baseline, --final), also heapsleuth-leaks' findings and
// heapsleuth-growth's classes that rose at every step.
#include <cstdint>
#include <string>
#include <vector>

#include "lib/analysis/dominator_tree_aggregate.h"
#include "lib/analysis/heap_summary.h"
#include "lib/analysis/leak_analysis.h"
#include "lib/analysis/snapshot_diff.h"
#include "lib/analysis/snapshot_series.h"
#include "lib/analysis/source_place.h"
#include "lib/graph/class_names.h"
#include "lib/graph/retainer_paths.h"
#include "lib/graph/retainers.h"
#include "lib/report/dominator_tree_report.h"
#include "lib/report/growth_report.h"
#include "lib/report/html_report.h"
#include "lib/report/leaks_report.h"
#include "lib/report/summary_report.h"
#include "tools/tool_support.h"

namespace {

using namespace heapsleuth;

// The summary, treemap and class table sections of one analysed snapshot.
void AddSnapshotSections(const std::string& path, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                         size_t classes, const analysis::DominatorTreeAggregateOptions& tree_options,
                         std::vector<report::HtmlSection>& sections) {
  const analysis::HeapSummary heap_summary = analysis::SummarizeHeap(graph, analysis);
  report::SummaryInput summary{path, &heap_summary, classes};
  report::DominatorTreeInput tree{path, &graph, &analysis, tree_options,
                                  analysis::AggregateDominatorTree(graph, analysis, tree_options)};
  sections.push_back({"summary", report::SummaryJson(summary)});
  sections.push_back({"dominator_tree", report::DominatorTreeJson(tree)});
}

}  // namespace

int main(int argc, char** argv) {
  const std::string tool = "heapsleuth-report";
  CLI::App app(
      "One self-contained HTML page (no network access) of a V8 heap snapshot: totals and the statistics "
      "split, a zoomable treemap of the dominator tree by retained size, and a sortable, filterable class table. "
      "With --baseline and --final (FILE is then the target: the snapshot after the scenario), the page also "
      "shows heapsleuth-leaks' findings and growth charts of the classes that rose at every step, and its "
      "summary, treemap and class table are FINAL's, where the leaks live.",
      tool);
  std::string path, output, baseline_path, final_path;
  size_t classes = 1000;
  analysis::DominatorTreeAggregateOptions tree_options;
  uint64_t max_memory = 0;
  app.add_option("FILE", path, "the .heapsnapshot file (- for stdin)")->required();
  auto* baseline_option =
      app.add_option("--baseline", baseline_path, "a snapshot of the same process taken before FILE");
  auto* final_option = app.add_option("--final", final_path, "a snapshot of the same process taken after FILE");
  baseline_option->needs(final_option);
  final_option->needs(baseline_option);
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
  const bool series = !baseline_path.empty();
  if (series && (path == "-" || baseline_path == "-" || final_path == "-")) {
    return tools::ReportUsageError(tool, "a series must be files (- is accepted without --baseline/--final only)");
  }

  tools::ToolProgress progress(progress_options);
  std::vector<report::HtmlSection> sections;
  if (!series) {
    auto heap = tools::LoadHeap(path, progress, max_memory);
    if (!heap.ok()) return tools::ReportError(tool, heap.status());
    AddSnapshotSections(path, (*heap)->graph, (*heap)->analysis, classes, tree_options, sections);
    progress.Finish();
    report::HtmlReportInput page{path, std::move(sections)};
    return tools::WriteOutput(tool, output, report::HtmlReport(page)) ? tools::kExitOk : tools::kExitInputError;
  }

  // As heapsleuth-growth and heapsleuth-leaks together: FINAL's interfaces
  // name every snapshot's plain objects, one full analysis at a time.
  const std::vector<std::string> files = {baseline_path, path, final_path};
  auto final_graph = tools::LoadGraph(final_path, progress, max_memory);
  if (!final_graph.ok()) return tools::ReportError(tool, final_graph.status());
  const graph::InterfaceDefinitions interfaces = graph::InferInterfaceDefinitions(*final_graph);
  analysis::LeakAnalysis leaks(files.size());
  analysis::SnapshotSeries growth_series;
  analysis::DiffSide first_side;
  for (size_t i = 0; i + 1 < files.size(); ++i) {
    auto heap = tools::LoadHeap(files[i], progress, max_memory, &interfaces);
    if (!heap.ok()) return tools::ReportError(tool, heap.status());
    leaks.AddSnapshot((*heap)->graph, (*heap)->analysis);
    growth_series.AddSnapshot((*heap)->graph, (*heap)->analysis);
    if (i == 0) first_side = analysis::CollectSide((*heap)->graph, (*heap)->analysis);
  }
  const graph::Graph& graph = *final_graph;
  const graph::HeapAnalysis analysis = graph::AnalyzeHeap(graph, progress);
  leaks.AddSnapshot(graph, analysis);
  growth_series.AddSnapshot(graph, analysis);
  const analysis::SnapshotDiff diff = analysis::ComputeSnapshotDiff(first_side, graph, analysis, 0);
  first_side = {};

  progress.Stage("leak detectors", 0);
  const graph::Retainers retainers = graph::Retainers::Build(graph);
  graph::RetainerPathFinder finder(graph, retainers, analysis.distance, analysis.detachedness);
  const analysis::ScriptNames scripts = analysis::ScriptNames::Collect(graph);
  const analysis::LeakContext context{graph, analysis, finder, retainers, scripts};
  report::LeaksInput leaks_input{files, &graph, &analysis, analysis.dominators.retained_size[graph.root()],
                                 leaks.Findings(context), 0, false, 0};
  report::GrowthInput growth_input{files, &growth_series, &diff, {}, 0};
  sections.push_back({"leaks", report::LeaksJson(leaks_input)});
  sections.push_back({"growth", report::GrowthJson(growth_input)});
  AddSnapshotSections(final_path, graph, analysis, classes, tree_options, sections);
  progress.Finish();
  report::HtmlReportInput page{path, std::move(sections)};
  return tools::WriteOutput(tool, output, report::HtmlReport(page)) ? tools::kExitOk : tools::kExitInputError;
}
