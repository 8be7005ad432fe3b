// heapsleuth-leaks: what leaks, why it is alive and where to look. Over a
// series (memlab's three-snapshot method plus the series detectors) or in one
// snapshot (the one-snapshot detectors), with a CI gate (--fail-on-leaks).
#include <cstdio>
#include <string>
#include <vector>

#include "lib/analysis/leak_analysis.h"
#include "lib/analysis/source_place.h"
#include "lib/base/atomic_file.h"
#include "lib/base/byte_size.h"
#include "lib/graph/retainer_paths.h"
#include "lib/graph/retainers.h"
#include "lib/report/leaks_report.h"
#include "tools/tool_support.h"

namespace {

using namespace heapsleuth;
const std::string kTool = "heapsleuth-leaks";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(
      "Finds leaks. Given BASELINE TARGET FINAL (snapshots of one process: before an action, after it, and after "
      "it ran again or was undone), reports the objects new in TARGET and still alive in FINAL, clustered by "
      "retainer path (memlab's method), and what grows at every step (collections, listeners, timers). With "
      "--snapshot FILE, looks at one snapshot: detached DOM, listeners on detached elements, closures capturing "
      "large data, duplicated strings, oversized objects. Every finding says why it is alive (a retainer path "
      "from the GC roots) and where to look (a source location).",
      kTool);
  std::vector<std::string> paths;
  std::string snapshot_path, markdown_path, min_retained_text = "0";
  size_t top = 10;
  bool json = false, fail_on_leaks = false;
  auto* series_option =
      app.add_option("SNAPSHOTS", paths, "BASELINE TARGET FINAL [MORE...]: three or more snapshots, oldest first")
          ->expected(3, -1);
  app.add_option("--snapshot", snapshot_path, "look at this one snapshot only")->excludes(series_option);
  app.add_option("--top", top, "how many findings to show in text and Markdown (0: all)")->capture_default_str();
  app.add_flag("--json", json, "write JSON (schemas/leaks.schema.json) instead of text");
  app.add_option("--markdown", markdown_path, "also write a Markdown report here");
  app.add_flag("--fail-on-leaks", fail_on_leaks, "exit 1 when a leak retaining at least --min-retained is found");
  app.add_option("--min-retained", min_retained_text,
                 "report only findings that keep at least SIZE alive (e.g. 100KB, 1MiB)")
      ->capture_default_str();
  uint64_t max_memory = 0;
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;
  if (snapshot_path.empty() && paths.empty()) {
    return tools::ReportUsageError(kTool, "give BASELINE TARGET FINAL, or --snapshot FILE");
  }
  const std::optional<uint64_t> min_retained = ParseByteSize(min_retained_text);
  if (!min_retained) return tools::ReportUsageError(kTool, "--min-retained: not a size: " + min_retained_text);
  if (!snapshot_path.empty()) paths = {snapshot_path};
  for (const std::string& path : paths) {
    if (path == "-" && paths.size() > 1) {
      return tools::ReportUsageError(kTool, "a series must be files (- is accepted with --snapshot only)");
    }
  }

  // One full analysis at a time: each earlier snapshot leaves only what the
  // series detectors keep (object ids, a few numbers per collection).
  tools::ToolProgress progress(progress_options);
  analysis::LeakAnalysis leaks(paths.size());
  // (the earlier ones need their classes only: graph::AnalyzeClasses).
  for (size_t i = 0; i + 1 < paths.size(); ++i) {
    auto graph = tools::LoadGraph(paths[i], progress, max_memory);
    if (!graph.ok()) return tools::ReportError(kTool, graph.status());
    leaks.AddSnapshot(*graph, graph::AnalyzeClasses(*graph, progress));
  }
  auto last = tools::LoadHeap(paths.back(), progress, max_memory);
  if (!last.ok()) return tools::ReportError(kTool, last.status());
  const graph::Graph& graph = (*last)->graph;
  const graph::HeapAnalysis& analysis = (*last)->analysis;
  leaks.AddSnapshot(graph, analysis);

  progress.Stage("retainers", 0);
  const graph::Retainers retainers = graph::RetainersOf(graph, analysis);
  graph::RetainerPathFinder finder(graph, retainers, analysis.distance, analysis.detachedness);
  const analysis::ScriptNames scripts = analysis::ScriptNames::Collect(graph);
  analysis::LeakContext context{graph, analysis, finder, retainers, scripts};
  progress.Stage("leak detectors", 0);
  std::vector<analysis::Finding> findings = leaks.Findings(context);
  progress.Finish();
  std::erase_if(findings, [&](const analysis::Finding& f) { return f.retained_size < *min_retained; });

  report::LeaksInput input{paths, &graph, &analysis, analysis.dominators.retained_size[graph.root()],
                           std::move(findings), *min_retained, fail_on_leaks, top};
  if (!markdown_path.empty()) {
    absl::Status written = WriteFileAtomically(markdown_path, report::LeaksMarkdown(input));
    if (!written.ok()) return tools::ReportError(kTool, written);
  }
  if (!tools::WriteStdout(kTool, json ? report::LeaksJson(input) : report::LeaksText(input))) {
    return tools::kExitInputError;
  }
  const size_t leak_count = report::CountLeaks(input);
  if (fail_on_leaks && leak_count > 0) {
    std::fprintf(stderr, "%s: %zu %s found\n", kTool.c_str(), leak_count, leak_count == 1 ? "leak" : "leaks");
    return tools::kExitThreshold;
  }
  return tools::kExitOk;
}
