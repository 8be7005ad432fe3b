// Runs a query over every node of an analyzed snapshot: the matches in file
// order or sorted by a field, cut to a limit, with their count and totals.
//
// Sorting is deterministic: ties (and nodes lacking a location field) keep
// file order, and nodes lacking the sort field come last in either direction.
// Text fields sort by their bytes. The totals cover every match, not only the
// ones within the limit; `retained_size` adds a match's retained size only when
// no dominator-tree ancestor also matches, so no node is counted twice (the
// rule DevTools' Summary uses for a class), computed in one pass over the
// dominator tree's DFS order, where a dominator comes before what it dominates.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_QUERY_RESULTS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_QUERY_RESULTS_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/analysis/query_fields.h"
#include "lib/analysis/query_parser.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

struct SortKey {
  QueryField field;
  bool descending;
};

// "retained" sorts in the field's default direction (sizes and edge counts
// largest first, everything else smallest first); "+field" ascending,
// "-field" descending.
absl::StatusOr<SortKey> ParseSortKey(std::string_view spec);

struct QueryOptions {
  std::optional<SortKey> sort;  // File order when absent.
  size_t limit = std::numeric_limits<size_t>::max();
};

struct QueryResult {
  std::vector<uint32_t> nodes;  // Ordinals of the matches kept, in output order.
  uint64_t match_count = 0;     // All matches, before the limit.
  uint64_t self_size = 0;       // Sum of DevTools' shallow sizes of all matches.
  uint64_t retained_size = 0;   // What all matches retain together (see above).
};

QueryResult RunQuery(const Query& query, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                     const QueryOptions& options);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_QUERY_RESULTS_H_
