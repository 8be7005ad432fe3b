// Detached DOM: DOM subtrees removed from the document but kept alive from
// JS, grouped by shape, each with the JS holder that keeps it: the culprit.
//
// In: the analysed snapshot (LeakContext). Out: one Finding (kDetachedDom)
// per group of equal-shaped detached subtrees held the same way: count =
// subtrees, retained_size = what they keep alive together
// (CombinedRetainedSize of their roots), path = the shortest retainer path
// of one subtree root, items = the subtree's members by name with counts and
// self sizes, place = the holder's constructor when V8 located it.
//
// Rules worked out from real Chromium 156 snapshots (samples/chromium-leak-*,
// chromium-detached-dom, the chromium corpus):
// - Blink merges an element and its JS wrapper into one `native` node named
//   by tag and attributes: `<div class="leaky-panel" id="leaky-panel-3">`,
//   `<span>`, `<button class="leaky-button">`; text nodes are `Text`. No
//   name starts with "Detached " (DevTools adds that). Blink writes
//   detachedness 2 only on nodes JS touched (the div, its spans, the
//   button); the `Text` children have 0 and become detached only by
//   DevTools' propagation (HeapAnalysis::detachedness), which we use.
// - Propagation also marks Blink's internals of a detached element detached
//   (`blink::UniqueElementData`, `blink::EventTargetData`, `EventListener`,
//   `V8EventListener`, even a `blink::SpaceSplitString::Data` shared by all
//   elements of one class). So a subtree is built from DOM nodes only:
//   names starting with '<' (elements) or Blink's node classes (`Text`,
//   `Comment`, `DocumentFragment`, `ShadowRoot`, ...). Linking through the
//   internals would merge unrelated subtrees into one.
// - Older Blink wrote separate JS wrappers and named native nodes by class
//   ("HTMLDivElement", DevTools showing "Detached HTMLDivElement"); such
//   names (HTML...Element, SVG...Element) count as elements too, though no
//   snapshot of that age was at hand to check it against.
// - Node.js marks some of its own embedder objects detached too
//   (`Node / BindingData` ×7, `Node / BlobBindingData` in every node 20
//   snapshot here). They are not DOM; the name rule leaves them out.
// - Parent, child and sibling links are native element edges in both
//   directions (`<span>` -element:5-> its `<div>`), so a subtree is a
//   connected component of detached DOM nodes over non-weak edges, and its
//   root (the node to report and to free) is the member that retains the
//   most (it dominates the others), ties to the nearer one.
// - The JS holder is the last node before the subtree on the root's
//   shortest retainer path: `DetachedHolder` --el--> `<div ...>`; the
//   collection is the nearest named edge above it: `Window` --__detached-->
//   Array. A retainer path finder already prefers JS routes over hops
//   between attached and detached DOM (memlab's isLessPreferableEdge).
// - A subtree the preferred path enters from Blink's layout tree (`<main>` →
//   `blink::LayoutBlockFlow` → the removed `<p class="live-ticker">`) is not
//   reported: the element was removed since the last layout and is let go at
//   the next frame; the path finder prefers any JS route, so none exists.
//   Seen in React 17 clean-twin snapshots taken right after an unmount
//   (samples/README.md, React samples), never in the leak samples.
// - Ids in names differ per element (`id="leaky-panel-3"`): folded to
//   `id="*"` for grouping.
//
// Cost: O(nodes + edges): one pass to mark DOM nodes, one component walk
// over forward and reverse edges (4 bytes per node), one path per subtree
// root (memoized by the finder), and a hash map keyed by shape.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_DETACHED_DOM_H_
#define HEAPSLEUTH_LIB_ANALYSIS_DETACHED_DOM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/analysis/leak_finding.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

struct DetachedDomOptions {
  // Groups keeping less than this alive are not reported. 0 by default: any
  // DOM kept alive after it left the document is a leak by DevTools' and
  // memlab's definition, and the controls have no detached DOM at all
  // (chromium-clean, chromium-control-s1..s3, corpus control-clean: 0 nodes
  // with detachedness 2 after propagation), so no floor is needed to keep
  // them quiet. The smallest real finding measured: 2 detached buttons,
  // 206,024 bytes with their listeners (chromium-leak-s2); the smallest per
  // subtree: 1,320 bytes per panel (a div, 6 spans, 6 Texts).
  uint64_t min_retained_size = 0;
  // Member names listed per finding (the most frequent first).
  size_t max_items = 8;
};

std::vector<Finding> FindDetachedDom(const LeakContext& ctx, const DetachedDomOptions& options = {});

// Building blocks shared with detached_listeners.h.

// `name` without DevTools' "Detached " prefix (old snapshots carry it).
std::string_view StripDetachedPrefix(std::string_view name);
// Whether a native node so named is a DOM node: an element (`<tag ...>`) or
// one of Blink's other node classes (`Text`, `Comment`, ...).
bool IsDomNodeName(std::string_view name);
// Whether a native node so named is a DOM element.
bool IsDomElementName(std::string_view name);
// A detached (after propagation) native DOM node.
bool IsDetachedDomNode(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node);
// The name for grouping and display: the prefix stripped, ` id="..."` → ` id="*"`.
std::string NormalizeDomName(std::string_view name);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_DETACHED_DOM_H_
