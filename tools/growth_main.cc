// heapsleuth-growth: what grows at every step over a series of snapshots of
// one process, with the same CI gate as heapsleuth-diff (first against last).
#include <cstdio>
#include <string>
#include <vector>

#include "lib/analysis/ci_rules.h"
#include "lib/analysis/snapshot_diff.h"
#include "lib/analysis/snapshot_series.h"
#include "lib/graph/class_names.h"
#include "lib/report/diff_report.h"
#include "lib/report/growth_report.h"
#include "tools/gate_support.h"
#include "tools/tool_support.h"

namespace {

using namespace heapsleuth;
const std::string kTool = "heapsleuth-growth";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(
      "Follows classes and collections (Array, Map, Set, plain-object dictionaries) over snapshots of one process "
      "taken in time "
      "order, and flags what grows at every step. Rules (--fail-if, --budget) compare the first "
      "snapshot with the last, as heapsleuth-diff does; exit 1 when one is crossed.",
      kTool);
  std::vector<std::string> paths, fail_if;
  std::string markdown_path, budget_path;
  size_t top = 20;
  bool json = false;
  app.add_option("SNAPSHOTS", paths, "two or more .heapsnapshot files, oldest first")->required()->expected(2, -1);
  app.add_option("--top", top, "how many rows to show in text and Markdown (0: all)")->capture_default_str();
  app.add_flag("--json", json, "write JSON (schemas/growth.schema.json) instead of text");
  app.add_option("--fail-if", fail_if,
                 "exit 1 when this rule holds between the first and last snapshot "
                 "(repeatable; the rules of heapsleuth-diff)")
      ->allow_extra_args(false);  // One rule per --fail-if: never swallow the snapshots that follow.
  app.add_option("--budget", budget_path, "a JSON file of rules (schemas/budget.schema.json)");
  app.add_option("--markdown", markdown_path, "also write a Markdown report here");
  uint64_t max_memory = 0;
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;
  for (const std::string& path : paths) {
    if (path == "-") {
      std::fprintf(stderr, "%s: error: snapshots must be files (- is not accepted)\n", kTool.c_str());
      return tools::kExitUsage;
    }
  }

  std::vector<analysis::Rule> rules;
  if (int code = tools::ReadGateRules(kTool, fail_if, budget_path, rules); code >= 0) return code;

  // As heapsleuth-diff: the last snapshot's interfaces name every snapshot's
  // plain objects; one full analysis at a time.
  tools::ToolProgress progress(progress_options);
  auto last_graph = tools::LoadGraph(paths.back(), progress, max_memory);
  if (!last_graph.ok()) return tools::ReportError(kTool, last_graph.status());
  const graph::InterfaceDefinitions interfaces = graph::InferInterfaceDefinitions(*last_graph);
  analysis::SnapshotSeries series;
  analysis::DiffSide first_side;
  for (size_t i = 0; i + 1 < paths.size(); ++i) {
    auto heap = tools::LoadHeap(paths[i], progress, max_memory, &interfaces);
    if (!heap.ok()) return tools::ReportError(kTool, heap.status());
    series.AddSnapshot((*heap)->graph, (*heap)->analysis);
    if (i == 0) first_side = analysis::CollectSide((*heap)->graph, (*heap)->analysis);
  }
  const graph::HeapAnalysis last_analysis = graph::AnalyzeHeap(*last_graph, progress);
  progress.Finish();
  series.AddSnapshot(*last_graph, last_analysis);
  const analysis::SnapshotDiff diff = analysis::ComputeSnapshotDiff(first_side, *last_graph, last_analysis, 0);
  first_side = {};

  report::GrowthInput input{paths, &series, &diff, analysis::EvaluateRules(rules, diff), top};
  return tools::FinishGateRun(kTool, diff.process, markdown_path,
                              markdown_path.empty() ? std::string() : report::GrowthMarkdown(input),
                              json ? report::GrowthJson(input) : report::GrowthText(input), input.outcomes);
}
