// Where in the program to look: a node's source place as "script:line:column".
//
// V8 records a location (script id, 0-based line and column) for closures
// (their function's start) and for objects (their constructor's start); see
// Graph::location. The snapshot has no table of script names, but each
// script is a node of its own, named by its URL or path, that a closure's
// SharedFunctionInfo points at (`shared` → `script_or_debug_info`, named
// `script` by older V8). ScriptNames collects those once per snapshot, so a
// script id can be named for any located node, not only closures.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_SOURCE_PLACE_H_
#define HEAPSLEUTH_LIB_ANALYSIS_SOURCE_PLACE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lib/graph/graph.h"

namespace heapsleuth::analysis {

// Script id → script name (URL or path), for every script some located
// closure belongs to. Costs a few edge steps per located closure.
class ScriptNames {
 public:
  static ScriptNames Collect(const graph::Graph& graph);
  // Empty when the script is unknown or unnamed (eval, some internals).
  std::string_view Name(uint32_t script_id) const;

 private:
  std::unordered_map<uint32_t, std::string_view> names_;
};

struct SourcePlace {
  std::string script;  // Empty when unknown; then the id says which one.
  uint32_t script_id = 0;
  uint32_t line = 0;    // 1-based, as editors count.
  uint32_t column = 0;  // 1-based.
  std::string function;  // The closure's or constructor's name, when it has one.

  // "leak.cjs:23:26" or, without a name, "script 81:23:26".
  std::string ToString() const;
};

// The place V8 recorded for `node`; nullopt when it has none.
std::optional<SourcePlace> FindSourcePlace(const graph::Graph& graph, const ScriptNames& scripts, uint32_t node);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_SOURCE_PLACE_H_
