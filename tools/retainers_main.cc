// heapsleuth-retainers: what keeps an object alive. Shortest retainer paths
// from the GC roots and DevTools' Retainers view, for objects given by id or
// for the largest instances of a class.
#include <string>
#include <span>
#include <vector>

#include "lib/analysis/instance_paths.h"
#include "lib/graph/distances.h"
#include "lib/graph/retainer_paths.h"
#include "lib/graph/retainers.h"
#include "lib/report/retainers_report.h"
#include "tools/tool_support.h"

int main(int argc, char** argv) {
  using namespace heapsleuth;
  const std::string tool = "heapsleuth-retainers";
  CLI::App app(
      "What keeps objects alive: shortest retainer paths from the GC roots (the first one's length is the "
      "object's DevTools distance), and with --tree DevTools' Retainers view.",
      tool);
  std::string path, class_name;
  std::vector<std::string> targets;
  uint32_t paths = 3, depth = 3, limit = 10, instances = 10;
  uint64_t max_memory = 0;
  bool tree = false, include_weak = false, json = false;
  app.add_option("FILE", path, "the .heapsnapshot file (- for stdin)")->required();
  app.add_option("TARGET", targets, "objects by id, as @ID (DevTools' @12345)");
  app.add_option("--class", class_name,
                 "instead of targets: the largest instances of this class (DevTools' class name)");
  app.add_option("--paths", paths, "how many distinct paths per object (0: none)")
      ->check(CLI::Range(0u, 100u))
      ->capture_default_str();
  app.add_flag("--tree", tree, "also print DevTools' Retainers view: who retains it, who retains those, ...");
  app.add_option("--depth", depth, "with --tree: how many levels")->check(CLI::Range(1u, 100u))->capture_default_str();
  app.add_option("--limit", limit, "with --tree: most retainers listed under each object (0: all)")
      ->capture_default_str();
  app.add_option("--instances", instances, "with --class: how many of the largest instances")
      ->check(CLI::Range(1u, 1000000u))
      ->capture_default_str();
  app.add_flag("--include-weak", include_weak, "let paths and the view use weak edges");
  app.add_flag("--json", json, "write JSON (schemas/retainers.schema.json) instead of text");
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;
  if (targets.empty() == class_name.empty()) {
    return tools::ReportUsageError(tool, "give either objects (@ID ...) or --class NAME");
  }
  if (int code = tools::CheckNodeTargets(tool, targets); code >= 0) return code;

  tools::ToolProgress progress(progress_options);
  auto heap = tools::LoadHeap(path, progress, max_memory);
  if (!heap.ok()) return tools::ReportError(tool, heap.status());
  const auto& [graph, analysis] = **heap;
  std::vector<uint32_t> nodes;
  if (int code = tools::ResolveNodeTargets(tool, path, graph, targets, nodes); code >= 0) return code;

  const graph::Retainers retainers = graph::RetainersOf(graph, analysis);
  // Weak edges change distances: then paths follow distances that count them.
  std::vector<int32_t> weak_distances;
  if (include_weak) weak_distances = graph::ComputeDistances(graph, {.include_weak = true});
  std::span<const int32_t> distances = include_weak ? std::span<const int32_t>(weak_distances) : analysis.distance.span();
  graph::RetainerPathFinder finder(graph, retainers, distances, analysis.detachedness, {.include_weak = include_weak});

  report::RetainersInput input;
  input.file_name = path;
  input.graph = &graph;
  input.analysis = &analysis;
  input.retainers = &retainers;
  input.include_weak = include_weak;
  input.path_count = paths;
  input.tree = tree;
  input.depth = depth;
  input.limit = limit;
  if (!class_name.empty()) {
    input.by_class = true;
    input.class_name = class_name;
    input.instance_paths = analysis::GroupInstancePaths(graph, analysis, finder, class_name, instances);
    if (input.instance_paths.instance_count == 0) {
      return tools::ReportError(tool, absl::NotFoundError(path + ": no object has class '" + class_name + "'"));
    }
  } else {
    for (uint32_t node : nodes) {
      report::RetainersTarget target;
      target.node = node;
      target.paths = finder.Paths(node, paths);
      if (tree) {
        target.tree = graph::BuildRetainerTree(graph, retainers, analysis.distance, analysis.detachedness, node, depth,
                                               limit, include_weak);
      }
      input.targets.push_back(std::move(target));
    }
  }
  const std::string text = json ? report::RetainersJson(input) : report::RetainersText(input);
  return tools::WriteStdout(tool, text) ? tools::kExitOk : tools::kExitInputError;
}
