// DevTools' class name for every node (calculateObjectNames, then
// inferInterfaceDefinitions/applyInterfaceDefinitions).
//
//   hidden -> "(system)"     code -> "(compiled code)"    closure -> "Function"
//   regexp -> "RegExp"       object/native -> the node name, where names like
//   '<div id="a">' become '<div>' and detached DOM 'Detached <div>'
//   other types -> "(<type>)", e.g. "(string)", "(array)", "(number)"
//
// Plain objects (type object, named "Object") are then named by shape:
// property lists shared by at least max(2, plain objects / 1000) objects
// become interfaces such as "{x, y}", and each plain object takes the
// interface with the most properties that it has all of (ties: the more
// common interface). Property order and comparisons follow JS (UTF-16).
// Output: a small table of distinct names and one index into it per node.
#ifndef HEAPSLEUTH_LIB_GRAPH_CLASS_NAMES_H_
#define HEAPSLEUTH_LIB_GRAPH_CLASS_NAMES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "lib/graph/graph.h"

namespace heapsleuth::graph {

struct ClassNames {
  std::vector<std::string> names;     // Distinct class names.
  std::vector<uint32_t> node_class;   // Per node: an index into `names`.

  const std::string& of(uint32_t node) const { return names[node_class[node]]; }
};

// `detachedness` is PropagateDomState's result (detached DOM is renamed).
ClassNames ComputeClassNames(const Graph& graph, const std::vector<uint8_t>& detachedness);

// DevTools' JSHeapSnapshotNode.formatPropertyName: names with , ' " { or }
// are written as JSON strings.
std::string FormatPropertyName(std::string_view name);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_CLASS_NAMES_H_
