#include "lib/report/inspect_report.h"

#include "lib/base/str_cat.h"
#include "lib/graph/distances.h"
#include "lib/report/heap_labels.h"
#include "lib/report/json_writer.h"
#include "lib/report/text_escape.h"
#include "lib/report/text_table.h"
#include "lib/report/units.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;

std::string Field(std::string_view name, std::string_view value) {
  std::string line = StrCat("  ", name);
  line.append(name.size() < 15 ? 15 - name.size() : 1, ' ');
  StrAppend(&line, value, "\n");
  return line;
}

// One row per edge: reference, edge type, target and its sizes.
std::string EdgeTable(const InspectInput& input, const std::vector<uint32_t>& edges, std::string_view first_header) {
  const graph::Graph& graph = *input.graph;
  const graph::HeapAnalysis& analysis = *input.analysis;
  TextTable table({std::string(first_header), "type", "object", "class", "shallow", "retained"},
                  {TextTable::Align::kLeft, TextTable::Align::kLeft, TextTable::Align::kLeft, TextTable::Align::kLeft,
                   TextTable::Align::kRight, TextTable::Align::kRight});
  for (uint32_t edge : edges) {
    const uint32_t target = graph.edge_to_node(edge);
    table.AddRow({Printable(EdgeLabel(graph, edge)), std::string(graph.edge_type_name(edge)),
                  StrCat(Printable(NodeLabel(graph, analysis, target, kTableLabelChars)), " @", graph.node_id(target)),
                  Printable(CutText(analysis.class_names.of(target), 40)), FormatBytes(analysis.self_size[target]),
                  FormatBytes(analysis.dominators.retained_size[target])});
  }
  return table.Render("  ");  // Indented as the fields above it.
}

std::string ObjectText(const InspectInput& input, const analysis::ObjectDetails& object) {
  const graph::Graph& graph = *input.graph;
  const graph::HeapAnalysis& analysis = *input.analysis;
  const uint32_t node = object.node;
  std::string out = StrCat(Printable(NodeLabel(graph, analysis, node)), " @", graph.node_id(node), "\n");
  out += Field("type", graph.node_type_name(node));
  out += Field("class", Printable(analysis.class_names.of(node)));
  out += Field("name", Printable(CutText(graph.node_name(node), input.max_string)));
  const uint64_t self = analysis.self_size[node], raw = graph.raw_self_size(node);
  out += Field("shallow size",
               self == raw ? FormatBytes(self) : StrCat(FormatBytes(self), " (V8: ", FormatBytes(raw), ")"));
  const uint64_t retained = analysis.dominators.retained_size[node];
  out += Field("retained size", StrCat(FormatBytes(retained), " (", FormatShare(retained, input.total_size), ")"));
  const int32_t distance = analysis.distance[node];
  out += Field("distance", distance < 0                             ? std::string("- (unreachable)")
                           : distance >= graph::kBaseSystemDistance ? StrCat("- (system roots only, ", distance, ")")
                                                                    : StrCat(distance));
  if (graph.has_detachedness()) out += Field("detachedness", DetachednessName(analysis.detachedness[node]));
  const uint32_t dominator = analysis.dominators.dominator[node];
  out += Field("dominator", node == graph.root()
                                ? std::string("(itself: the root)")
                                : StrCat(Printable(NodeLabel(graph, analysis, dominator, kTableLabelChars)), " @",
                                         graph.node_id(dominator)));
  out += Field("retainers", FormatCount(object.retainer_count));
  if (auto location = graph.location(node)) {
    out += Field("location", StrCat("script ", location->script_id, ", line ", location->line + 1, ", column ",
                                    location->column + 1));
  }
  if (object.string) {
    const analysis::StringText& text = *object.string;
    std::string value = StrCat("\"", Printable(text.text), text.truncated ? "\"\u2026" : "\"");
    if (text.length) StrAppend(&value, " (", FormatCount(*text.length), " UTF-16 units)");
    out += Field("text", value);
  }
  if (object.context) {
    StrAppend(&out, "\nVariables in its context, ", Printable(NodeLabel(graph, analysis, *object.context)), " @",
              graph.node_id(*object.context), " (", object.context_variables.size(), "):\n");
    if (object.context_variables.empty()) {
      out += "  (none)\n";
    } else {
      out += EdgeTable(input, object.context_variables, "variable");
    }
  }
  StrAppend(&out, "\nEdges (", object.edges.size() < object.edge_count ? StrCat(object.edges.size(), " of ") : "",
            object.edge_count, "):\n");
  if (object.edge_count == 0) {
    out += "  (none)\n";
  } else {
    out += EdgeTable(input, object.edges, "edge");
    if (object.edges.size() < object.edge_count) {
      StrAppend(&out, "  \u2026 ", FormatCount(object.edge_count - object.edges.size()),
                " more (--edges 0 lists all)\n");
    }
  }
  return out;
}

