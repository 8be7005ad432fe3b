// heapsleuth-index: parse and analyze a snapshot once, write its binary
// index (lib/graph/index_file.h) so that every tool reopens it in a moment.
#include <cstdint>
#include <memory>
#include <string>

#include "lib/analysis/heap_summary.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/index_file.h"
#include "lib/graph/retainers.h"
#include "tools/tool_support.h"

int main(int argc, char** argv) {
  using namespace heapsleuth;
  const std::string tool = "heapsleuth-index";
  CLI::App app("Writes a heap snapshot's binary index (FILE.hsidx), which every tool then uses instead of parsing.",
               tool);
  std::string path, output;
  uint64_t max_memory = 0;
  app.add_option("FILE", path, "the .heapsnapshot file (a regular file: the index records its size and mtime)")
      ->required();
  app.add_option("-o,--output", output, "write the index here instead of FILE.hsidx (tools only look beside FILE)")
      ->type_name("FILE");
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;
  if (path == "-") return tools::ReportUsageError(tool, "FILE must be a file, not stdin: the index records its size and mtime");
  if (output.empty()) output = tools::IndexPathFor(path);

  // Stamped before parsing: a snapshot replaced meanwhile makes the index stale, not wrong.
  auto stamp = graph::StampSource(path);
  if (!stamp.ok()) return tools::ReportError(tool, stamp.status());
  tools::ToolProgress progress(progress_options);
  auto parsed = tools::ParseGraph(path, progress, max_memory);
  if (!parsed.ok()) return tools::ReportError(tool, parsed.status());
  const graph::Graph& graph = *parsed;
  const graph::HeapAnalysis analysis = graph::AnalyzeHeap(graph, progress);
  // Summarized before the retainers exist: the histogram's scratch then
  // never adds to their 8 bytes per edge.
  progress.Stage("Summarizing", 0);
  const std::string summary = analysis::EncodeHeapSummary(analysis::SummarizeHeap(graph, analysis));
  progress.Stage("Building retainers", 0);
  const graph::Retainers retainers = graph::Retainers::Build(graph);
  absl::Status written = graph::WriteIndex(output, graph, analysis, retainers, summary, *stamp, progress);
  progress.Finish();
  if (!written.ok()) return tools::ReportError(tool, written);
  return tools::kExitOk;
}
