#include "lib/report/query_report.h"

#include <cerrno>
#include <cstring>
#include <limits>

#include "lib/base/status_macros.h"
#include "lib/base/str_cat.h"
#include "lib/report/json_writer.h"
#include "lib/report/nodes_report.h"
#include "lib/report/text_escape.h"
#include "lib/report/text_table.h"
#include "lib/report/units.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;
constexpr size_t kFlushAt = 1 << 20;
constexpr size_t kTextColumnWidth = 40;

bool Limited(const analysis::QueryOptions& options) { return options.limit != std::numeric_limits<size_t>::max(); }

// At most `width` code points of printable text, "..." marking a cut.
std::string Shortened(std::string_view text, size_t width) {
  std::string printable = Printable(text);
  size_t points = 0;
  for (size_t i = 0; i < printable.size(); ++i) {
    if ((static_cast<unsigned char>(printable[i]) & 0xC0) == 0x80) continue;
    if (++points > width - 3) {
      // Cut only when what follows is longer than the "..." replacing it.
      size_t rest = 0;
      for (size_t j = i; j < printable.size(); ++j) rest += (static_cast<unsigned char>(printable[j]) & 0xC0) != 0x80;
      if (rest <= 3) return printable;
      return printable.substr(0, i) + "...";
    }
  }
  return printable;
}

std::string SortDescription(const analysis::SortKey& key) {
  return StrCat(analysis::InfoOf(key.field).name, key.descending ? ", largest first" : ", smallest first");
}

std::string TextHeader(const QueryReportInput& input) {
  const analysis::QueryResult& result = *input.result;
  std::string out =
      StrCat(Printable(input.file_name), ": ", FormatCount(result.match_count), " of ",
             FormatCount(input.graph->node_count()), " nodes match ", Printable(input.query->text()), "\n");
  if (result.match_count > 0) {
    StrAppend(&out, "self size ", FormatBytes(result.self_size), ", retained ", FormatBytes(result.retained_size),
              " (no node counted twice)\n");
  }
  return out;
}

std::string TextTableOf(const QueryReportInput& input) {
  const graph::Graph& graph = *input.graph;
  const graph::HeapAnalysis& analysis = *input.analysis;
  using Align = TextTable::Align;
  TextTable table(
      {"id", "type", "name", "class", "self", "retained", "distance"},
      {Align::kRight, Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight, Align::kRight, Align::kRight});
  for (uint32_t node : input.result->nodes) {
    table.AddRow({std::to_string(graph.node_id(node)), Printable(graph.node_type_name(node)),
                  Shortened(graph.node_name(node), kTextColumnWidth),
                  Shortened(analysis.class_names.of(node), kTextColumnWidth), FormatBytes(analysis.self_size[node]),
                  FormatBytes(analysis.dominators.retained_size[node]), std::to_string(analysis.distance[node])});
  }
  return table.Render();
}

std::string TextFooter(const QueryReportInput& input) {
  const analysis::QueryResult& result = *input.result;
  std::string out;
  if (input.options->sort) StrAppend(&out, "sorted by ", SortDescription(*input.options->sort));
  if (result.nodes.size() < result.match_count) {
    StrAppend(&out, out.empty() ? "" : "; ", "showing ", FormatCount(result.nodes.size()), " of ",
              FormatCount(result.match_count), " (--limit N, or --limit 0 for all)");
  }
  return out.empty() ? out : out + "\n";
}

void BeginJsonDocument(JsonWriter& json, const QueryReportInput& input) {
  const analysis::QueryResult& result = *input.result;
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  json.Field("tool", "heapsleuth-query");
  json.Field("file", input.file_name);
  json.Field("query", input.query->text());
  json.Key("sort");
  if (input.options->sort) {
    json.BeginObject();
    json.Field("field", analysis::InfoOf(input.options->sort->field).name);
    json.Field("order", input.options->sort->descending ? "descending" : "ascending");
    json.EndObject();
  } else {
    json.Null();
  }
  json.Key("limit");
  if (Limited(*input.options)) {
    json.Uint(input.options->limit);
  } else {
    json.Null();
  }
  json.Field("node_count", input.graph->node_count());
  json.Field("match_count", result.match_count);
  json.Key("totals").BeginObject();
  json.Field("self_size", result.self_size);
  json.Field("retained_size", result.retained_size);
  json.EndObject();
  json.Key("nodes").BeginArray();
}

}  // namespace

