#include "lib/report/retainers_report.h"

#include "lib/base/str_cat.h"
#include "lib/report/heap_labels.h"
#include "lib/report/json_writer.h"
#include "lib/report/text_escape.h"
#include "lib/report/text_table.h"
#include "lib/report/units.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;
constexpr size_t kIdsShown = 5;  // Instance ids listed per group in text.

std::string Plural(uint64_t count, std::string_view one, std::string_view many) {
  return StrCat(FormatCount(count), " ", count == 1 ? one : many);
}

std::string NodeHeadline(const RetainersInput& input, uint32_t node) {
  const graph::Graph& graph = *input.graph;
  const graph::HeapAnalysis& analysis = *input.analysis;
  return StrCat(Printable(NodeLabel(graph, analysis, node)), " @", graph.node_id(node), ": ",
                graph.node_type_name(node), ", distance ", DistanceText(analysis.distance[node]), ", shallow ",
                FormatBytes(analysis.self_size[node]), ", retained ",
                FormatBytes(analysis.dominators.retained_size[node]));
}

void AddTreeRows(const RetainersInput& input, const std::vector<graph::RetainerTreeRow>& rows, uint32_t count,
                 size_t level, TextTable& table) {
  const graph::Graph& graph = *input.graph;
  const graph::HeapAnalysis& analysis = *input.analysis;
  const std::string indent(2 * level, ' ');
  for (const graph::RetainerTreeRow& row : rows) {
    const uint32_t edge = input.retainers->edge(row.slot);
    std::string object =
        StrCat(indent, Printable(EdgeLabel(graph, edge)), " in ",
               Printable(NodeLabel(graph, analysis, row.node, kTableLabelChars)), " @", graph.node_id(row.node));
    if (graph.edge_type(edge) == graph.edge_types().weak) object += " (weak)";
    if (row.cycle) object += " (cycle)";
    table.AddRow({std::move(object), DistanceText(analysis.distance[row.node]),
                  FormatBytes(analysis.self_size[row.node]), FormatBytes(analysis.dominators.retained_size[row.node])});
    if (row.expanded) AddTreeRows(input, row.children, row.retainer_count, level + 1, table);
  }
  if (count > rows.size()) {
    table.AddRow({StrCat(indent, "\u2026 ", FormatCount(count - rows.size()), " more"), "", "", ""});
  }
}

std::string PathLine(const RetainersInput& input, size_t index, const graph::RetainerPath& path) {
  return StrCat("  ", index + 1, ". (", Plural(path.steps.size(), "edge", "edges"), ") ",
                PathText(*input.graph, *input.analysis, path), "\n");
}

std::string TargetText(const RetainersInput& input, const RetainersTarget& target) {
  std::string out = NodeHeadline(input, target.node) + "\n";
  if (input.path_count > 0) {
    if (target.paths.empty()) {
      out += "\nNo path from the GC roots reaches it.\n";
    } else {
      StrAppend(&out, "\n", target.paths.size() == 1 ? "Shortest path" : "Shortest paths", " from the GC roots",
                input.include_weak ? " (weak edges allowed)" : "", ":\n");
      for (size_t i = 0; i < target.paths.size(); ++i) out += PathLine(input, i, target.paths[i]);
      if (target.paths.size() < input.path_count) {
        StrAppend(&out, "  (no other ", input.path_count > 1 ? "distinct path" : "path", " found)\n");
      }
    }
  }
  if (input.tree) {
    StrAppend(&out, "\nRetainers, as DevTools' Retainers view (",
              Plural(target.tree.retainer_count, "retainer", "retainers"), ", ", Plural(input.depth, "level", "levels"),
              "):\n");
    if (target.tree.retainer_count == 0) {
      out += "  (none)\n";
    } else {
      TextTable table(
          {"object", "distance", "shallow", "retained"},
          {TextTable::Align::kLeft, TextTable::Align::kRight, TextTable::Align::kRight, TextTable::Align::kRight});
      AddTreeRows(input, target.tree.rows, target.tree.retainer_count, 0, table);
      out += table.Render("  ");
    }
  }
  return out;
}

