// DevTools' notions of user roots and page-owned objects.
//
// User roots (JSHeapSnapshot.isUserRoot): the root's children that are not
// synthetic (in a browser, the Window objects reached by the root's shortcut
// edges), plus the synthetic "(Document DOM trees)" node. Distances start
// there, and shallow-size reattribution only happens when there are any.
//
// Page-owned objects (markPageOwnedNodes): everything reachable without weak
// edges from the root's shortcut edges and its element edges to
// "(Document DOM trees)". The dominator tree ignores edges from non-page
// objects to page objects, so that e.g. the debugger's references do not
// change the dominators of the page's objects.
#ifndef HEAPSLEUTH_LIB_GRAPH_ROOTS_H_
#define HEAPSLEUTH_LIB_GRAPH_ROOTS_H_

#include <cstdint>
#include <vector>

#include "lib/graph/graph.h"

namespace heapsleuth::graph {

bool IsDocumentDomTreesRoot(const Graph& graph, uint32_t node);
bool IsUserRoot(const Graph& graph, uint32_t node);
bool HasUserRoots(const Graph& graph);

// One byte per node: 1 when page-owned.
std::vector<uint8_t> MarkPageOwnedNodes(const Graph& graph);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_ROOTS_H_
