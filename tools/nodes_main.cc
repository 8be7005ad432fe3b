// heapsleuth-nodes: every node with DevTools' per-node values, for scripts.
#include <cstdio>
#include <string>

#include "lib/report/nodes_report.h"
#include "tools/tool_support.h"

int main(int argc, char** argv) {
  using namespace heapsleuth;
  const std::string tool = "heapsleuth-nodes";
  CLI::App app("Every node of a V8 heap snapshot, one per line: id, type, name, class, sizes, "
               "distance, dominator, detachedness.",
               tool);
  std::string path, format = "tsv";
  app.add_option("FILE", path, "the .heapsnapshot file (- for stdin)")->required();
  app.add_option("--format", format, "tsv (with a header line) or jsonl")
      ->check(CLI::IsMember({"tsv", "jsonl"}))
      ->capture_default_str();
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;

  tools::ToolProgress progress(progress_options);
  auto heap = tools::LoadHeap(path, progress);
  if (!heap.ok()) return tools::ReportError(tool, heap.status());
  absl::Status written = report::WriteNodes((*heap)->graph, (*heap)->analysis,
                                            format == "jsonl" ? report::NodesFormat::kJsonl : report::NodesFormat::kTsv,
                                            stdout);
  return written.ok() ? tools::kExitOk : tools::ReportError(tool, written);
}
