#include "lib/graph/node_names.h"

#include <algorithm>

#include "lib/base/js_string.h"
#include "lib/base/str_cat.h"
#include "lib/graph/class_names.h"
#include "lib/graph/dom_state.h"

namespace heapsleuth::graph {
namespace {

// JSHeapSnapshotNode.#plainObjectName: property names taken alternately from
// the front and the back of the edge list, while the result stays short.
std::string PlainObjectName(const Graph& graph, uint32_t node) {
  const uint8_t property = graph.edge_types().property;
  std::string start = "{", end = "}";
  size_t start_units = 1, end_units = 1;  // UTF-16 lengths, as DevTools measures.
  int64_t from_start = graph.first_edge(node);
  int64_t from_end = static_cast<int64_t>(graph.first_edge(node + 1)) - 1;
  bool next_from_end = false;
  while (from_start <= from_end) {
    const uint32_t edge = static_cast<uint32_t>(next_from_end ? from_end : from_start);
    if (graph.edge_type(edge) != property || graph.edge_name(edge) == "__proto__") {
      if (next_from_end) {
        --from_end;
      } else {
        ++from_start;
      }
      continue;
    }
    const std::string formatted = FormatPropertyName(graph.edge_name(edge));
    const size_t formatted_units = Utf16Length(formatted);
    if (start_units > 1 && start_units + end_units + formatted_units > 100) break;
    if (next_from_end) {
      --from_end;
      if (end_units > 1) {
        end = ", " + end;
        end_units += 2;
      }
      end = formatted + end;
      end_units += formatted_units;
    } else {
      ++from_start;
      if (start_units > 1) {
        start += ", ";
        start_units += 2;
      }
      start += formatted;
      start_units += formatted_units;
    }
    next_from_end = !next_from_end;
  }
  if (from_start <= from_end) start += ", \u2026";
  if (end_units > 1) start += ", ";
  return start + end;
}

}  // namespace

std::string ConsStringText(const Graph& graph, uint32_t node, size_t min_utf16_units) {
  const uint8_t cons = graph.node_types().concatenated_string;
  const uint8_t internal = graph.edge_types().internal;
  std::string text;
  size_t units = 0;
  std::vector<uint32_t> stack = {node};
  // DevTools' loop has no other bound; a cycle of empty parts (which V8 never
  // writes) would spin forever, so cap the number of parts visited. A real
  // string needs at most its depth (< node count) plus two per unit of text;
  // the cap keeps a small corrupt graph from costing millions of steps.
  size_t budget = std::min<size_t>(size_t{1} << 22, 2 * size_t{graph.node_count()} + 2 * min_utf16_units + 16);
  while (!stack.empty() && units < min_utf16_units && budget-- > 0) {
    const uint32_t current = stack.back();
    stack.pop_back();
    if (graph.node_type(current) != cons) {
      text += graph.node_name(current);
      units += Utf16Length(graph.node_name(current));
      continue;
    }
    // A missing part is node 0, as in DevTools (whose index 0 is the root).
    uint32_t first = 0, second = 0;
    bool have_first = false, have_second = false;
    for (uint32_t edge = graph.first_edge(current);
         edge < graph.first_edge(current + 1) && !(have_first && have_second); ++edge) {
      if (graph.edge_type(edge) != internal) continue;
      const std::string_view name = graph.edge_name(edge);
      if (name == "first") {
        first = graph.edge_to_node(edge);
        have_first = first != 0;
      } else if (name == "second") {
        second = graph.edge_to_node(edge);
        have_second = second != 0;
      }
    }
    stack.push_back(second);
    stack.push_back(first);
  }
  return text;
}

std::string DevToolsNodeName(const Graph& graph, std::span<const uint8_t> detachedness, uint32_t node) {
  const NodeTypes& nt = graph.node_types();
  const uint8_t type = graph.node_type(node);
  if (type == nt.concatenated_string) return ConsStringText(graph, node, 1024);
  if (type == nt.object && graph.node_name(node) == "Object") return PlainObjectName(graph, node);
  if (IsRenamedDetached(graph, detachedness, node)) return StrCat("Detached ", graph.node_name(node));
  return std::string(graph.node_name(node));
}

}  // namespace heapsleuth::graph
