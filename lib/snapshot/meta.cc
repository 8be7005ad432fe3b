#include "lib/snapshot/meta.h"

#include <simdjson.h>

#include <algorithm>

#include "lib/base/one_line.h"
#include "lib/base/str_cat.h"
#include "lib/base/status_macros.h"

namespace heapsleuth::snapshot {
namespace {

// V8 stores the type as a byte in our columns; 255 is kept free for "none".
constexpr size_t kMaxTypeCount = 254;

class MetaReader {
 public:
  MetaReader(std::string_view file_name, uint64_t offset) : file_name_(file_name), offset_(offset) {}

  absl::Status Error(std::string_view field, std::string_view message) const {
    return absl::InvalidArgumentError(
        StrCat(file_name_, ": byte ", offset_, ": snapshot", field.empty() ? "" : ".", field, ": ", message));
  }

  absl::Status StringList(simdjson::dom::element value, std::string_view field,
                          std::vector<std::string>& out) const {
    simdjson::dom::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS) return Error(field, "expected an array of strings");
    for (simdjson::dom::element item : array) {
      std::string_view text;
      if (item.get_string().get(text) != simdjson::SUCCESS) return Error(field, "expected an array of strings");
      out.emplace_back(text);
    }
    return absl::OkStatus();
  }

  absl::Status Count(simdjson::dom::object object, std::string_view key, bool required,
                     uint64_t& out) const {
    simdjson::dom::element value;
    if (object.at_key(key).get(value) != simdjson::SUCCESS) {
      return required ? Error(key, "missing") : absl::OkStatus();
    }
    if (value.get_uint64().get(out) != simdjson::SUCCESS) return Error(key, "expected an unsigned integer");
    return absl::OkStatus();
  }

  // `types` lists one entry per field: the field's type. The entry for the
  // `type` field is itself the array of type names.
  absl::Status TypeNames(simdjson::dom::object meta, std::string_view key, int type_offset,
                         std::vector<std::string>& out) const {
    simdjson::dom::array types;
    if (meta.at_key(key).get_array().get(types) != simdjson::SUCCESS) {
      return Error(StrCat("meta.", key), "missing or not an array");
    }
    simdjson::dom::element entry;
    if (types.at(static_cast<size_t>(type_offset)).get(entry) != simdjson::SUCCESS) {
      return Error(StrCat("meta.", key), "has no entry for the type field");
    }
    HS_RETURN_IF_ERROR(StringList(entry, StrCat("meta.", key, "[", type_offset, "]"), out));
    if (out.empty() || out.size() > kMaxTypeCount) {
      return Error(StrCat("meta.", key), StrCat("has ", out.size(), " type names"));
    }
    // The graph resolves a type by its name (the first so named), while the
    // parser checks each edge by its type's name: a repeated name would let the
    // two disagree on whether an edge's name_or_index is a string index.
    for (size_t i = 0; i < out.size(); ++i) {
      if (std::find(out.begin(), out.begin() + i, out[i]) != out.begin() + i) {
        return Error(StrCat("meta.", key, "[", type_offset, "]"),
                     StrCat("type name \"", OneLine(out[i]), "\" appears twice"));
      }
    }
    return absl::OkStatus();
  }

 private:
  std::string_view file_name_;
  uint64_t offset_;
};

int IndexOf(const std::vector<std::string>& list, std::string_view name) {
  auto it = std::find(list.begin(), list.end(), name);
  return it == list.end() ? kAbsentField : static_cast<int>(it - list.begin());
}

}  // namespace

