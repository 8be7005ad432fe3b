#include "lib/analysis/query_fields.h"

#include <array>

namespace heapsleuth::analysis {
namespace {

using enum QueryField;
using enum FieldKind;

constexpr std::array<QueryFieldInfo, 16> kFields = {{
    {kId, "id", "", kNumber, false, "V8's object id (stable across snapshots of one process)"},
    {kType, "type", "", kNodeType, false, "node type: object, closure, string, native, hidden, array, code, ..."},
    {kName, "name", "", kString, false, "the node's name as V8 wrote it"},
    {kClassName, "class_name", "class", kString, false,
     "DevTools' class name: (system), Function, Detached <div>, {a, b}, ..."},
    {kSelfSize, "self_size", "self", kSize, true, "DevTools' shallow size"},
    {kRawSelfSize, "raw_self_size", "raw_self", kSize, true, "the self size V8 wrote"},
    {kRetainedSize, "retained_size", "retained", kSize, true, "DevTools' retained size"},
    {kDistance, "distance", "", kNumber, false,
     "DevTools' distance from the roots (-5 unreachable, 100000000+ system roots only)"},
    {kEdgeCount, "edge_count", "edges", kNumber, true, "number of outgoing edges"},
    {kDominatorId, "dominator_id", "dominator", kNumber, false, "id of the immediate dominator"},
    {kDetachedness, "detachedness", "", kNumber, false, "0 unknown, 1 attached, 2 detached (propagated)"},
    {kDetached, "detached", "", kBool, false, "detachedness == 2: detached DOM and what it holds"},
    {kTraceNodeId, "trace_node_id", "", kNumber, false, "allocation trace node (0 when not tracked)"},
    {kScriptId, "script_id", "", kNumber, false, "script of the recorded location"},
    {kLine, "line", "", kNumber, false, "line of the recorded location (0-based, as V8 writes it)"},
    {kColumn, "column", "", kNumber, false, "column of the recorded location (0-based)"},
}};

constexpr std::array<std::string_view, 16> kNodeTypes = {"hidden",
                                                         "array",
                                                         "string",
                                                         "object",
                                                         "code",
                                                         "closure",
                                                         "regexp",
                                                         "number",
                                                         "native",
                                                         "synthetic",
                                                         "concatenated string",
                                                         "sliced string",
                                                         "symbol",
                                                         "bigint",
                                                         "object shape",
                                                         "wasm object"};

}  // namespace

std::span<const QueryFieldInfo> QueryFields() { return kFields; }

const QueryFieldInfo* FindQueryField(std::string_view name) {
  for (const QueryFieldInfo& info : kFields) {
    if (info.name == name || (!info.alias.empty() && info.alias == name)) return &info;
  }
  return nullptr;
}

const QueryFieldInfo& InfoOf(QueryField field) { return kFields[static_cast<size_t>(field)]; }

std::string QueryFieldNames() {
  std::string out;
  for (const QueryFieldInfo& info : kFields) {
    if (!out.empty()) out += ", ";
    out += info.name;
  }
  return out;
}

std::span<const std::string_view> KnownNodeTypes() { return kNodeTypes; }

}  // namespace heapsleuth::analysis