absl::Status WriteQueryReport(const QueryReportInput& input, QueryFormat format, std::FILE* out) {
  const graph::Graph& graph = *input.graph;
  const graph::HeapAnalysis& analysis = *input.analysis;
  std::string buffer;
  switch (format) {
    case QueryFormat::kText:
      buffer = TextHeader(input);
      if (!input.result->nodes.empty()) buffer += "\n" + TextTableOf(input);
      buffer += TextFooter(input);
      break;
    case QueryFormat::kTsv:
      AppendNodeTsvHeader(buffer);
      for (uint32_t node : input.result->nodes) {
        AppendNodeTsvRow(buffer, graph, analysis, node);
        if (buffer.size() >= kFlushAt) HS_RETURN_IF_ERROR(FlushBuffer(buffer, out));
      }
      break;
    case QueryFormat::kJsonl:
      for (uint32_t node : input.result->nodes) {
        AppendNodeJsonLine(buffer, graph, analysis, node);
        if (buffer.size() >= kFlushAt) HS_RETURN_IF_ERROR(FlushBuffer(buffer, out));
      }
      break;
    case QueryFormat::kJson: {
      // The writer only appends to `buffer`, so flushing between nodes is safe.
      JsonWriter json(buffer);
      BeginJsonDocument(json, input);
      for (uint32_t node : input.result->nodes) {
        json.BeginObject();
        AppendNodeJsonFields(json, graph, analysis, node);
        json.EndObject();
        if (buffer.size() >= kFlushAt) HS_RETURN_IF_ERROR(FlushBuffer(buffer, out));
      }
      json.EndArray();
      json.EndObject();
      buffer.push_back('\n');
      break;
    }
  }
  HS_RETURN_IF_ERROR(FlushBuffer(buffer, out));
  if (std::fflush(out) != 0) return absl::UnavailableError(StrCat("write failed: ", std::strerror(errno)));
  return absl::OkStatus();
}

std::string QueryCountText(const analysis::QueryResult& result) { return StrCat(result.match_count, "\n"); }

std::string QueryLanguageHelp() {
  std::string out =
      "EXPR: comparisons joined by and, or, not and parentheses, e.g.\n"
      "  class == \"LeakyRecord\" and retained > 1MB\n"
      "  type == closure and name ~ /onTick/i\n"
      "  detached\n"
      "  distance > 10 and self == 0\n"
      "Operators: == != < <= > >= on numbers; == != ~ !~ on text (\"string\", /regex/ or /regex/i).\n"
      "Sizes take units: kB MB GB TB (x1000) and KiB MiB GiB TiB (x1024).\n"
      "Fields (alias):\n";
  TextTable table({"", "", ""}, {TextTable::Align::kLeft, TextTable::Align::kLeft, TextTable::Align::kLeft});
  for (const analysis::QueryFieldInfo& info : analysis::QueryFields()) {
    table.AddRow({StrCat("  ", info.name), info.alias.empty() ? "" : StrCat("(", info.alias, ")"),
                  std::string(info.description)});
  }
  std::string rows = table.Render();
  out += rows.substr(rows.find('\n') + 1);  // Without the empty header line.
  return out;
}

std::string QueryErrorPointer(std::string_view expression, size_t column) {
  std::string line = "  ";
  for (char c : expression) line.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c);
  line = Printable(line);
  return StrCat(line, "\n", std::string(column + 1, ' '), "^\n");
}

}  // namespace heapsleuth::report
