// heapsleuth-diff: what grew between two snapshots of one process, DevTools'
// Comparison view plus retained sizes, with a CI gate.
#include <cstdio>
#include <string>
#include <vector>

#include "lib/analysis/ci_rules.h"
#include "lib/analysis/snapshot_diff.h"
#include "lib/base/str_cat.h"
#include "lib/graph/class_names.h"
#include "lib/report/diff_report.h"
#include "tools/gate_support.h"
#include "tools/tool_support.h"

namespace {

using namespace heapsleuth;
const std::string kTool = "heapsleuth-diff";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(
      "Compares two heap snapshots of one process: per class, the objects added and deleted "
      "(DevTools' Comparison view), the retained-size change, and the new objects that retain "
      "the most. Exits 1 when a --fail-if or --budget rule is crossed.",
      kTool);
  std::string base_path, new_path, sort_name = "retained", markdown_path, budget_path;
  std::vector<std::string> fail_if;
  size_t top = 20, top_new = 10;
  bool json = false;
  app.add_option("BASE", base_path, "the earlier .heapsnapshot")->required();
  app.add_option("NEW", new_path, "the later .heapsnapshot, from the same process")->required();
  app.add_option("--sort", sort_name, "retained, size, count, new, deleted, alloc or freed (descending)")
      ->check(CLI::IsMember({"retained", "size", "count", "new", "deleted", "alloc", "freed"}))
      ->capture_default_str();
  app.add_option("--top", top, "how many classes to show in text and Markdown (0: all)")->capture_default_str();
  app.add_option("--top-new", top_new, "how many new objects to list")->capture_default_str();
  app.add_flag("--json", json, "write JSON (schemas/diff.schema.json) instead of text");
  app.add_option("--fail-if", fail_if,
                 "exit 1 when this rule holds, e.g. 'total.retained > +10MB', 'class(\"Map\").count > +5%' "
                 "(repeatable; see README)")
      ->allow_extra_args(false);  // One rule per --fail-if: never swallow the snapshots that follow.
  app.add_option("--budget", budget_path, "a JSON file of rules (schemas/budget.schema.json)");
  app.add_option("--markdown", markdown_path, "also write a Markdown report (for a pull-request comment) here");
  uint64_t max_memory = 0;
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;

  if (base_path == "-" && new_path == "-") {
    std::fprintf(stderr, "%s: error: BASE and NEW cannot both be - (stdin)\n", kTool.c_str());
    return tools::kExitUsage;
  }
  // Rules first: a typo should not cost two snapshot loads.
  std::vector<analysis::Rule> rules;
  if (int code = tools::ReadGateRules(kTool, fail_if, budget_path, rules); code >= 0) return code;

  // One full analysis at a time: NEW's graph gives the interface names the
  // BASE is classified with, BASE is reduced to its DiffSide and freed, then
  // NEW is analyzed.
  tools::ToolProgress progress(progress_options);
  auto new_graph = tools::LoadGraph(new_path, progress, max_memory);
  if (!new_graph.ok()) return tools::ReportError(kTool, new_graph.status());
  const graph::InterfaceDefinitions interfaces = graph::InferInterfaceDefinitions(*new_graph);
  analysis::DiffSide base_side;
  {
    auto base = tools::LoadHeap(base_path, progress, max_memory, &interfaces);
    if (!base.ok()) return tools::ReportError(kTool, base.status());
    base_side = analysis::CollectSide((*base)->graph, (*base)->analysis);
  }
  const graph::HeapAnalysis new_analysis = graph::AnalyzeHeap(*new_graph, progress);
  progress.Finish();
  analysis::SnapshotDiff diff = analysis::ComputeSnapshotDiff(base_side, *new_graph, new_analysis, top_new);
  base_side = {};
  analysis::AddRetainerPaths(*new_graph, new_analysis, diff);

  report::DiffInput input{base_path,
                          new_path,
                          &diff,
                          &*new_graph,
                          &new_analysis,
                          analysis::EvaluateRules(rules, diff),
                          *report::ParseDiffSort(sort_name),
                          top};
  return tools::FinishGateRun(kTool, diff.process, markdown_path,
                              markdown_path.empty() ? std::string() : report::DiffMarkdown(input),
                              json ? report::DiffJson(input) : report::DiffText(input), input.outcomes);
}
