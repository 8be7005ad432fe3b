#include "lib/report/nodes_report.h"

#include <cerrno>
#include <cstring>
#include <string>

#include "lib/base/str_cat.h"
#include "lib/report/text_escape.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;
constexpr size_t kFlushAt = 1 << 20;

}  // namespace

absl::Status FlushBuffer(std::string& buffer, std::FILE* out) {
  if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) {
    return absl::UnavailableError(StrCat("write failed: ", std::strerror(errno)));
  }
  buffer.clear();
  return absl::OkStatus();
}

void AppendNodeTsvHeader(std::string& out) {
  out +=
      "id\ttype\tname\tclass_name\tself_size\traw_self_size\tretained_size\tdistance\tdominator_id\t"
      "detachedness\n";
}

void AppendNodeTsvRow(std::string& out, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                      uint32_t node) {
  StrAppend(&out, graph.node_id(node), "\t", graph.node_type_name(node), "\t");
  AppendTsvEscaped(out, graph.node_name(node));
  out.push_back('\t');
  AppendTsvEscaped(out, analysis.class_names.of(node));
  StrAppend(&out, "\t", analysis.self_size[node], "\t", graph.raw_self_size(node), "\t",
            analysis.dominators.retained_size[node], "\t", analysis.distance[node], "\t",
            graph.node_id(analysis.dominators.dominator[node]), "\t", static_cast<int>(analysis.detachedness[node]),
            "\n");
}

void AppendNodeJsonFields(JsonWriter& json, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                          uint32_t node) {
  json.Field("id", graph.node_id(node));
  json.Field("type", graph.node_type_name(node));
  json.Field("name", graph.node_name(node));
  json.Field("class_name", analysis.class_names.of(node));
  json.Field("self_size", analysis.self_size[node]);
  json.Field("raw_self_size", graph.raw_self_size(node));
  json.Field("retained_size", analysis.dominators.retained_size[node]);
  json.Field("distance", analysis.distance[node]);
  json.Field("dominator_id", graph.node_id(analysis.dominators.dominator[node]));
  json.Field("detachedness", analysis.detachedness[node]);
}

void AppendNodeJsonLine(std::string& out, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                        uint32_t node) {
  JsonWriter json(out, 0);
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  AppendNodeJsonFields(json, graph, analysis, node);
  json.EndObject();
  out.push_back('\n');
}

absl::Status WriteNodes(const graph::Graph& graph, const graph::HeapAnalysis& analysis, NodesFormat format,
                        std::FILE* out) {
  std::string buffer;
  buffer.reserve(kFlushAt + 4096);
  if (format == NodesFormat::kTsv) AppendNodeTsvHeader(buffer);
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (format == NodesFormat::kTsv) {
      AppendNodeTsvRow(buffer, graph, analysis, node);
    } else {
      AppendNodeJsonLine(buffer, graph, analysis, node);
    }
    if (buffer.size() >= kFlushAt) {
      if (absl::Status status = FlushBuffer(buffer, out); !status.ok()) return status;
    }
  }
  if (absl::Status status = FlushBuffer(buffer, out); !status.ok()) return status;
  if (std::fflush(out) != 0) return absl::UnavailableError(StrCat("write failed: ", std::strerror(errno)));
  return absl::OkStatus();
}

}  // namespace heapsleuth::report
