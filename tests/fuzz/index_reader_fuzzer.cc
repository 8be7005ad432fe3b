// Fuzz target: the binary index reader (lib/graph/index_file.h).
//
// OpenIndex on the bytes, with no source stamp to match. A refusal must be
// one line naming the input. An index that is accepted is then used as a tool
// would use it, node by node and edge by edge: names, sizes, class names,
// dominator chains up to the root, retainers, the summary report. Its checks
// are the only guard in front of these, so any index it accepts must be
// walked without a crash, a hang or an out-of-range index. Seeds: indexes of
// cut-down samples, and damaged copies (truncated, flipped, resealed lies).
#include <memory>
#include <string_view>

#include "lib/analysis/class_histogram.h"
#include "lib/analysis/statistics.h"
#include "lib/base/mapped_file.h"
#include "lib/base/progress.h"
#include "lib/graph/index_file.h"
#include "lib/report/summary_report.h"
#include "tests/fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heapsleuth;
  std::shared_ptr<MappedFile> file =
      MappedFile::FromBytes(std::string_view(reinterpret_cast<const char*>(data), size), fuzz::kInputName);
  NoProgress progress;
  absl::StatusOr<graph::IndexedHeap> heap = graph::OpenIndex(file, nullptr, progress);
  if (!heap.ok()) {
    fuzz::CheckError(heap.status());
    return 0;
  }
  const graph::Graph& graph = heap->graph;
  const graph::HeapAnalysis& analysis = heap->analysis;
  const uint32_t nodes = graph.node_count();
  uint64_t sum = 0;
  for (uint32_t node = 0; node < nodes; ++node) {
    sum += graph.node_name(node).size() + graph.raw_self_size(node) + analysis.class_names.of(node).size();
    sum += graph.node_type_name(node).size();
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      HS_FUZZ_CHECK(graph.edge_to_node(edge) < nodes);
      sum += graph.edge_type_name(edge).size();
      if (graph.edge_has_string_name(edge)) sum += graph.edge_name(edge).size();
    }
    // Dominator chains end at the root within node_count steps.
    uint32_t steps = 0;
    for (uint32_t at = node; at != graph.root(); at = analysis.dominators.dominator[at]) {
      HS_FUZZ_CHECK(++steps <= nodes);
    }
    HS_FUZZ_CHECK(analysis.retainers.has_value());
    for (uint32_t r = analysis.retainers->first(node); r < analysis.retainers->first(node + 1); ++r) {
      HS_FUZZ_CHECK(analysis.retainers->node(r) < nodes && analysis.retainers->edge(r) < graph.edge_count());
    }
    graph.location(node);
  }
  HS_FUZZ_CHECK(sum != UINT64_MAX);
  if (nodes > 0) {
    report::SummaryInput input{fuzz::kInputName, &graph, analysis::ComputeStatistics(graph, analysis),
                               analysis::ComputeClassHistogram(graph, analysis), 20};
    HS_FUZZ_CHECK(!report::SummaryText(input).empty());
  }
  return 0;
}
