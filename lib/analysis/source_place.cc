#include "lib/analysis/source_place.h"

#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

// The target of `node`'s first edge named `name`, or UINT32_MAX.
uint32_t FollowEdge(const graph::Graph& graph, uint32_t node, std::string_view name) {
  for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
    if (graph.edge_has_string_name(edge) && graph.edge_name(edge) == name) return graph.edge_to_node(edge);
  }
  return UINT32_MAX;
}

}  // namespace

ScriptNames ScriptNames::Collect(const graph::Graph& graph) {
  ScriptNames scripts;
  const uint8_t closure = graph.node_types().closure;
  for (const snapshot::Location& location : graph.locations()) {
    if (graph.node_type(location.node) != closure || scripts.names_.contains(location.script_id)) continue;
    const uint32_t shared = FollowEdge(graph, location.node, "shared");
    if (shared == UINT32_MAX) continue;
    uint32_t script = FollowEdge(graph, shared, "script_or_debug_info");
    if (script == UINT32_MAX) script = FollowEdge(graph, shared, "script");
    // A function with debug info points at a DebugInfo, not at its script.
    if (script == UINT32_MAX || graph.node_type(script) != graph.node_types().code) continue;
    const std::string_view name = graph.node_name(script);
    if (name.empty() || name.starts_with("system / ")) continue;
    scripts.names_.emplace(location.script_id, name);
  }
  return scripts;
}

std::string_view ScriptNames::Name(uint32_t script_id) const {
  auto it = names_.find(script_id);
  return it == names_.end() ? std::string_view() : it->second;
}

std::string SourcePlace::ToString() const {
  return StrCat(script.empty() ? StrCat("script ", script_id) : script, ":", line, ":", column);
}

std::optional<SourcePlace> FindSourcePlace(const graph::Graph& graph, const ScriptNames& scripts, uint32_t node) {
  const std::optional<snapshot::Location> location = graph.location(node);
  if (!location) return std::nullopt;
  SourcePlace place;
  place.script = std::string(scripts.Name(location->script_id));
  place.script_id = location->script_id;
  place.line = location->line + 1;
  place.column = location->column + 1;
  place.function = std::string(graph.node_name(node));
  return place;
}

}  // namespace heapsleuth::analysis
