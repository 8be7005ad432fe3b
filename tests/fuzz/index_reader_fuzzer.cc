// Fuzz target: the binary index reader (lib/graph/index_file.h).
//
// OpenIndex on the bytes, with no source stamp to match. A refusal must be
// one line naming the input. An index that is accepted is then used as a tool
// would use it, node by node and edge by edge: names, sizes, class names,
// dominator chains up to the root, retainers, the summary report. The stored
// summary is read and decoded alone first, as heapsleuth-summary reads it. Its checks
// are the only guard in front of these, so any index it accepts must be
// walked without a crash, a hang or an out-of-range index. Checksums would
// stop the fuzzer at the door, so every input is also tried resealed
// (ResealIndex: its checksums recomputed), which lets mutations reach the
// range checks. Seeds: indexes of cut-down samples (tests/fuzz/corpus/
// heap_analysis) and damaged copies (truncated, flipped bytes, bad counts).
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/analysis/heap_summary.h"
#include "lib/base/mapped_file.h"
#include "lib/base/progress.h"
#include "lib/graph/index_file.h"
#include "lib/report/summary_report.h"
#include "tests/fuzz/fuzz_target.h"

namespace {

void Check(const uint8_t* data, size_t size) {
  using namespace heapsleuth;
  // Columns are read in place: give them the alignment a mapping has.
  std::vector<uint64_t> aligned(size / 8 + 1);
  if (size > 0) std::memcpy(aligned.data(), data, size);
  std::shared_ptr<MappedFile> file =
      MappedFile::FromBytes(std::string_view(reinterpret_cast<const char*>(aligned.data()), size), fuzz::kInputName);
  NoProgress progress;
  // The summary alone, as heapsleuth-summary reads it: its section checked,
  // then decoded; what decodes must print.
  absl::StatusOr<std::string> summary_bytes = graph::ReadIndexSummary(file, nullptr, progress);
  if (!summary_bytes.ok()) {
    fuzz::CheckError(summary_bytes.status());
  } else if (absl::StatusOr<analysis::HeapSummary> summary = analysis::DecodeHeapSummary(*summary_bytes);
             !summary.ok()) {
    // Tools put the index's name in front (tools/tool_support.cc).
    const std::string_view message(summary.status().message().data(), summary.status().message().size());
    HS_FUZZ_CHECK(message.substr(0, 17) == "summary section: " && message.find('\n') == std::string_view::npos);
  } else {
    const report::SummaryInput input{fuzz::kInputName, &*summary, 20};
    HS_FUZZ_CHECK(!report::SummaryText(input).empty() && !report::SummaryJson(input).empty());
  }
  absl::StatusOr<graph::IndexedHeap> heap = graph::OpenIndex(file, nullptr, progress);
  if (!heap.ok()) {
    fuzz::CheckError(heap.status());
    return;
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
    const analysis::HeapSummary summary = analysis::SummarizeHeap(graph, analysis);
    const report::SummaryInput input{fuzz::kInputName, &summary, 20};
    HS_FUZZ_CHECK(!report::SummaryText(input).empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Check(data, size);
  std::string resealed(reinterpret_cast<const char*>(data), size);
  heapsleuth::graph::ResealIndex(resealed);
  Check(reinterpret_cast<const uint8_t*>(resealed.data()), resealed.size());
  return 0;
}
