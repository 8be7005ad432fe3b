// heapsleuth-summary: what is in a heap snapshot, in DevTools' numbers;
// with --react, the memory per React component type instead.
#include <cstdint>
#include <string>

#include "lib/analysis/heap_summary.h"
#include "lib/analysis/react_components.h"
#include "lib/report/react_report.h"
#include "lib/report/summary_report.h"
#include "tools/tool_support.h"

int main(int argc, char** argv) {
  using namespace heapsleuth;
  const std::string tool = "heapsleuth-summary";
  CLI::App app("Totals and the classes that retain the most memory in a V8 heap snapshot.", tool);
  std::string path, output;
  size_t top = 20;
  uint64_t max_memory = 0;
  bool json = false;
  bool react = false;
  app.add_option("FILE", path, "the .heapsnapshot file (- for stdin)")->required();
  app.add_option("--top", top, "how many classes to list")->capture_default_str();
  app.add_flag("--json", json, "write JSON (schemas/summary.schema.json) instead of text");
  app.add_flag("--react", react,
               "memory per React component type: fibers, mounted and unmounted-but-alive instances, retained size "
               "(JSON: schemas/react.schema.json)");
  tools::AddOutputOption(app, output);
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;

  tools::ToolProgress progress(progress_options);
  if (react) {
    auto heap = tools::LoadHeap(path, progress, max_memory);
    if (!heap.ok()) return tools::ReportError(tool, heap.status());
    const auto& [graph, analysis] = **heap;
    const analysis::ReactHeap react_heap = analysis::AnalyzeReact(graph, analysis);
    const report::ReactInput react_input{path, &react_heap, analysis.dominators.retained_size[graph.root()]};
    const std::string text = json ? report::ReactJson(react_input) : report::ReactText(react_input);
    return tools::WriteOutput(tool, output, text) ? tools::kExitOk : tools::kExitInputError;
  }
  const absl::StatusOr<analysis::HeapSummary> summary = tools::LoadSummary(path, progress, max_memory);
  if (!summary.ok()) return tools::ReportError(tool, summary.status());
  const report::SummaryInput input{path, &*summary, top};
  const std::string text = json ? report::SummaryJson(input) : report::SummaryText(input);
  return tools::WriteOutput(tool, output, text) ? tools::kExitOk : tools::kExitInputError;
}
