#include "lib/report/summary_report.h"

#include <algorithm>

#include "lib/base/str_cat.h"
#include "lib/report/json_writer.h"
#include "lib/report/text_escape.h"
#include "lib/report/text_table.h"
#include "lib/report/units.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;

}  // namespace

std::string SummaryText(const SummaryInput& input) {
  const analysis::HeapSummary& summary = *input.summary;
  const analysis::HeapStatistics& s = summary.statistics;
  std::string out = StrCat(Printable(input.file_name), ": ", FormatCount(summary.node_count), " nodes, ",
                                 FormatCount(summary.edge_count), " edges, ", FormatBytes(summary.file_bytes),
                                 " file\n\n");
  TextTable totals({"", "size", "share"}, {TextTable::Align::kLeft, TextTable::Align::kRight,
                                           TextTable::Align::kRight});
  auto row = [&](std::string label, uint64_t bytes) {
    totals.AddRow({std::move(label), FormatBytes(bytes), FormatShare(bytes, s.total)});
  };
  row("Total", s.total);
  row("  V8 heap", s.v8heap_total);
  row("    Code", s.code);
  row("    Strings", s.strings);
  row("    JS arrays", s.js_arrays);
  row("    System objects", s.system);
  row("    Other JS objects", s.v8heap_total - std::min(s.v8heap_total, s.code + s.strings + s.js_arrays + s.system));
  row("  Native", s.native_total);
  row("    Typed arrays", s.native_typed_arrays);
  out += totals.Render();

  const size_t shown = std::min(input.top, summary.classes.size());
  StrAppend(&out, "\nTop ", shown, " of ", FormatCount(summary.classes.size()),
                  " classes by retained size (DevTools' Summary view)\n");
  TextTable classes({"class", "count", "shallow", "retained", "share"},
                    {TextTable::Align::kLeft, TextTable::Align::kRight, TextTable::Align::kRight,
                     TextTable::Align::kRight, TextTable::Align::kRight});
  for (size_t i = 0; i < shown; ++i) {
    const analysis::ClassRow& c = summary.classes[i];
    std::string name = Printable(c.name);
    if (name.size() > 80) name = name.substr(0, 77) + "...";
    classes.AddRow({name, FormatCount(c.count), FormatBytes(c.self_size), FormatBytes(c.retained_size),
                    FormatShare(c.retained_size, s.total)});
  }
  out += classes.Render();
  return out;
}

std::string SummaryJson(const SummaryInput& input) {
  const analysis::HeapSummary& summary = *input.summary;
  const analysis::HeapStatistics& s = summary.statistics;
  std::string out;
  JsonWriter json(out);
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  json.Field("tool", "heapsleuth-summary");
  json.Field("file", input.file_name);
  json.Key("snapshot").BeginObject();
  json.Field("node_count", summary.node_count);
  json.Field("edge_count", summary.edge_count);
  json.Field("string_count", summary.string_count);
  json.Field("file_bytes", summary.file_bytes);
  json.Key("node_fields").BeginArray();
  for (const std::string& field : summary.node_fields) json.String(field);
  json.EndArray();
  json.EndObject();
  json.Key("statistics").BeginObject();
  json.Field("total", s.total);
  json.Key("v8heap").BeginObject();
  json.Field("total", s.v8heap_total);
  json.Field("code", s.code);
  json.Field("strings", s.strings);
  json.Field("js_arrays", s.js_arrays);
  json.Field("system", s.system);
  json.EndObject();
  json.Key("native").BeginObject();
  json.Field("total", s.native_total);
  json.Field("typed_arrays", s.native_typed_arrays);
  json.EndObject();
  json.Field("extra_native_bytes", s.extra_native_bytes);
  json.EndObject();
  json.Field("class_count", summary.classes.size());
  json.Key("classes").BeginArray();
  const size_t shown = std::min(input.top, summary.classes.size());
  for (size_t i = 0; i < shown; ++i) {
    const analysis::ClassRow& c = summary.classes[i];
    json.BeginObject();
    json.Field("key", c.key);
    json.Field("name", c.name);
    json.Field("count", c.count);
    json.Field("self_size", c.self_size);
    json.Field("retained_size", c.retained_size);
    json.Field("distance", c.distance);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace heapsleuth::report
