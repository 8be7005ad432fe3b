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
//
// Inference and application are separate steps because DevTools' Comparison
// view names the BASE snapshot's plain objects with the interfaces inferred
// from the NEW one (aggregatesForDiff), so that "{a, b}" means the same class
// on both sides. Interface definitions own their strings: they outlive the
// graph they were inferred from.
#ifndef HEAPSLEUTH_LIB_GRAPH_CLASS_NAMES_H_
#define HEAPSLEUTH_LIB_GRAPH_CLASS_NAMES_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "lib/base/column.h"
#include "lib/graph/graph.h"

namespace heapsleuth::graph {

struct ClassNames {
  std::vector<std::string> names;     // Distinct class names.
  Column<uint32_t> node_class;        // Per node: an index into `names` (column.h).

  const std::string& of(uint32_t node) const { return names[node_class[node]]; }
};

// One inferred interface (DevTools' InterfaceDefinition): a display name such
// as "{x, y}" and the property names in the order of the first object seen.
struct InterfaceDefinition {
  std::string name;
  std::vector<std::string> properties;
};
using InterfaceDefinitions = std::vector<InterfaceDefinition>;

// inferInterfaceDefinitions: the popular property lists of plain objects, most
// common first.
InterfaceDefinitions InferInterfaceDefinitions(const Graph& graph);

// `detachedness` is PropagateDomState's result (detached DOM is renamed).
// Plain objects are named by `interfaces` when given (applyInterfaceDefinitions
// with another snapshot's definitions), else by this graph's own.
ClassNames ComputeClassNames(const Graph& graph, std::span<const uint8_t> detachedness,
                             const InterfaceDefinitions* interfaces = nullptr);

// DevTools' JSHeapSnapshotNode.formatPropertyName: names with , ' " { or }
// are written as JSON strings.
std::string FormatPropertyName(std::string_view name);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_CLASS_NAMES_H_
