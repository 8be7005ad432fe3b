// heapsleuth-summary: what is in a heap snapshot, in DevTools' numbers.
#include <cstdint>
#include <future>
#include <string>

#include "lib/analysis/class_histogram.h"
#include "lib/analysis/statistics.h"
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
  app.add_option("FILE", path, "the .heapsnapshot file (- for stdin)")->required();
  app.add_option("--top", top, "how many classes to list")->capture_default_str();
  app.add_flag("--json", json, "write JSON (schemas/summary.schema.json) instead of text");
  tools::AddOutputOption(app, output);
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;

  tools::ToolProgress progress(progress_options);
  auto heap = tools::LoadHeap(path, progress, max_memory);
  if (!heap.ok()) return tools::ReportError(tool, heap.status());
  const auto& [graph, analysis] = **heap;
  // The statistics sweep the edges, the histogram the nodes: one each on
  // the two threads the analyses used.
  std::future<analysis::HeapStatistics> statistics =
      std::async(std::launch::async, [&graph, &analysis] { return analysis::ComputeStatistics(graph, analysis); });
  std::vector<analysis::ClassRow> histogram = analysis::ComputeClassHistogram(graph, analysis);
  report::SummaryInput input{path, &graph, statistics.get(), std::move(histogram), top};
  const std::string text = json ? report::SummaryJson(input) : report::SummaryText(input);
  return tools::WriteOutput(tool, output, text) ? tools::kExitOk : tools::kExitInputError;
}
