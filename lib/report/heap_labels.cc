#include "lib/report/heap_labels.h"

#include "lib/base/js_string.h"
#include "lib/base/str_cat.h"
#include "lib/graph/distances.h"
#include "lib/graph/dom_state.h"
#include "lib/graph/node_names.h"
#include "lib/report/text_escape.h"

namespace heapsleuth::report {

std::string CutText(std::string_view text, size_t max_chars) {
  size_t i = 0, chars = 0;
  while (i < text.size() && chars < max_chars) {
    NextCodePoint(text, i);
    ++chars;
  }
  if (i >= text.size()) return std::string(text);
  return StrCat(text.substr(0, i), "\u2026");
}

std::string NodeLabel(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node, size_t max_chars) {
  const graph::NodeTypes& nt = graph.node_types();
  const uint8_t type = graph.node_type(node);
  std::string name = CutText(graph::DevToolsNodeName(graph, analysis.detachedness, node), max_chars);
  // HeapSnapshotGenericObjectNode.createObjectCell.
  if (type == nt.string || type == nt.concatenated_string) return StrCat("\"", name, "\"");
  if (type == nt.regexp) return StrCat("/", name, "/");
  if (type == nt.closure) return StrCat(name, "()");
  if (type == nt.array) return name.empty() ? std::string("(internal array)[]") : StrCat(name, "[]");
  if (node == graph.root() && name.empty()) return "(root)";
  return name;
}

std::string EdgeLabel(const graph::Graph& graph, uint32_t edge) {
  const graph::EdgeTypes& et = graph.edge_types();
  const uint8_t type = graph.edge_type(edge);
  if (type == et.element) return StrCat("[", graph.edge_name_or_index(edge), "]");
  if (!graph.edge_has_string_name(edge)) return StrCat(graph.edge_name_or_index(edge));
  std::string_view name = graph.edge_name(edge);
  if (type == et.shortcut) {
    // JSHeapSnapshotEdge.name(): a shortcut's numeric name is shown as a number.
    if (std::optional<double> number = ParseIntJs(name); number && *number >= 0 && *number < 4294967296.0) {
      return StrCat(static_cast<uint64_t>(*number));
    }
  }
  if (name.empty()) return "(empty)";
  return std::string(name);
}

std::string PathText(const graph::Graph& graph, const graph::HeapAnalysis& analysis, const graph::RetainerPath& path) {
  if (path.steps.empty()) return StrCat(NodeLabel(graph, analysis, graph.root()), " @", graph.node_id(graph.root()));
  std::string out;
  for (size_t i = 0; i < path.steps.size(); ++i) {
    const graph::PathStep& step = path.steps[i];
    if (i == 0) {
      out += Printable(NodeLabel(graph, analysis, step.node, kTableLabelChars));
    } else {
      StrAppend(&out, " \u2192 ", Printable(EdgeLabel(graph, step.edge)),
                " :: ", Printable(NodeLabel(graph, analysis, step.node, kTableLabelChars)));
    }
  }
  StrAppend(&out, " @", graph.node_id(path.steps.back().node));
  return out;
}

std::string DistanceText(int32_t distance) {
  if (distance < 0 || distance >= graph::kBaseSystemDistance) return "-";
  return StrCat(distance);
}

std::string_view DetachednessName(uint8_t detachedness) {
  switch (detachedness) {
    case graph::kAttached:
      return "attached";
    case graph::kDetached:
      return "detached";
    default:
      return "unknown";
  }
}

void WriteNodeSummary(JsonWriter& json, const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node) {
  json.BeginObject();
  json.Field("id", graph.node_id(node));
  json.Field("type", graph.node_type_name(node));
  json.Field("class_name", analysis.class_names.of(node));
  json.Field("label", NodeLabel(graph, analysis, node));
  json.Field("self_size", analysis.self_size[node]);
  json.Field("retained_size", analysis.dominators.retained_size[node]);
  json.Field("distance", analysis.distance[node]);
  json.EndObject();
}

void WriteEdge(JsonWriter& json, const graph::Graph& graph, uint32_t edge) {
  json.BeginObject();
  json.Field("type", graph.edge_type_name(edge));
  if (graph.edge_has_string_name(edge)) {
    json.Field("name", graph.edge_name(edge));
  } else {
    json.Field("index", graph.edge_name_or_index(edge));
  }
  json.EndObject();
}

void WritePath(JsonWriter& json, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
               const graph::RetainerPath& path) {
  json.BeginObject();
  json.Field("length", path.steps.size());
  json.Key("steps").BeginArray();
  for (const graph::PathStep& step : path.steps) {
    json.BeginObject();
    json.Key("edge");
    WriteEdge(json, graph, step.edge);
    json.Key("node");
    WriteNodeSummary(json, graph, analysis, step.node);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
}

}  // namespace heapsleuth::report
