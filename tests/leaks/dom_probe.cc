// heapsleuth_dom_probe: runs the detached DOM and detached listener detectors
// on one snapshot and prints every finding as tab-separated lines, for the
// corpus check (run_dom_corpus.sh) and for exploring new snapshots. A test
// helper, not a product tool: heapsleuth-leaks is the tool that reports these.
//
//   heapsleuth_dom_probe FILE
//
// Output, one line per finding, then its path, place and items indented:
//   finding <kind> <count> <retained_size> <subject>
//     path <edge> -> <node name> ...
//     place <script:line:column>
//     item <label> <count> <size>
#include <cstdio>
#include <string>

#include "lib/analysis/detached_dom.h"
#include "lib/analysis/detached_listeners.h"
#include "lib/analysis/leak_finding.h"
#include "lib/analysis/source_place.h"
#include "lib/base/mapped_file.h"
#include "lib/base/str_cat.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"
#include "lib/graph/retainers.h"
#include "lib/snapshot/parser.h"

namespace {

using heapsleuth::StrCat;

std::string EdgeLabel(const heapsleuth::graph::Graph& graph, uint32_t edge) {
  return graph.edge_has_string_name(edge)
             ? StrCat(graph.edge_type_name(edge), ":", graph.edge_name(edge))
             : StrCat(graph.edge_type_name(edge), ":", graph.edge_name_or_index(edge));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace heapsleuth;
  if (argc != 2) {
    std::fprintf(stderr, "usage: heapsleuth_dom_probe FILE\n");
    return 2;
  }
  auto file = MappedFile::Open(argv[1]);
  if (!file.ok()) {
    std::fprintf(stderr, "heapsleuth_dom_probe: error: %s\n", std::string(file.status().message()).c_str());
    return 3;
  }
  NoProgress progress;
  auto raw = snapshot::ParseSnapshot(**file, progress);
  if (!raw.ok()) {
    std::fprintf(stderr, "heapsleuth_dom_probe: error: %s\n", std::string(raw.status().message()).c_str());
    return 3;
  }
  file->reset();
  const graph::Graph graph = graph::Graph::Build(std::move(*raw));
  const graph::HeapAnalysis analysis = graph::AnalyzeHeap(graph, progress);
  const graph::Retainers retainers = graph::Retainers::Build(graph);
  graph::RetainerPathFinder paths(graph, retainers, analysis.distance, analysis.detachedness);
  const analysis::ScriptNames scripts = analysis::ScriptNames::Collect(graph);
  const analysis::LeakContext ctx{graph, analysis, paths, retainers, scripts};

  std::vector<analysis::Finding> findings = analysis::FindDetachedDom(ctx);
  for (analysis::Finding& finding : analysis::FindDetachedListeners(ctx)) findings.push_back(std::move(finding));
  analysis::RankFindings(findings);
  for (const analysis::Finding& finding : findings) {
    std::printf("finding\t%s\t%llu\t%llu\t%s\n", std::string(analysis::FindingKindName(finding.kind)).c_str(),
                static_cast<unsigned long long>(finding.count),
                static_cast<unsigned long long>(finding.retained_size), finding.subject.c_str());
    if (finding.path) {
      std::string line = "  path\t(root)";
      for (const graph::PathStep& step : finding.path->steps) {
        line += StrCat(" -", EdgeLabel(graph, step.edge), "-> ", analysis.class_names.of(step.node));
      }
      std::printf("%s\n", line.c_str());
    }
    if (finding.place) std::printf("  place\t%s\t%s\n", finding.place->ToString().c_str(), finding.place->function.c_str());
    for (const analysis::FindingItem& item : finding.items) {
      std::printf("  item\t%s\t%llu\t%llu\n", item.label.c_str(), static_cast<unsigned long long>(item.count),
                  static_cast<unsigned long long>(item.size));
    }
  }
  return 0;
}
