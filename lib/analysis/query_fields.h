// The node fields a heapsleuth query can test and sort by, and what kind of
// value each holds. The table is the single source for the parser's type
// checks, the evaluator, `--sort` and the README's field list.
//
// Names are V8's and DevTools' (the columns of heapsleuth-nodes, and V8's
// node and location fields), each with a short alias: `retained` for
// `retained_size`, `class` for `class_name`, `edges` for `edge_count`.
// Location fields are absent on nodes V8 recorded no location for; a test
// of an absent field is false whatever the operator.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_QUERY_FIELDS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_QUERY_FIELDS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace heapsleuth::analysis {

enum class QueryField : uint8_t {
  kId,
  kType,
  kName,
  kClassName,
  kSelfSize,
  kRawSelfSize,
  kRetainedSize,
  kDistance,
  kEdgeCount,
  kDominatorId,
  kDetachedness,
  kDetached,
  kTraceNodeId,
  kScriptId,
  kLine,
  kColumn,
};

enum class FieldKind : uint8_t {
  kNumber,    // An integer: == != < <= > >=.
  kSize,      // Bytes: as kNumber, and literals may carry units (1MB, 64KiB).
  kString,    // == != with "text", ~ !~ with /regex/.
  kNodeType,  // The node type: == != with a V8 type name, ~ !~ with /regex/.
  kBool,      // Stands alone: `detached`, `not detached`.
};

struct QueryFieldInfo {
  QueryField field;
  std::string_view name;
  std::string_view alias;  // Empty when there is none.
  FieldKind kind;
  bool sort_descending;  // --sort's default direction: sizes and counts largest first.
  std::string_view description;
};

// All fields, in the order the README and --help list them.
std::span<const QueryFieldInfo> QueryFields();
// By name or alias; nullptr when unknown.
const QueryFieldInfo* FindQueryField(std::string_view name);
const QueryFieldInfo& InfoOf(QueryField field);
// "id, type, name, ...": the canonical names, for error messages.
std::string QueryFieldNames();

// V8's node type names (any snapshot's meta uses a subset of them).
std::span<const std::string_view> KnownNodeTypes();

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_QUERY_FIELDS_H_
