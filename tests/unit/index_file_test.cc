// The binary index file: every column of a reopened heap equals a fresh parse
// and analysis on every sample, and so does its stored summary; stale and
// corrupt indexes are refused with a one-line reason naming the index, never
// a crash; reading the summary checks its own section and no other.
#include "lib/graph/index_file.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "lib/analysis/heap_summary.h"
#include "lib/base/mapped_file.h"
#include "lib/graph/retainers.h"
#include "tests/unit/same_heap.h"
#include "tests/unit/sample_loader.h"

namespace heapsleuth {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SampleNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(HEAPSLEUTH_SAMPLES_DIR)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".heapsnapshot") != std::string::npos) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string TempDir() {
  std::string dir = (fs::temp_directory_path() / ("hsidx-test-" + std::to_string(::getpid()))).string();
  fs::create_directories(dir);
  return dir;
}

using testing::SameRows;

// Writes the sample's index into `dir`; returns its path.
std::string WriteSampleIndex(const std::string& dir, const std::string& name, const testing::LoadedSample& sample) {
  const std::string source = std::string(HEAPSLEUTH_SAMPLES_DIR) + "/" + name;
  auto stamp = graph::StampSource(source);
  REQUIRE(stamp.ok());
  const std::string path = dir + "/" + name + graph::kIndexSuffix;
  NoProgress progress;
  const std::string summary = analysis::EncodeHeapSummary(analysis::SummarizeHeap(sample.graph, sample.analysis));
  REQUIRE(graph::WriteIndex(path, sample.graph, sample.analysis, graph::Retainers::Build(sample.graph), summary,
                            *stamp, progress)
              .ok());
  return path;
}

std::string ReadAll(const std::string& path) {
  auto file = MappedFile::Open(path);
  REQUIRE(file.ok());
  return std::string((*file)->data());
}

absl::StatusOr<std::string> ReadSummaryBytes(const std::string& bytes) {
  NoProgress progress;
  return graph::ReadIndexSummary(std::shared_ptr<MappedFile>(MappedFile::FromBytes(bytes, "bad.hsidx")), nullptr,
                                 progress);
}

absl::Status OpenBytes(const std::string& bytes) {
  NoProgress progress;
  auto heap = graph::OpenIndex(std::shared_ptr<MappedFile>(MappedFile::FromBytes(bytes, "bad.hsidx")), nullptr,
                               progress);
  return heap.status();
}

void CheckRefused(const absl::Status& status) {
  REQUIRE_FALSE(status.ok());
  const std::string message(status.message());
  CHECK(message.rfind("bad.hsidx: ", 0) == 0);
  CHECK(message.find('\n') == std::string::npos);
}

uint64_t SectionOffset(const std::string& bytes, const char* name) {
  const int64_t entry = graph::IndexSectionEntry(name);
  REQUIRE(entry >= 0);
  uint64_t offset;
  std::memcpy(&offset, bytes.data() + entry + 16, 8);
  return offset;
}

}  // namespace

TEST_CASE("Index file: every column of every sample round-trips") {
  const std::string dir = TempDir();
  for (const std::string& name : SampleNames()) {
    INFO(name);
    const testing::LoadedSample fresh = testing::LoadSample(name);
    const std::string path = WriteSampleIndex(dir, name, fresh);
    auto stamp = graph::StampSource(std::string(HEAPSLEUTH_SAMPLES_DIR) + "/" + name);
    REQUIRE(stamp.ok());
    NoProgress progress;
    auto reopened = graph::OpenIndexFile(path, &*stamp, progress);
    REQUIRE(reopened.ok());
    const graph::Graph& a = fresh.graph;
    const graph::Graph& b = reopened->graph;
    testing::CheckSameGraph(a, b);
    CHECK(b.node_type_column().is_view());
    CHECK(b.edge_to_node_column().is_view());

    const graph::HeapAnalysis& x = fresh.analysis;
    const graph::HeapAnalysis& y = reopened->analysis;
    testing::CheckSameAnalysis(x, y);
    CHECK(y.self_size.is_view());
    REQUIRE(y.retainers.has_value());
    const graph::Retainers built = graph::Retainers::Build(a);
    CHECK(SameRows(built.first_column(), y.retainers->first_column()));
    CHECK(SameRows(built.edge_column(), y.retainers->edge_column()));
    CHECK(SameRows(built.node_column(), y.retainers->node_column()));

    auto summary_bytes = graph::ReadIndexSummaryFile(path, &*stamp, progress);
    REQUIRE(summary_bytes.ok());
    auto summary = analysis::DecodeHeapSummary(*summary_bytes);
    REQUIRE(summary.ok());
    CHECK(*summary == analysis::SummarizeHeap(a, x));
  }
  fs::remove_all(dir);
}

