// heapsleuth-inspect: one object in full: sizes, distance, dominator,
// location, string text, a closure's captured variables, outgoing edges.
#include <string>
#include <vector>

#include "lib/analysis/object_details.h"
#include "lib/graph/retainers.h"
#include "lib/report/inspect_report.h"
#include "tools/tool_support.h"

int main(int argc, char** argv) {
  using namespace heapsleuth;
  const std::string tool = "heapsleuth-inspect";
  CLI::App app(
      "One object in full: class, sizes, distance, dominator, source location, the text of a string, "
      "the variables a closure captured, and its outgoing edges.",
      tool);
  std::string path;
  std::vector<std::string> targets;
  size_t max_edges = 50, max_string = 200;
  uint64_t max_memory = 0;
  bool json = false;
  app.add_option("FILE", path, "the .heapsnapshot file (- for stdin)")->required();
  app.add_option("TARGET", targets, "objects by id, as @ID (DevTools' @12345)")->required();
  app.add_option("--edges", max_edges, "most outgoing edges listed (0: all)")->capture_default_str();
  app.add_option("--max-string", max_string, "most characters of a string's text shown")
      ->check(CLI::Range(static_cast<size_t>(1), static_cast<size_t>(1) << 30))
      ->capture_default_str();
  app.add_flag("--json", json, "write JSON (schemas/inspect.schema.json) instead of text");
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;
  if (int code = tools::CheckNodeTargets(tool, targets); code >= 0) return code;

  tools::ToolProgress progress(progress_options);
  auto heap = tools::LoadHeap(path, progress, max_memory);
  if (!heap.ok()) return tools::ReportError(tool, heap.status());
  const auto& [graph, analysis] = **heap;
  std::vector<uint32_t> nodes;
  if (int code = tools::ResolveNodeTargets(tool, path, graph, targets, nodes); code >= 0) return code;

  const graph::Retainers retainers = graph::RetainersOf(graph, analysis);
  report::InspectInput input;
  input.file_name = path;
  input.graph = &graph;
  input.analysis = &analysis;
  input.total_size = analysis.dominators.retained_size[graph.root()] + graph.extra_native_bytes();
  input.max_edges = max_edges;
  input.max_string = max_string;
  for (uint32_t node : nodes)
    input.objects.push_back(analysis::DescribeObject(graph, retainers, node, max_edges, max_string));
  const std::string text = json ? report::InspectJson(input) : report::InspectText(input);
  return tools::WriteStdout(tool, text) ? tools::kExitOk : tools::kExitInputError;
}