absl::StatusOr<SnapshotMeta> ParseSnapshotMeta(std::string_view json, std::string_view file_name,
                                               uint64_t offset) {
  MetaReader reader(file_name, offset);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return reader.Error("", StrCat("not valid JSON: ", simdjson::error_message(error)));
  }
  simdjson::dom::object snapshot;
  if (root.get_object().get(snapshot) != simdjson::SUCCESS) return reader.Error("", "expected an object");
  simdjson::dom::object meta;
  if (snapshot.at_key("meta").get_object().get(meta) != simdjson::SUCCESS) {
    return reader.Error("meta", "missing or not an object");
  }

  SnapshotMeta out;
  simdjson::dom::element list;
  if (meta.at_key("node_fields").get(list) != simdjson::SUCCESS) return reader.Error("meta.node_fields", "missing");
  HS_RETURN_IF_ERROR(reader.StringList(list, "meta.node_fields", out.node_fields));
  if (meta.at_key("edge_fields").get(list) != simdjson::SUCCESS) return reader.Error("meta.edge_fields", "missing");
  HS_RETURN_IF_ERROR(reader.StringList(list, "meta.edge_fields", out.edge_fields));
  // Optional sections describe their rows the same way.
  if (meta.at_key("location_fields").get(list) == simdjson::SUCCESS) {
    HS_RETURN_IF_ERROR(reader.StringList(list, "meta.location_fields", out.location_fields));
  }
  if (meta.at_key("sample_fields").get(list) == simdjson::SUCCESS) {
    HS_RETURN_IF_ERROR(reader.StringList(list, "meta.sample_fields", out.sample_fields));
  }
  if (meta.at_key("trace_function_info_fields").get(list) == simdjson::SUCCESS) {
    HS_RETURN_IF_ERROR(
        reader.StringList(list, "meta.trace_function_info_fields", out.trace_function_info_fields));
  }

  out.node_type = IndexOf(out.node_fields, "type");
  out.node_name = IndexOf(out.node_fields, "name");
  out.node_id = IndexOf(out.node_fields, "id");
  out.node_self_size = IndexOf(out.node_fields, "self_size");
  out.node_edge_count = IndexOf(out.node_fields, "edge_count");
  out.node_trace_node_id = IndexOf(out.node_fields, "trace_node_id");
  out.node_detachedness = IndexOf(out.node_fields, "detachedness");
  for (auto [offset_value, name] : {std::pair{out.node_type, "type"}, {out.node_name, "name"},
                                    {out.node_id, "id"}, {out.node_self_size, "self_size"},
                                    {out.node_edge_count, "edge_count"}}) {
    if (offset_value == kAbsentField) {
      return reader.Error("meta.node_fields", StrCat("has no \"", name, "\" field"));
    }
  }
  out.edge_type = IndexOf(out.edge_fields, "type");
  out.edge_name_or_index = IndexOf(out.edge_fields, "name_or_index");
  out.edge_to_node = IndexOf(out.edge_fields, "to_node");
  for (auto [offset_value, name] : {std::pair{out.edge_type, "type"},
                                    {out.edge_name_or_index, "name_or_index"},
                                    {out.edge_to_node, "to_node"}}) {
    if (offset_value == kAbsentField) {
      return reader.Error("meta.edge_fields", StrCat("has no \"", name, "\" field"));
    }
  }
  out.location_object_index = IndexOf(out.location_fields, "object_index");
  out.location_script_id = IndexOf(out.location_fields, "script_id");
  out.location_line = IndexOf(out.location_fields, "line");
  out.location_column = IndexOf(out.location_fields, "column");
  if (!out.location_fields.empty() &&
      (out.location_object_index == kAbsentField || out.location_script_id == kAbsentField ||
       out.location_line == kAbsentField || out.location_column == kAbsentField)) {
    return reader.Error("meta.location_fields",
                        "needs object_index, script_id, line and column");
  }

  HS_RETURN_IF_ERROR(reader.TypeNames(meta, "node_types", out.node_type, out.node_types));
  HS_RETURN_IF_ERROR(reader.TypeNames(meta, "edge_types", out.edge_type, out.edge_types));

  HS_RETURN_IF_ERROR(reader.Count(snapshot, "node_count", true, out.node_count));
  HS_RETURN_IF_ERROR(reader.Count(snapshot, "edge_count", true, out.edge_count));
  HS_RETURN_IF_ERROR(reader.Count(snapshot, "trace_function_count", false, out.trace_function_count));
  HS_RETURN_IF_ERROR(reader.Count(snapshot, "extra_native_bytes", false, out.extra_native_bytes));
  uint64_t root_index = 0;
  simdjson::dom::element ignored;
  if (snapshot.at_key("root_index").get(ignored) == simdjson::SUCCESS) {
    HS_RETURN_IF_ERROR(reader.Count(snapshot, "root_index", true, root_index));
    out.root_index = root_index;
  }
  return out;
}

}  // namespace heapsleuth::snapshot
