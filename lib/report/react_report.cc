#include "lib/report/react_report.h"

#include "lib/base/str_cat.h"
#include "lib/report/json_writer.h"
#include "lib/report/text_escape.h"
#include "lib/report/text_table.h"
#include "lib/report/units.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;

}  // namespace

std::string ReactText(const ReactInput& input) {
  const analysis::ReactHeap& react = *input.react;
  std::string out = StrCat(Printable(input.file_name), ": ");
  if (!react.found) return out + "no React found\n";
  StrAppend(&out, "React: ", FormatCount(react.fiber_count), " fibers, ", FormatCount(react.root_count),
            react.root_count == 1 ? " root" : " roots", ", ", FormatCount(react.components.size()),
            " component types\n\n");
  TextTable table({"component", "fibers", "mounted", "renders alive", "unmounted alive", "retained", "share"},
                  {TextTable::Align::kLeft, TextTable::Align::kRight, TextTable::Align::kRight,
                   TextTable::Align::kRight, TextTable::Align::kRight, TextTable::Align::kRight,
                   TextTable::Align::kRight});
  for (const analysis::ReactComponent& c : react.components) {
    std::string name = Printable(c.name);
    if (name.size() > 60) name = name.substr(0, 57) + "...";
    table.AddRow({name, FormatCount(c.fibers), FormatCount(c.mounted), FormatCount(c.renders),
                  FormatCount(c.unmounted.size()), FormatBytes(c.retained_size),
                  FormatShare(c.retained_size, input.total_size)});
  }
  out += table.Render();
  return out;
}

std::string ReactJson(const ReactInput& input) {
  const analysis::ReactHeap& react = *input.react;
  std::string out;
  JsonWriter json(out);
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  json.Field("tool", "heapsleuth-summary");
  json.Field("file", input.file_name);
  json.Field("react_found", react.found);
  json.Field("fiber_count", react.fiber_count);
  json.Field("root_count", react.root_count);
  json.Field("total_size", input.total_size);
  json.Key("components").BeginArray();
  for (const analysis::ReactComponent& c : react.components) {
    json.BeginObject();
    json.Field("name", c.name);
    json.Field("fibers", c.fibers);
    json.Field("mounted", c.mounted);
    json.Field("renders_alive", c.renders);
    json.Field("unmounted_alive", static_cast<uint64_t>(c.unmounted.size()));
    json.Field("retained_size", c.retained_size);
    json.Field("unmounted_retained_size", c.unmounted_retained_size);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  out += "\n";
  return out;
}

}  // namespace heapsleuth::report
