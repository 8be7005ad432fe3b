#include "lib/analysis/heap_summary.h"

#include <array>
#include <future>

#include "absl/status/status.h"
#include "lib/base/byte_reader.h"
#include "lib/base/byte_writer.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

// Encoding: node count u32, edge count u32, string count u64, file bytes
// u64, node fields (count u32, then per field: length u32, bytes), the nine
// statistics u64 in HeapStatistics' order, class count u32, then per class:
// key and name (length u32, bytes), count, self size, retained size (u64),
// distance i32, first node u32.

std::array<uint64_t*, 9> StatisticsFields(HeapStatistics& s) {
  return {&s.total,     &s.native_total, &s.native_typed_arrays, &s.v8heap_total,      &s.code,
          &s.js_arrays, &s.strings,      &s.system,              &s.extra_native_bytes};
}

constexpr size_t kMinClassBytes = 4 + 4 + 8 * 3 + 4 + 4;

}  // namespace

namespace {

// `release` runs once the statistics and the grouping by class are done:
// from then on only the dominator tree's dominator and retained_size columns
// are read.
template <typename Release>
HeapSummary Summarize(const graph::Graph& graph, const graph::HeapAnalysis& analysis, Release release) {
  std::future<HeapStatistics> statistics =
      std::async(std::launch::async, [&graph, &analysis] { return ComputeStatistics(graph, analysis); });
  NodesByClass grouped = GroupNodesByClass(graph, analysis);
  HeapSummary summary;
  summary.statistics = statistics.get();
  release();
  summary.classes = FinishClassHistogram(graph, analysis.dominators, std::move(grouped));
  summary.node_count = graph.node_count();
  summary.edge_count = graph.edge_count();
  summary.string_count = graph.strings().size();
  summary.file_bytes = graph.file_bytes();
  summary.node_fields = graph.meta().node_fields;
  return summary;
}

}  // namespace

HeapSummary SummarizeHeap(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  return Summarize(graph, analysis, [] {});
}

HeapSummary SummarizeHeap(const graph::Graph& graph, graph::HeapAnalysis&& analysis) {
  // Read by no step of the summary.
  analysis.dominators.dfs_order = std::vector<uint32_t>();
  analysis.retainers.reset();
  return Summarize(graph, analysis, [&analysis] {
    analysis.detachedness = std::vector<uint8_t>();
    analysis.self_size = std::vector<uint64_t>();
    analysis.distance = std::vector<int32_t>();
    analysis.class_names.node_class = std::vector<uint32_t>();
  });
}

std::string EncodeHeapSummary(const HeapSummary& summary) {
  std::string out;
  AppendValue<uint32_t>(out, summary.node_count);
  AppendValue<uint32_t>(out, summary.edge_count);
  AppendValue<uint64_t>(out, summary.string_count);
  AppendValue<uint64_t>(out, summary.file_bytes);
  AppendTextList(out, summary.node_fields);
  HeapStatistics statistics = summary.statistics;
  for (const uint64_t* field : StatisticsFields(statistics)) AppendValue<uint64_t>(out, *field);
  AppendValue<uint32_t>(out, static_cast<uint32_t>(summary.classes.size()));
  for (const ClassRow& row : summary.classes) {
    AppendText(out, row.key);
    AppendText(out, row.name);
    AppendValue<uint64_t>(out, row.count);
    AppendValue<uint64_t>(out, row.self_size);
    AppendValue<uint64_t>(out, row.retained_size);
    AppendValue<int32_t>(out, row.distance);
    AppendValue<uint32_t>(out, row.first_node);
  }
  return out;
}

absl::StatusOr<HeapSummary> DecodeHeapSummary(std::string_view bytes) {
  ByteReader in(bytes);
  const auto malformed = [&in](std::string_view what) {
    return absl::InvalidArgumentError(StrCat("summary section: byte ", in.at(), ": ", what));
  };
  HeapSummary summary;
  if (!in.Read(summary.node_count) || !in.Read(summary.edge_count) || !in.Read(summary.string_count) ||
      !in.Read(summary.file_bytes)) {
    return malformed("truncated counts");
  }
  if (!in.ReadTextList(summary.node_fields)) return malformed("truncated node field names");
  for (uint64_t* field : StatisticsFields(summary.statistics)) {
    if (!in.Read(*field)) return malformed("truncated statistics");
  }
  uint32_t class_count = 0;
  if (!in.ReadCount(class_count, kMinClassBytes)) return malformed("class count larger than the section");
  summary.classes.resize(class_count);
  for (ClassRow& row : summary.classes) {
    if (!in.ReadText(row.key) || !in.ReadText(row.name) || !in.Read(row.count) || !in.Read(row.self_size) ||
        !in.Read(row.retained_size) || !in.Read(row.distance) || !in.Read(row.first_node)) {
      return malformed("truncated class row");
    }
    if (row.first_node >= summary.node_count) return malformed("class row's first node is out of range");
  }
  if (!in.done()) return malformed("bytes after the last class row");
  return summary;
}

}  // namespace heapsleuth::analysis
