#include "lib/report/nodes_report.h"

#include <cerrno>
#include <cstring>
#include <string>

#include "lib/base/str_cat.h"
#include "lib/report/json_writer.h"
#include "lib/report/text_escape.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;
constexpr size_t kFlushAt = 1 << 20;

absl::Status Flush(std::string& buffer, std::FILE* out) {
  if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) {
    return absl::UnavailableError(StrCat("write failed: ", std::strerror(errno)));
  }
  buffer.clear();
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteNodes(const graph::Graph& graph, const graph::HeapAnalysis& analysis, NodesFormat format,
                        std::FILE* out) {
  std::string buffer;
  buffer.reserve(kFlushAt + 4096);
  if (format == NodesFormat::kTsv) {
    buffer +=
        "id\ttype\tname\tclass_name\tself_size\traw_self_size\tretained_size\tdistance\tdominator_id\t"
        "detachedness\n";
  }
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    const uint32_t dominator = analysis.dominators.dominator[node];
    if (format == NodesFormat::kTsv) {
      StrAppend(&buffer, graph.node_id(node), "\t", graph.node_type_name(node), "\t");
      AppendTsvEscaped(buffer, graph.node_name(node));
      buffer.push_back('\t');
      AppendTsvEscaped(buffer, analysis.class_names.of(node));
      StrAppend(&buffer, "\t", analysis.self_size[node], "\t", graph.raw_self_size(node), "\t",
                      analysis.dominators.retained_size[node], "\t", analysis.distance[node], "\t",
                      graph.node_id(dominator), "\t", static_cast<int>(analysis.detachedness[node]), "\n");
    } else {
      JsonWriter json(buffer, 0);
      json.BeginObject();
      json.Field("schema_version", kSchemaVersion);
      json.Field("id", graph.node_id(node));
      json.Field("type", graph.node_type_name(node));
      json.Field("name", graph.node_name(node));
      json.Field("class_name", analysis.class_names.of(node));
      json.Field("self_size", analysis.self_size[node]);
      json.Field("raw_self_size", graph.raw_self_size(node));
      json.Field("retained_size", analysis.dominators.retained_size[node]);
      json.Field("distance", analysis.distance[node]);
      json.Field("dominator_id", graph.node_id(dominator));
      json.Field("detachedness", analysis.detachedness[node]);
      json.EndObject();
      buffer.push_back('\n');
    }
    if (buffer.size() >= kFlushAt) {
      if (absl::Status status = Flush(buffer, out); !status.ok()) return status;
    }
  }
  if (absl::Status status = Flush(buffer, out); !status.ok()) return status;
  if (std::fflush(out) != 0) return absl::UnavailableError(StrCat("write failed: ", std::strerror(errno)));
  return absl::OkStatus();
}

}  // namespace heapsleuth::report
