// Fuzz target: everything a tool does after parsing, on whatever parses.
//
// Graph::Build, AnalyzeHeap (DOM state, shallow sizes, distances, class
// names, dominators and retained sizes), the statistics and the class
// histogram, the summary's index encoding (it must decode to what was
// encoded), the summary report as text and JSON (which escapes the file's
// strings), then every leak detector that works on one snapshot, on the
// snapshot taken as a series of three too (memlab's method then finds
// nothing new, but the series detectors walk every collection, emitter and
// timer), and the leaks report. The parser's validation is the only guard in front of
// these, so any graph it accepts must be analyzed without a crash, a hang or
// an out-of-range index, however odd its shape (unreachable nodes, cycles
// through the root, self edges, nodes of unknown types).
#include <string_view>
#include <utility>

#include "lib/analysis/heap_summary.h"
#include "lib/analysis/leak_analysis.h"
#include "lib/analysis/source_place.h"
#include "lib/base/mapped_file.h"
#include "lib/base/progress.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"
#include "lib/graph/retainers.h"
#include "lib/report/leaks_report.h"
#include "lib/report/summary_report.h"
#include "lib/snapshot/parser.h"
#include "tests/fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heapsleuth;
  auto file = MappedFile::FromBytes(std::string_view(reinterpret_cast<const char*>(data), size), fuzz::kInputName);
  NoProgress progress;
  absl::StatusOr<snapshot::RawSnapshot> raw = snapshot::ParseSnapshot(*file, progress);
  if (!raw.ok()) return 0;  // snapshot_parser_fuzzer checks the errors.
  const graph::Graph graph = graph::Graph::Build(*std::move(raw));
  const graph::HeapAnalysis analysis = graph::AnalyzeHeap(graph, progress);
  const uint32_t nodes = graph.node_count();
  HS_FUZZ_CHECK(analysis.distance.size() == nodes && analysis.self_size.size() == nodes);
  const analysis::HeapSummary summary = analysis::SummarizeHeap(graph, analysis);
  absl::StatusOr<analysis::HeapSummary> decoded = analysis::DecodeHeapSummary(analysis::EncodeHeapSummary(summary));
  HS_FUZZ_CHECK(decoded.ok() && *decoded == summary);
  report::SummaryInput input{fuzz::kInputName, &summary, 20};
  HS_FUZZ_CHECK(!report::SummaryText(input).empty());
  HS_FUZZ_CHECK(!report::SummaryJson(input).empty());

  const graph::Retainers retainers = graph::Retainers::Build(graph);
  graph::RetainerPathFinder finder(graph, retainers, analysis.distance, analysis.detachedness);
  const analysis::ScriptNames scripts = analysis::ScriptNames::Collect(graph);
  const analysis::LeakContext context{graph, analysis, finder, retainers, scripts};
  for (size_t count : {size_t{1}, size_t{3}}) {
    analysis::LeakAnalysis leaks(count);
    for (size_t i = 0; i < count; ++i) leaks.AddSnapshot(graph, analysis);
    std::vector<analysis::Finding> findings = leaks.Findings(context);
    for (const analysis::Finding& finding : findings) {
      HS_FUZZ_CHECK(finding.representative == analysis::kNoNode || finding.representative < nodes);
      for (uint32_t member : finding.members) HS_FUZZ_CHECK(member < nodes);
    }
    report::LeaksInput leaks_input{{fuzz::kInputName}, &graph, &analysis, analysis.dominators.retained_size[graph.root()],
                                   std::move(findings), 0, false, 10};
    HS_FUZZ_CHECK(!report::LeaksText(leaks_input).empty());
    HS_FUZZ_CHECK(!report::LeaksJson(leaks_input).empty());
  }
  return 0;
}
