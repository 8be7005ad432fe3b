// A node's name as DevTools shows it (JSHeapSnapshotNode.name()).
//
// The raw name from the file, except:
//   - concatenated strings: the text of their parts, joined (DevTools stops
//     adding parts once it has 1024 UTF-16 units);
//   - plain objects (type object, named "Object"): their property names,
//     "{a, b, …, y, z}", at most about 100 characters;
//   - detached DOM (native nodes DevTools renames): "Detached " + name.
// The Retainers view sorts retainers of equal distance by this name, and the
// reports print it.
#ifndef HEAPSLEUTH_LIB_GRAPH_NODE_NAMES_H_
#define HEAPSLEUTH_LIB_GRAPH_NODE_NAMES_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "lib/graph/graph.h"

namespace heapsleuth::graph {

// `detachedness` is PropagateDomState's result.
std::string DevToolsNodeName(const Graph& graph, std::span<const uint8_t> detachedness, uint32_t node);

// The text of a concatenated string, walking its `first`/`second` parts as
// DevTools does, until at least `min_utf16_units` units are collected (then
// the text may be cut). Other nodes: their name.
std::string ConsStringText(const Graph& graph, uint32_t node, size_t min_utf16_units);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_NODE_NAMES_H_
