// heapsleuth-nodes: every node with DevTools' per-node values, for scripts.
#include <cstdint>
#include <cstdio>
#include <string>

#include "lib/base/atomic_file.h"
#include "lib/report/nodes_report.h"
#include "tools/tool_support.h"

int main(int argc, char** argv) {
  using namespace heapsleuth;
  const std::string tool = "heapsleuth-nodes";
  CLI::App app("Every node of a V8 heap snapshot, one per line: id, type, name, class, sizes, "
               "distance, dominator, detachedness.",
               tool);
  std::string path, output, format = "tsv";
  uint64_t max_memory = 0;
  app.add_option("FILE", path, "the .heapsnapshot file (- for stdin)")->required();
  app.add_option("--format", format, "tsv (with a header line) or jsonl")
      ->check(CLI::IsMember({"tsv", "jsonl"}))
      ->capture_default_str();
  tools::AddOutputOption(app, output);
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;

  tools::ToolProgress progress(progress_options);
  auto heap = tools::LoadHeap(path, progress, max_memory);
  if (!heap.ok()) return tools::ReportError(tool, heap.status());
  const auto nodes_format = format == "jsonl" ? report::NodesFormat::kJsonl : report::NodesFormat::kTsv;
  if (output.empty() || output == "-") {
    absl::Status written = report::WriteNodes((*heap)->graph, (*heap)->analysis, nodes_format, stdout);
    return written.ok() ? tools::kExitOk : tools::ReportError(tool, written);
  }
  // Streamed (the table can be gigabytes), into a file that appears whole.
  auto file = AtomicFile::Create(output);
  if (!file.ok()) return tools::ReportError(tool, file.status());
  absl::Status written = report::WriteNodes((*heap)->graph, (*heap)->analysis, nodes_format, (*file)->stream());
  if (written.ok()) written = (*file)->Commit();
  return written.ok() ? tools::kExitOk : tools::ReportError(tool, written);
}
