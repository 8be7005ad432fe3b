// The shape of a retainer path: what two paths must share to be "the same
// way of keeping an object alive", for grouping many objects under one path.
//
// Two paths have the same shape when they pass the same kinds of edges with
// the same names into objects of the same DevTools classes. Indices (element
// and hidden edges, and names that are numbers, like a Map table's slots) and
// "@123" ids inside edge names do not count, so 600 records in one array share
// one shape. Used by instance_paths.h (a class's instances) and leak_clusters.h
// (memlab's clusters of leaked objects).
//
// In: a path of graph `graph` and that graph's class names. Out: a byte string
// (length-prefixed fields, so no name can fake a separator). Cost: linear in
// the path's length and names.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_PATH_SHAPE_H_
#define HEAPSLEUTH_LIB_ANALYSIS_PATH_SHAPE_H_

#include <optional>
#include <string>
#include <string_view>

#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"

namespace heapsleuth::analysis {

// An edge name without the numbers that differ between instances: a name
// that is a number (V8 names a Map's or a context's slots "231"), a leading
// "12 / " (root and WeakMap entries), and ids after '@' all become '#'.
std::string ShapeName(std::string_view name);

// The shape key of `path`; one fixed key for "no path" (unreachable).
std::string PathShapeKey(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                         const std::optional<graph::RetainerPath>& path);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_PATH_SHAPE_H_
