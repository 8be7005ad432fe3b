// Fuzz target: the query language (heapsleuth-query's filter) on arbitrary
// text, then every query that parses evaluated on every node of a small real
// graph (query_graph.heapsnapshot: samples/node-strings cut to 300 nodes by
// cut_snapshot.mjs).
//
// An error must follow the parser's contract: one line, "query: column N: ...",
// with N inside the text (or one past its end). A query that parses must
// evaluate on any node without a crash, and its rendering must not be empty.
#include <charconv>
#include <memory>
#include <string_view>
#include <utility>

#include "lib/analysis/query_eval.h"
#include "lib/analysis/query_parser.h"
#include "lib/base/mapped_file.h"
#include "lib/base/progress.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/snapshot/parser.h"
#include "tests/fuzz/fuzz_target.h"

namespace {

using namespace heapsleuth;

struct Heap {
  graph::Graph graph;
  graph::HeapAnalysis analysis;
};

const Heap& QueryGraph() {
  static const Heap* heap = [] {
    auto file = MappedFile::Open(HEAPSLEUTH_FUZZ_QUERY_GRAPH);
    HS_FUZZ_CHECK(file.ok());
    NoProgress progress;
    auto raw = snapshot::ParseSnapshot(**file, progress);
    HS_FUZZ_CHECK(raw.ok());
    auto* loaded = new Heap{graph::Graph::Build(*std::move(raw)), {}};
    loaded->analysis = graph::AnalyzeHeap(loaded->graph, progress);
    return loaded;
  }();
  return *heap;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t column = 0;
  absl::StatusOr<analysis::Query> query = analysis::ParseQuery(text, &column);
  if (!query.ok()) {
    const std::string_view message(query.status().message().data(), query.status().message().size());
    HS_FUZZ_CHECK(message.find('\n') == std::string_view::npos);
    HS_FUZZ_CHECK(message.starts_with("query: column "));
    size_t said = 0;
    const std::string_view number = message.substr(std::string_view("query: column ").size());
    std::from_chars(number.data(), number.data() + number.size(), said);
    HS_FUZZ_CHECK(said == column && column >= 1 && column <= size + 1);
    return 0;
  }
  HS_FUZZ_CHECK(!query->root().ToString().empty());
  const Heap& heap = QueryGraph();
  analysis::QueryMatcher matcher(*query, heap.graph, heap.analysis);
  for (uint32_t node = 0; node < heap.graph.node_count(); ++node) matcher.Matches(node);
  return 0;
}
