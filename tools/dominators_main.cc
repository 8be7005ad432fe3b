// heapsleuth-dominators: the dominator tree top-down, from the root or from
// an object: what each object alone keeps alive.
#include <string>
#include <vector>

#include "lib/analysis/dominator_listing.h"
#include "lib/base/byte_size.h"
#include "lib/report/dominators_report.h"
#include "lib/report/terminal_progress.h"
#include "tools/tool_support.h"

int main(int argc, char** argv) {
  using namespace heapsleuth;
  const std::string tool = "heapsleuth-dominators";
  CLI::App app(
      "The dominator tree, top-down: what each object alone keeps alive (DevTools' retained sizes), "
      "from the root or from an object.",
      tool);
  std::string path, min_size_text = "0";
  std::vector<std::string> targets;
  analysis::DominatorListingOptions options;
  options.limit = 10;
  bool json = false, quiet = false;
  app.add_option("FILE", path, "the .heapsnapshot file (- for stdin)")->required();
  app.add_option("TARGET", targets, "start from this object (@ID) instead of the root")->expected(0, 1);
  app.add_option("--depth", options.depth, "levels below the start")
      ->check(CLI::Range(0u, 1000u))
      ->capture_default_str();
  app.add_option("--min-size", min_size_text, "list only objects retaining at least this much (e.g. 1MB, 512kB, 4096)")
      ->capture_default_str();
  app.add_option("--limit", options.limit, "most children listed per object (0: all)")->capture_default_str();
  app.add_flag("--json", json, "write JSON (schemas/dominators.schema.json) instead of text");
  app.add_flag("-q,--quiet", quiet, "no progress on stderr");
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;
  absl::StatusOr<uint64_t> min_size = ParseByteSize(min_size_text);
  if (!min_size.ok()) return tools::ReportUsageError(tool, "--min-size: " + std::string(min_size.status().message()));
  options.min_size = *min_size;
  if (int code = tools::CheckNodeTargets(tool, targets); code >= 0) return code;

  report::TerminalProgress progress(quiet);
  auto heap = tools::LoadHeap(path, progress);
  if (!heap.ok()) return tools::ReportError(tool, heap.status());
  const auto& [graph, analysis] = **heap;
  std::vector<uint32_t> nodes;
  if (int code = tools::ResolveNodeTargets(tool, path, graph, targets, nodes); code >= 0) return code;

  report::DominatorsInput input;
  input.file_name = path;
  input.graph = &graph;
  input.analysis = &analysis;
  input.options = options;
  input.listing = analysis::ListDominators(graph, analysis, nodes.empty() ? graph.root() : nodes[0], options);
  const std::string text = json ? report::DominatorsJson(input) : report::DominatorsText(input);
  return tools::WriteStdout(tool, text) ? tools::kExitOk : tools::kExitInputError;
}