std::string ClassText(const RetainersInput& input) {
  const graph::Graph& graph = *input.graph;
  const analysis::InstancePaths& paths = input.instance_paths;
  std::string out =
      StrCat("Class ", Printable(input.class_name), ": ", Plural(paths.instance_count, "object", "objects"));
  if (paths.shown_count < paths.instance_count) {
    StrAppend(&out, "; paths of the ", FormatCount(paths.shown_count), " largest by retained size");
  }
  StrAppend(&out, ", in ", Plural(paths.groups.size(), "group", "groups"), " of the same path shape\n");
  for (size_t g = 0; g < paths.groups.size(); ++g) {
    const analysis::PathGroup& group = paths.groups[g];
    StrAppend(&out, "\n", g + 1, ". ", Plural(group.instances.size(), "object", "objects"), ", retained ",
              FormatBytes(group.retained_size), ": ");
    for (size_t i = 0; i < group.instances.size() && i < kIdsShown; ++i) {
      StrAppend(&out, i > 0 ? ", @" : "@", graph.node_id(group.instances[i]));
    }
    if (group.instances.size() > kIdsShown)
      StrAppend(&out, ", \u2026 ", FormatCount(group.instances.size() - kIdsShown), " more");
    out += "\n";
    if (group.path) {
      StrAppend(&out, "   (", Plural(group.path->steps.size(), "edge", "edges"), ") ",
                PathText(graph, *input.analysis, *group.path), "\n");
    } else {
      out += "   No path from the GC roots reaches them.\n";
    }
  }
  return out;
}

void WriteTreeRows(JsonWriter& json, const RetainersInput& input, const std::vector<graph::RetainerTreeRow>& rows) {
  json.BeginArray();
  for (const graph::RetainerTreeRow& row : rows) {
    json.BeginObject();
    json.Key("edge");
    WriteEdge(json, *input.graph, input.retainers->edge(row.slot));
    json.Key("node");
    WriteNodeSummary(json, *input.graph, *input.analysis, row.node);
    json.Field("cycle", row.cycle);
    json.Field("retainer_count", row.retainer_count);
    if (row.expanded) {
      json.Key("retainers");
      WriteTreeRows(json, input, row.children);
    }
    json.EndObject();
  }
  json.EndArray();
}

}  // namespace

std::string RetainersText(const RetainersInput& input) {
  if (input.by_class) return ClassText(input);
  std::string out;
  for (size_t i = 0; i < input.targets.size(); ++i) {
    if (i > 0) out += "\n";
    out += TargetText(input, input.targets[i]);
  }
  return out;
}

std::string RetainersJson(const RetainersInput& input) {
  const graph::Graph& graph = *input.graph;
  const graph::HeapAnalysis& analysis = *input.analysis;
  std::string out;
  JsonWriter json(out);
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  json.Field("tool", "heapsleuth-retainers");
  json.Field("file", input.file_name);
  json.Key("options").BeginObject();
  json.Field("paths", input.path_count);
  json.Field("tree", input.tree);
  json.Field("depth", input.depth);
  json.Field("limit", input.limit);
  json.Field("include_weak", input.include_weak);
  json.EndObject();
  if (input.by_class) {
    const analysis::InstancePaths& paths = input.instance_paths;
    json.Key("class").BeginObject();
    json.Field("name", input.class_name);
    json.Field("instance_count", paths.instance_count);
    json.Field("shown_count", paths.shown_count);
    json.Key("groups").BeginArray();
    for (const analysis::PathGroup& group : paths.groups) {
      json.BeginObject();
      json.Field("instance_count", group.instances.size());
      json.Field("retained_size", group.retained_size);
      json.Key("instances").BeginArray();
      for (uint32_t node : group.instances) WriteNodeSummary(json, graph, analysis, node);
      json.EndArray();
      json.Key("path");
      if (group.path) {
        WritePath(json, graph, analysis, *group.path);
      } else {
        json.Null();
      }
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  } else {
    json.Key("targets").BeginArray();
    for (const RetainersTarget& target : input.targets) {
      json.BeginObject();
      json.Key("node");
      WriteNodeSummary(json, graph, analysis, target.node);
      json.Key("paths").BeginArray();
      for (const graph::RetainerPath& path : target.paths) WritePath(json, graph, analysis, path);
      json.EndArray();
      if (input.tree) {
        json.Key("retainers").BeginObject();
        json.Field("count", target.tree.retainer_count);
        json.Key("rows");
        WriteTreeRows(json, input, target.tree.rows);
        json.EndObject();
      }
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace heapsleuth::report