TEST_CASE("Index file: an index for another version of the snapshot is stale") {
  const std::string dir = TempDir();
  const std::string name = "node-strings.heapsnapshot";
  const std::string path = WriteSampleIndex(dir, name, testing::LoadSample(name));
  auto stamp = graph::StampSource(std::string(HEAPSLEUTH_SAMPLES_DIR) + "/" + name);
  REQUIRE(stamp.ok());
  NoProgress progress;
  for (int change = 0; change < 3; ++change) {
    graph::SourceStamp other = *stamp;
    if (change == 0) other.size += 1;
    if (change == 1) other.mtime_ns += 1;
    if (change == 2) other.hash ^= 1;
    auto heap = graph::OpenIndexFile(path, &other, progress);
    REQUIRE_FALSE(heap.ok());
    CHECK(heap.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK(std::string(heap.status().message()).find(path + ": stale") == 0);
    auto summary = graph::ReadIndexSummaryFile(path, &other, progress);
    REQUIRE_FALSE(summary.ok());
    CHECK(summary.status().code() == absl::StatusCode::kFailedPrecondition);
  }
  CHECK(graph::OpenIndexFile(path, &*stamp, progress).ok());
  CHECK(graph::ReadIndexSummaryFile(path, &*stamp, progress).ok());
  fs::remove_all(dir);
}

TEST_CASE("Index file: corrupt indexes are refused with the reason") {
  const std::string dir = TempDir();
  const std::string name = "node-leak-s1.heapsnapshot";
  const std::string good = ReadAll(WriteSampleIndex(dir, name, testing::LoadSample(name)));
  REQUIRE(OpenBytes(good).ok());

  SECTION("truncated anywhere") {
    for (size_t length : {size_t{0}, size_t{7}, size_t{127}, size_t{200}, good.size() / 2, good.size() - 1}) {
      CheckRefused(OpenBytes(good.substr(0, length)));
    }
  }
  SECTION("a flipped byte anywhere") {
    for (size_t at = 0; at < good.size(); at += good.size() / 97 + 1) {
      std::string bad = good;
      bad[at] = static_cast<char>(bad[at] ^ 0x20);
      // Padding between sections is not covered: a flip there is harmless.
      const absl::Status status = OpenBytes(bad);
      if (!status.ok()) CheckRefused(status);
    }
    std::string bad = good;
    bad[SectionOffset(good, "a.retained_size") + 3] ^= 1;
    CheckRefused(OpenBytes(bad));
    CHECK(std::string(OpenBytes(bad).message()).find("a.retained_size: checksum mismatch") != std::string::npos);
  }
  SECTION("resealed lies: checksums hold, indices do not") {
    auto forge = [&](const char* section, size_t row, uint32_t value) {
      std::string bad = good;
      std::memcpy(bad.data() + SectionOffset(good, section) + row * 4, &value, 4);
      graph::ResealIndex(bad);
      const absl::Status status = OpenBytes(bad);
      CheckRefused(status);
      return std::string(status.message());
    };
    CHECK(forge("edge.to_node", 5, 0x7fffffff).find("to_node") != std::string::npos);
    CHECK(forge("node.first_edge", 3, 0xffffff).find("node.first_edge") != std::string::npos);
    CHECK(forge("node.name", 1, 0xfffffff0).find("node.name") != std::string::npos);
    CHECK(forge("a.node_class", 2, 0xfffffff0).find("class") != std::string::npos);
    CHECK(forge("r.node", 0, 0xfffffff0).find("r.node") != std::string::npos);
    CHECK(forge("a.dominator", 4, 4).find("a.dominator") != std::string::npos);  // Dominates itself.
    // A bad node count in the header.
    std::string bad = good;
    uint32_t nodes;
    std::memcpy(&nodes, bad.data() + 40, 4);
    nodes += 1;
    std::memcpy(bad.data() + 40, &nodes, 4);
    graph::ResealIndex(bad);
    CheckRefused(OpenBytes(bad));
  }
  SECTION("the summary is read without the columns, and only its own damage stops it") {
    REQUIRE(ReadSummaryBytes(good).ok());
    std::string bad = good;
    bad[SectionOffset(good, "a.retained_size") + 3] ^= 1;
    CheckRefused(OpenBytes(bad));
    CHECK(ReadSummaryBytes(bad).ok());
    bad = good;
    bad[SectionOffset(good, "summary") + 5] ^= 1;
    CheckRefused(OpenBytes(bad));
    const absl::Status status = ReadSummaryBytes(bad).status();
    CheckRefused(status);
    CHECK(std::string(status.message()).find("summary: checksum mismatch") != std::string::npos);
    for (size_t length : {size_t{0}, size_t{127}, good.size() / 2, good.size() - 1}) {
      CheckRefused(ReadSummaryBytes(good.substr(0, length)).status());
    }
  }
  SECTION("another format version or magic") {
    std::string bad = good;
    bad[8] = 9;
    CHECK(std::string(OpenBytes(bad).message()).find("format version 9") != std::string::npos);
    bad = good;
    bad[0] = 'X';
    CHECK(std::string(OpenBytes(bad).message()).find("bad magic") != std::string::npos);
  }
  fs::remove_all(dir);
}

}  // namespace heapsleuth