void WriteEdgeRows(JsonWriter& json, const InspectInput& input, const std::vector<uint32_t>& edges) {
  json.BeginArray();
  for (uint32_t edge : edges) {
    json.BeginObject();
    json.Key("edge");
    WriteEdge(json, *input.graph, edge);
    json.Key("node");
    WriteNodeSummary(json, *input.graph, *input.analysis, input.graph->edge_to_node(edge));
    json.EndObject();
  }
  json.EndArray();
}

void ObjectJson(JsonWriter& json, const InspectInput& input, const analysis::ObjectDetails& object) {
  const graph::Graph& graph = *input.graph;
  const graph::HeapAnalysis& analysis = *input.analysis;
  const uint32_t node = object.node;
  json.BeginObject();
  json.Field("id", graph.node_id(node));
  json.Field("type", graph.node_type_name(node));
  json.Field("name", CutText(graph.node_name(node), input.max_string));
  json.Field("class_name", analysis.class_names.of(node));
  json.Field("label", NodeLabel(graph, analysis, node));
  json.Field("self_size", analysis.self_size[node]);
  json.Field("raw_self_size", graph.raw_self_size(node));
  json.Field("retained_size", analysis.dominators.retained_size[node]);
  json.Field("distance", analysis.distance[node]);
  json.Field("detachedness", DetachednessName(analysis.detachedness[node]));
  json.Key("dominator");
  if (node == graph.root()) {
    json.Null();
  } else {
    WriteNodeSummary(json, graph, analysis, analysis.dominators.dominator[node]);
  }
  json.Field("retainer_count", object.retainer_count);
  json.Key("location");
  if (auto location = graph.location(node)) {
    json.BeginObject();
    json.Field("script_id", location->script_id);
    json.Field("line", location->line);
    json.Field("column", location->column);
    json.EndObject();
  } else {
    json.Null();
  }
  if (object.string) {
    json.Key("string").BeginObject();
    json.Field("text", object.string->text);
    json.Field("truncated", object.string->truncated);
    if (object.string->length) json.Field("length", *object.string->length);
    json.EndObject();
  }
  if (object.context) {
    json.Key("context").BeginObject();
    json.Key("node");
    WriteNodeSummary(json, graph, analysis, *object.context);
    json.Key("variables");
    WriteEdgeRows(json, input, object.context_variables);
    json.EndObject();
  }
  json.Field("edge_count", object.edge_count);
  json.Key("edges");
  WriteEdgeRows(json, input, object.edges);
  json.EndObject();
}

}  // namespace

std::string InspectText(const InspectInput& input) {
  std::string out;
  for (size_t i = 0; i < input.objects.size(); ++i) {
    if (i > 0) out += "\n";
    out += ObjectText(input, input.objects[i]);
  }
  return out;
}

std::string InspectJson(const InspectInput& input) {
  std::string out;
  JsonWriter json(out);
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  json.Field("tool", "heapsleuth-inspect");
  json.Field("file", input.file_name);
  json.Key("options").BeginObject();
  json.Field("edges", input.max_edges);
  json.Field("max_string", input.max_string);
  json.EndObject();
  json.Key("objects").BeginArray();
  for (const analysis::ObjectDetails& object : input.objects) ObjectJson(json, input, object);
  json.EndArray();
  json.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace heapsleuth::report
