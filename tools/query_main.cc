// heapsleuth-query: the nodes that match a filter expression, for scripts and CI.
#include <cstdio>
#include <limits>
#include <string>

#include "lib/analysis/query_parser.h"
#include "lib/analysis/query_results.h"
#include "lib/report/query_report.h"
#include "tools/tool_support.h"

namespace {

// Text output shows this many rows unless --limit says otherwise; machine
// formats print every match.
constexpr size_t kDefaultTextLimit = 50;

}  // namespace

int main(int argc, char** argv) {
  using namespace heapsleuth;
  const std::string tool = "heapsleuth-query";
  CLI::App app("The nodes of a V8 heap snapshot that match EXPR.", tool);
  std::string path, expression, sort, format = "text";
  int64_t limit = 0;
  uint64_t max_memory = 0;
  bool json = false, count = false, fail_if_any = false;
  app.add_option("FILE", path, "the .heapsnapshot file (- for stdin)")->required();
  app.add_option("EXPR", expression, "the filter, e.g. 'class == \"LeakyRecord\" and retained > 1MB'")->required();
  app.add_option("--sort", sort,
                 "sort by FIELD: sizes and edge_count largest first, others smallest first; "
                 "+FIELD ascending, -FIELD descending (write --sort=-FIELD)");
  CLI::Option* limit_option =
      app.add_option("--limit", limit, "print at most N matches, 0 for all (default: 50 for text, all otherwise)")
          ->check(CLI::Range(int64_t{0}, std::numeric_limits<int64_t>::max()));
  app.add_option("--format", format, "text, tsv (heapsleuth-nodes' columns), jsonl or json")
      ->check(CLI::IsMember({"text", "tsv", "jsonl", "json"}))
      ->capture_default_str();
  app.add_flag("--json", json, "same as --format json (schemas/query.schema.json)");
  app.add_flag("--count", count, "print only the number of matches");
  app.add_flag("--fail-if-any", fail_if_any, "exit 1 when anything matches (for CI)");
  tools::AddMaxMemoryOption(app, max_memory);
  tools::ProgressOptions progress_options;
  tools::AddProgressFlags(app, progress_options);
  app.footer(report::QueryLanguageHelp());
  if (int code = tools::ParseArguments(app, argc, argv); code >= 0) return code;

  // The expression and flags are checked before the snapshot is read.
  size_t error_column = 0;
  auto query = analysis::ParseQuery(expression, &error_column);
  if (!query.ok()) {
    tools::ReportError(tool, query.status());
    std::fputs(report::QueryErrorPointer(expression, error_column).c_str(), stderr);
    return tools::kExitUsage;
  }
  analysis::QueryOptions options;
  if (!sort.empty()) {
    auto key = analysis::ParseSortKey(sort);
    if (!key.ok()) {
      tools::ReportError(tool, key.status());
      return tools::kExitUsage;
    }
    options.sort = *key;
  }
  if (json) format = "json";
  if (limit_option->count() > 0) {
    if (limit > 0) options.limit = static_cast<size_t>(limit);
  } else if (format == "text") {
    options.limit = kDefaultTextLimit;
  }

  tools::ToolProgress progress(progress_options);
  auto heap = tools::LoadHeap(path, progress, max_memory);
  if (!heap.ok()) return tools::ReportError(tool, heap.status());
  const analysis::QueryResult result = analysis::RunQuery(*query, (*heap)->graph, (*heap)->analysis, options);

  const int ok = fail_if_any && result.match_count > 0 ? tools::kExitThreshold : tools::kExitOk;
  if (count) return tools::WriteStdout(tool, report::QueryCountText(result)) ? ok : tools::kExitInputError;
  const report::QueryFormat query_format = format == "tsv"     ? report::QueryFormat::kTsv
                                           : format == "jsonl" ? report::QueryFormat::kJsonl
                                           : format == "json"  ? report::QueryFormat::kJson
                                                               : report::QueryFormat::kText;
  report::QueryReportInput input{path, &(*heap)->graph, &(*heap)->analysis, &*query, &options, &result};
  absl::Status written = report::WriteQueryReport(input, query_format, stdout);
  return written.ok() ? ok : tools::ReportError(tool, written);
}
