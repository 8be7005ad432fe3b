// Test-only: heapsleuth's side of the memlab differential test
// (compare_memlab.sh), and a calibration aid for leak_clusters.h.
//
//   leak_candidates_dump BASELINE TARGET [LATER...] FINAL
//     one line per object of memlab's leaked set before its filters (new in
//     TARGET, alive in FINAL): "<id> <verdict>", the verdict being "kept" or
//     the filter that drops it (leak_candidates.h), sorted by id.
//   leak_candidates_dump --clusters BASELINE TARGET [LATER...] FINAL
//     the kLeakedObjects findings (default thresholds), one per
//     line: retained, count, subject, representative id, place, items; then
//     the representative path; on stderr, the time the clustering took and
//     the time a path for every candidate before filters takes.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "lib/analysis/leak_candidates.h"
#include "lib/analysis/leak_clusters.h"
#include "lib/analysis/source_place.h"
#include "lib/graph/retainer_paths.h"
#include "lib/graph/retainers.h"
#include "tools/tool_support.h"

namespace {

using namespace heapsleuth;

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "leak_candidates_dump: %s\n", std::string(status.message()).c_str());
  return 3;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  bool clusters = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--clusters") {
      clusters = true;
    } else {
      files.push_back(arg);
    }
  }
  if (files.size() < 3) {
    std::fprintf(stderr, "usage: leak_candidates_dump [--clusters] BASELINE TARGET [LATER...] FINAL\n");
    return 2;
  }
  tools::ToolProgress progress(tools::ProgressOptions{.quiet = true});
  analysis::LeakCandidates candidates;
  for (size_t i = 0; i + 1 < files.size(); ++i) {
    absl::StatusOr<graph::Graph> graph = tools::LoadGraph(files[i], progress);
    if (!graph.ok()) return Fail(graph.status());
    const absl::Status added = i == 0 ? candidates.AddBaseline(*graph)
                               : i == 1 ? candidates.AddTarget(*graph)
                                        : candidates.AddLater(*graph);
    if (!added.ok()) return Fail(added);
  }
  auto heap = tools::LoadHeap(files.back(), progress);
  if (!heap.ok()) return Fail(heap.status());
  const graph::Graph& graph = (*heap)->graph;
  const graph::HeapAnalysis& analysis = (*heap)->analysis;
  absl::StatusOr<std::vector<uint32_t>> unfiltered = candidates.Unfiltered(graph);
  if (!unfiltered.ok()) return Fail(unfiltered.status());
  if (!clusters) {
    std::vector<std::pair<uint32_t, uint32_t>> rows;  // (id, node)
    for (uint32_t node : *unfiltered) rows.emplace_back(graph.node_id(node), node);
    std::sort(rows.begin(), rows.end());
    for (const auto& [id, node] : rows) {
      const analysis::CandidateVerdict verdict = analysis::JudgeCandidate(graph, analysis, node);
      std::printf("%u %s\n", id, std::string(analysis::CandidateVerdictName(verdict)).c_str());
    }
    return 0;
  }
  const graph::Retainers retainers = graph::Retainers::Build(graph);
  graph::RetainerPathFinder finder(graph, retainers, analysis.distance, analysis.detachedness);
  const analysis::ScriptNames scripts = analysis::ScriptNames::Collect(graph);
  const analysis::LeakContext ctx{graph, analysis, finder, retainers, scripts};
  absl::StatusOr<std::vector<uint32_t>> kept = candidates.Candidates(graph, analysis);
  if (!kept.ok()) return Fail(kept.status());
  const auto start = std::chrono::steady_clock::now();
  const std::vector<analysis::Finding> findings = analysis::ClusterLeakCandidates(ctx, *kept);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "%zu unfiltered, %zu candidates, %zu roots, %zu clusters in %.3f s\n", unfiltered->size(),
               kept->size(), analysis::LeakRoots(graph, analysis, *kept).size(), findings.size(), seconds);
  // The cost the issue asks about: one path per candidate (memoized tree).
  const auto paths_start = std::chrono::steady_clock::now();
  size_t reached = 0;
  for (uint32_t node : *unfiltered) reached += finder.ShortestPath(node).has_value();
  std::fprintf(stderr, "paths for all %zu unfiltered candidates (%zu reachable) in %.3f s\n", unfiltered->size(),
               reached, std::chrono::duration<double>(std::chrono::steady_clock::now() - paths_start).count());
  for (const analysis::Finding& finding : findings) {
    std::printf("%llu\t%llu\t%s\t@%u\t%s\n", static_cast<unsigned long long>(finding.retained_size),
                static_cast<unsigned long long>(finding.count), finding.subject.c_str(),
                graph.node_id(finding.representative), finding.place ? finding.place->ToString().c_str() : "-");
    for (const analysis::FindingItem& item : finding.items) {
      std::printf("\t\titem %s x%llu %llu\n", item.label.c_str(), static_cast<unsigned long long>(item.count),
                  static_cast<unsigned long long>(item.size));
    }
    if (finding.path) {
      std::string text;
      for (const graph::PathStep& step : finding.path->steps) {
        text += " -";
        text += graph.edge_has_string_name(step.edge) ? std::string(graph.edge_name(step.edge))
                                                      : "[" + std::to_string(graph.edge_name_or_index(step.edge)) + "]";
        text += "-> " + analysis.class_names.of(step.node).substr(0, 40) + " @" + std::to_string(graph.node_id(step.node));
      }
      std::printf("\t\tpath%s\n", text.c_str());
    }
  }
  return 0;
}
