// Detachedness of every node, propagated as DevTools' propagateDOMState does.
//
// The embedder (Blink) marks DOM wrappers attached (1) or detached (2). That
// state spreads to native nodes only (never through JS), along edges that are
// not hidden, invisible or weak: first from every attached node, then from
// every detached one, and attached wins. DevTools then shows a detached
// native node as "Detached <name>"; IsRenamedDetached() tells which nodes that
// applies to. Old snapshots without the detachedness field instead treat
// native nodes named "Detached ..." as detached, with no propagation.
// Cost: one byte per node plus two work stacks.
#ifndef HEAPSLEUTH_LIB_GRAPH_DOM_STATE_H_
#define HEAPSLEUTH_LIB_GRAPH_DOM_STATE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "lib/graph/graph.h"

namespace heapsleuth::graph {

inline constexpr uint8_t kDetachednessUnknown = 0;
inline constexpr uint8_t kAttached = 1;
inline constexpr uint8_t kDetached = 2;

std::vector<uint8_t> PropagateDomState(const Graph& graph);

// Whether DevTools renamed `node` to "Detached " + its name.
inline bool IsRenamedDetached(const Graph& graph, std::span<const uint8_t> detachedness,
                              uint32_t node) {
  return graph.has_detachedness() && detachedness[node] == kDetached &&
         graph.node_type(node) == graph.node_types().native;
}

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_DOM_STATE_H_
