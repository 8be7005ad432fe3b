// Fuzz target: everything a tool does after parsing, on whatever parses.
//
// Graph::Build, AnalyzeHeap (DOM state, shallow sizes, distances, class
// names, dominators and retained sizes), the statistics and the class
// histogram, then the summary report as text and JSON (which escapes the
// file's strings). The parser's validation is the only guard in front of
// these, so any graph it accepts must be analyzed without a crash, a hang or
// an out-of-range index, however odd its shape (unreachable nodes, cycles
// through the root, self edges, nodes of unknown types).
#include <string_view>
#include <utility>

#include "lib/analysis/class_histogram.h"
#include "lib/analysis/statistics.h"
#include "lib/base/mapped_file.h"
#include "lib/base/progress.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
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
  report::SummaryInput input{fuzz::kInputName, &graph, analysis::ComputeStatistics(graph, analysis),
                             analysis::ComputeClassHistogram(graph, analysis), 20};
  HS_FUZZ_CHECK(!report::SummaryText(input).empty());
  HS_FUZZ_CHECK(!report::SummaryJson(input).empty());
  return 0;
}
