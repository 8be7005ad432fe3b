// Evaluates a parsed query (query_parser.h) against the nodes of one analyzed
// snapshot, and reads the fields it tests, which sorting shares.
//
// Text tests (==, !=, ~, !~ on name, class_name, type) depend only on the
// string, so each distinct string is tested once and the answer remembered:
// per string-table entry for `name`, per class for `class_name`, per type
// value for `type`. A regex over a heap with millions of nodes thus runs once
// per distinct name, not once per node. Number tests read the analysis'
// columns directly. Memory: one byte per string-table entry per `name` test.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_QUERY_EVAL_H_
#define HEAPSLEUTH_LIB_ANALYSIS_QUERY_EVAL_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "lib/analysis/query_fields.h"
#include "lib/analysis/query_parser.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

// One node's field values.
class NodeFieldReader {
 public:
  NodeFieldReader(const graph::Graph& graph, const graph::HeapAnalysis& analysis)
      : graph_(graph), analysis_(analysis) {}

  // Number, size and bool fields (a bool as 0 or 1); nullopt for a location
  // field of a node without a location.
  std::optional<int64_t> Number(QueryField field, uint32_t node) const;
  // type, name and class_name.
  std::string_view Text(QueryField field, uint32_t node) const;

 private:
  const graph::Graph& graph_;
  const graph::HeapAnalysis& analysis_;
};

class QueryMatcher {
 public:
  // `query`, `graph` and `analysis` must outlive the matcher.
  QueryMatcher(const Query& query, const graph::Graph& graph, const graph::HeapAnalysis& analysis);

  // Not const: text tests remember their answers.
  bool Matches(uint32_t node);

 private:
  struct Bound {
    const QueryExpr* expr;
    std::vector<Bound> children;
    std::vector<uint8_t> memo;  // Text tests: 0 not yet tested, 1 false, 2 true.
  };

  Bound Bind(const QueryExpr& expr) const;
  bool Evaluate(Bound& bound, uint32_t node);
  bool TestText(const QueryExpr& expr, std::string_view text) const;

  const graph::Graph& graph_;
  const graph::HeapAnalysis& analysis_;
  NodeFieldReader fields_;
  Bound root_;
};

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_QUERY_EVAL_H_
