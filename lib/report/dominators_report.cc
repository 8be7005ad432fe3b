#include "lib/report/dominators_report.h"

#include "lib/base/str_cat.h"
#include "lib/report/heap_labels.h"
#include "lib/report/json_writer.h"
#include "lib/report/text_escape.h"
#include "lib/report/text_table.h"
#include "lib/report/units.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;

void AddRows(const DominatorsInput& input, const analysis::DominatorRow& row, size_t level, TextTable& table) {
  const graph::Graph& graph = *input.graph;
  const graph::HeapAnalysis& analysis = *input.analysis;
  const uint64_t total = input.listing.total_size;
  const std::string indent(2 * level, ' ');
  const uint64_t retained = analysis.dominators.retained_size[row.node];
  table.AddRow(
      {StrCat(indent, Printable(NodeLabel(graph, analysis, row.node, kTableLabelChars)), " @", graph.node_id(row.node)),
       FormatBytes(retained), FormatShare(retained, total), FormatCount(row.dominated_count),
       FormatBytes(analysis.self_size[row.node])});
  for (const analysis::DominatorRow& child : row.children) AddRows(input, child, level + 1, table);
  // Below the depth limit, the dominated count says what is there.
  if (row.expanded && row.omitted_count > 0) {
    table.AddRow({StrCat(indent, "  \u2026 ", FormatCount(row.omitted_count), " more"),
                  FormatBytes(row.omitted_retained_size), FormatShare(row.omitted_retained_size, total), "", ""});
  }
}

void WriteRow(JsonWriter& json, const DominatorsInput& input, const analysis::DominatorRow& row) {
  const uint64_t retained = input.analysis->dominators.retained_size[row.node];
  json.BeginObject();
  json.Key("node");
  WriteNodeSummary(json, *input.graph, *input.analysis, row.node);
  json.Field("share", input.listing.total_size == 0
                          ? 0.0
                          : static_cast<double>(retained) / static_cast<double>(input.listing.total_size));
  json.Field("child_count", row.child_count);
  json.Field("dominated_count", row.dominated_count);
  if (row.expanded) {
    json.Key("children").BeginArray();
    for (const analysis::DominatorRow& child : row.children) WriteRow(json, input, child);
    json.EndArray();
  }
  json.Key("omitted").BeginObject();
  json.Field("count", row.omitted_count);
  json.Field("retained_size", row.omitted_retained_size);
  json.EndObject();
  json.EndObject();
}

}  // namespace

std::string DominatorsText(const DominatorsInput& input) {
  const graph::Graph& graph = *input.graph;
  const analysis::DominatorListingOptions& o = input.options;
  const uint32_t top = input.listing.top.node;
  std::string out =
      StrCat("Dominator tree from ", Printable(NodeLabel(graph, *input.analysis, top)), " @", graph.node_id(top),
             " (total ", FormatBytes(input.listing.total_size), "): ", o.depth, o.depth == 1 ? " level" : " levels");
  if (o.min_size > 0) StrAppend(&out, ", retaining at least ", FormatBytes(o.min_size));
  if (o.limit > 0) StrAppend(&out, ", at most ", o.limit, " per node");
  out += "\n\n";
  TextTable table({"object", "retained", "share", "dominated", "shallow"},
                  {TextTable::Align::kLeft, TextTable::Align::kRight, TextTable::Align::kRight,
                   TextTable::Align::kRight, TextTable::Align::kRight});
  AddRows(input, input.listing.top, 0, table);
  out += table.Render();
  return out;
}

std::string DominatorsJson(const DominatorsInput& input) {
  std::string out;
  JsonWriter json(out);
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  json.Field("tool", "heapsleuth-dominators");
  json.Field("file", input.file_name);
  json.Key("options").BeginObject();
  json.Field("depth", input.options.depth);
  json.Field("min_size", input.options.min_size);
  json.Field("limit", input.options.limit);
  json.EndObject();
  json.Field("total_size", input.listing.total_size);
  json.Key("tree");
  WriteRow(json, input, input.listing.top);
  json.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace heapsleuth::report
