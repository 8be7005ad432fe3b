// How the exploration reports name nodes, edges and paths, in text and JSON.
//
// Node labels are what DevTools' "Object" column shows: the node's name
// (DevToolsNodeName), quoted for strings ("text"), /text/ for regexps,
// name() for closures, name[] or "(internal array)[]" for arrays. Edge labels
// are the reference names DevTools shows: property and variable names as
// they are, "[3]" for elements, the index for hidden edges, "(empty)" for an
// empty name. A path reads from the GC roots outward, edge then node:
//
//   global → leakyRecords :: Array → [12] :: LeakyRecord @82793
//
// (the root itself is left out: every path starts there; "::" is DevTools'
// containment separator). Labels may hold any bytes from the heap: text
// output passes them through Printable(), JSON through the writer.
#ifndef HEAPSLEUTH_LIB_REPORT_HEAP_LABELS_H_
#define HEAPSLEUTH_LIB_REPORT_HEAP_LABELS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"
#include "lib/report/json_writer.h"

namespace heapsleuth::report {

// Longest label, in code points, before it is cut with "…": in JSON, and in
// text (table columns and paths).
inline constexpr size_t kLabelChars = 100;
inline constexpr size_t kTableLabelChars = 60;

// `text` cut to `max_chars` code points, with "…" when cut.
std::string CutText(std::string_view text, size_t max_chars);

std::string NodeLabel(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node,
                      size_t max_chars = kLabelChars);
std::string EdgeLabel(const graph::Graph& graph, uint32_t edge);

// "global → leakyRecords :: Array → … :: LeakyRecord @82793", for text (printable).
std::string PathText(const graph::Graph& graph, const graph::HeapAnalysis& analysis, const graph::RetainerPath& path);

// "3", or "-" for what only system roots reach or nothing reaches (as DevTools).
std::string DistanceText(int32_t distance);

// "unknown", "attached" or "detached".
std::string_view DetachednessName(uint8_t detachedness);

// JSON: {"id", "type", "class_name", "label", "self_size", "retained_size", "distance"}.
void WriteNodeSummary(JsonWriter& json, const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node);
// JSON: {"type", "name"} for named edges, {"type", "index"} for element and hidden ones.
void WriteEdge(JsonWriter& json, const graph::Graph& graph, uint32_t edge);
// JSON: {"length", "steps": [{"edge", "node"}, ...]}.
void WritePath(JsonWriter& json, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
               const graph::RetainerPath& path);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_HEAP_LABELS_H_
