// `heapsleuth-query` output. Formats:
//   text   (default) a count/totals line, then a table with human units;
//   tsv    heapsleuth-nodes' columns and escaping, with its header line;
//   jsonl  heapsleuth-nodes' JSON Lines (schemas/nodes.schema.json), one match a line;
//   json   one document (schemas/query.schema.json): the query, counts, exact
//          byte totals and the matches.
// Only the matches within the limit are printed; counts and totals cover all.
// Also the caret display that points at a query error's column.
#ifndef HEAPSLEUTH_LIB_REPORT_QUERY_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_QUERY_REPORT_H_

#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "lib/analysis/query_parser.h"
#include "lib/analysis/query_results.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::report {

enum class QueryFormat { kText, kTsv, kJsonl, kJson };

struct QueryReportInput {
  std::string file_name;
  const graph::Graph* graph;
  const graph::HeapAnalysis* analysis;
  const analysis::Query* query;
  const analysis::QueryOptions* options;  // The sort and limit, echoed.
  const analysis::QueryResult* result;
};

// Streams the report to `out`; fails only when writing fails.
absl::Status WriteQueryReport(const QueryReportInput& input, QueryFormat format, std::FILE* out);

// `--count`: the number of matches and a newline.
std::string QueryCountText(const analysis::QueryResult& result);

// The fields, operators and units, for the tool's --help.
std::string QueryLanguageHelp();

// The expression, indented, and a caret under `column` (1-based code
// points), two lines to print under a query error. Line breaks and tabs in
// the expression are shown as spaces so the caret stays in place.
std::string QueryErrorPointer(std::string_view expression, size_t column);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_QUERY_REPORT_H_
