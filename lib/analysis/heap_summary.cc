#include "lib/analysis/heap_summary.h"

#include <array>
#include <future>

#include "absl/status/status.h"
#include "lib/base/byte_reader.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

// Encoding: node count u32, edge count u32, string count u64, file bytes
// u64, node fields (count u32, then per field: length u32, bytes), the nine
// statistics u64 in HeapStatistics' order, class count u32, then per class:
// key and name (length u32, bytes), count, self size, retained size (u64),
// distance i32, first node u32.
class Writer {
 public:
  template <typename T>
  void Put(T value) {
    out_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void PutText(std::string_view text) {
    Put<uint32_t>(static_cast<uint32_t>(text.size()));
    out_.append(text);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

std::array<uint64_t*, 9> StatisticsFields(HeapStatistics& s) {
  return {&s.total,     &s.native_total, &s.native_typed_arrays, &s.v8heap_total,      &s.code,
          &s.js_arrays, &s.strings,      &s.system,              &s.extra_native_bytes};
}

constexpr size_t kMinClassBytes = 4 + 4 + 8 * 3 + 4 + 4;

}  // namespace

HeapSummary SummarizeHeap(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  std::future<HeapStatistics> statistics =
      std::async(std::launch::async, [&graph, &analysis] { return ComputeStatistics(graph, analysis); });
  HeapSummary summary;
  summary.classes = ComputeClassHistogram(graph, analysis);
  summary.node_count = graph.node_count();
  summary.edge_count = graph.edge_count();
  summary.string_count = graph.strings().size();
  summary.file_bytes = graph.file_bytes();
  summary.node_fields = graph.meta().node_fields;
  summary.statistics = statistics.get();
  return summary;
}

std::string EncodeHeapSummary(const HeapSummary& summary) {
  Writer out;
  out.Put<uint32_t>(summary.node_count);
  out.Put<uint32_t>(summary.edge_count);
  out.Put<uint64_t>(summary.string_count);
  out.Put<uint64_t>(summary.file_bytes);
  out.Put<uint32_t>(static_cast<uint32_t>(summary.node_fields.size()));
  for (const std::string& field : summary.node_fields) out.PutText(field);
  HeapStatistics statistics = summary.statistics;
  for (const uint64_t* field : StatisticsFields(statistics)) out.Put<uint64_t>(*field);
  out.Put<uint32_t>(static_cast<uint32_t>(summary.classes.size()));
  for (const ClassRow& row : summary.classes) {
    out.PutText(row.key);
    out.PutText(row.name);
    out.Put<uint64_t>(row.count);
    out.Put<uint64_t>(row.self_size);
    out.Put<uint64_t>(row.retained_size);
    out.Put<int32_t>(row.distance);
    out.Put<uint32_t>(row.first_node);
  }
  return out.Take();
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
