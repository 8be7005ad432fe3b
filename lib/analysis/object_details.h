// Everything heapsleuth-inspect shows about one node, gathered from the
// graph and DevTools' analyses.
//
// Besides the per-node values (sizes, distance, dominator, detachedness,
// source location): the outgoing edges in file order, the text of strings
// (concatenated strings joined from their parts, as DevTools does), and for
// closures the variables their context holds: the closure's internal
// `context` edge leads to a Context, whose `context`-type edges are the
// captured variables.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_OBJECT_DETAILS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_OBJECT_DETAILS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainers.h"

namespace heapsleuth::analysis {

struct StringText {
  std::string text;                // At most the requested number of code points.
  bool truncated = false;          // The string is longer than `text`.
  std::optional<uint64_t> length;  // In UTF-16 units (JS length), when known: not for cut concatenations.
};

struct ObjectDetails {
  uint32_t node = 0;
  uint32_t retainer_count = 0;              // All incoming edges, weak ones too.
  std::vector<uint32_t> edges;              // Outgoing edges, file order, at most the requested number.
  uint32_t edge_count = 0;                  // All outgoing edges.
  std::optional<StringText> string;         // For string, concatenated string and sliced string nodes.
  std::optional<uint32_t> context;          // For closures: the Context their `context` edge leads to.
  std::vector<uint32_t> context_variables;  // That Context's `context`-type edges, file order.
};

// `max_edges` 0 lists every edge; `max_string` is in code points.
ObjectDetails DescribeObject(const graph::Graph& graph, const graph::Retainers& retainers, uint32_t node,
                             size_t max_edges, size_t max_string);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_OBJECT_DETAILS_H_
