// React components in a heap: which component's unmounted instances are
// still in memory, what keeps them, and how much each component type holds.
//
// In: one analysed graph (for a series, each snapshot in turn). Out: a
// ReactHeap (fibers, component types, mounted and unmounted-but-alive
// instances, retained sizes: the memory-per-component view) and, from it,
// one kReactComponent Finding per component with unmounted instances alive.
// On a heap without React everything is empty: `found` is false and no
// finding is made.
//
// Rules, worked out from real snapshots of samples/react-app (React 18.3.1
// and 17.0.2, development and production builds, Chromium 156; see
// samples/README.md, "React samples"):
//   - React is there when some JS object has a fiber's shape: property edges
//     `return`, `child`, `sibling`, `alternate`, `stateNode`, `type`,
//     `elementType`, `memoizedState` and `memoizedProps` (null fields are
//     edges to the null oddball, so an unmounted fiber keeps its shape).
//     Development builds name the constructor `FiberNode`; production builds
//     minify it (`$k` in react-dom 18.3.1, `ik` in 17.0.2), so the shape is
//     the signal and the name is not used. Fiber roots (`FiberRootNode`,
//     minified in production) are the objects with `current` (a fiber) and
//     `containerInfo`.
//   - A component type is a closure that is some fiber's `type` (function
//     and class components; through a memo wrapper's `type` or a
//     forwardRef's `render`, untested: the samples use neither). Its name
//     is the closure's name: the app's names survive a production build
//     unless the app's bundler mangles them.
//   - Mounted instances: fibers of that type in a root's current tree
//     (`current`, then `child` and `sibling`; the stale `alternate` tree can
//     still point at deleted fibers, so it is not walked).
//   - Instances by the closure route: every render of a function component
//     that captures something allocates a function Context whose
//     `scope_info` is the component's ScopeInfo (the SharedFunctionInfo's
//     `name_or_scope_info`, `scope_info` in older V8), so each such Context
//     is one render of that component, and a closure made inside it (an
//     effect's listener, interval callback, subscriber) reaches it through
//     its `context` and the Contexts' `previous` chain. This is exact where
//     source positions are not (the snapshot keeps the SharedFunctionInfo's
//     start_position/end_position as numbers without values).
//   - A render Context is mounted when the hooks of a mounted fiber (or of
//     its alternate) reach it: from the fibers through JS objects, arrays
//     and closures (`memoizedState` → hook → `memoizedState`/`next`/`queue`
//     → effect → `create`/`destroy` → closure → Context chain), never into
//     another fiber, a native object, a prototype or a map, at most
//     kHookDepth steps. Every other render Context is an unmounted instance
//     still alive. React 18 detaches fibers on unmount (return, child,
//     stateNode, memoizedState nulled; `__reactFiber$` keys deleted), so
//     there the closure route is the only one; React 17 leaves the DOM's
//     `__reactFiber$` keys and the deleted subtree's inner links, so its
//     unmounted fibers often stay reachable too (14 PriceChart fibers in
//     react17-dev-leak-s3 vs 2 in react18-dev-leak-s3), but the count still
//     comes from the Contexts, the same in both.
//   - The culprit is found on the shortest retainer path to the unmounted
//     render Context: the last closure on it (the one whose Context chain
//     leads there), or, when the path passes a fiber (React 17 keeps deleted
//     subtrees linked), the last closure before the first fiber, if that one
//     was made in a component's render (a setState captured by another
//     component's listener). A render reached only through fibers from
//     elsewhere (Blink's layout objects still pointing at a just-removed
//     element, seen in react17-prod-clean-s3; React's stale alternates) has
//     no culprit and is not reported as leaked; the memory view still
//     counts it as unmounted and alive. The culprit's kind comes from the
//     path: through Blink's `V8EventListener` / `EventListener` → an event
//     listener; through
//     `DOMTimer` / `ScheduledAction` (or node's `Timeout`) → a timer;
//     otherwise a subscription, named by the path's JS expression
//     (`quoteStore.listeners`).
//   - Memory per component: what its fibers, its render Contexts, and the
//     closures (with their Contexts) whose Context chain leads to one of its
//     render Contexts keep alive together: the instances' state, props,
//     effects and the listeners made in them.
// Limits: a render Context held only from outside React while its
// component is still mounted (a stale closure from an earlier render)
// counts as unmounted; class component instances (stateNode objects) and
// components that capture nothing have no render Context and are only
// counted through fibers.
//
// Cost: one sweep of the nodes and edges, a walk of the current trees and a
// bounded walk from the mounted fibers (three bytes per node: fiber, mounted,
// reached), a short Context chain walk per closure, and one
// retainer path per unmounted render Context.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_REACT_COMPONENTS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_REACT_COMPONENTS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "lib/analysis/leak_finding.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

// Steps from a mounted fiber through its hooks and effects to a closure's Context.
inline constexpr int kHookDepth = 12;

struct ReactComponent {
  std::string name;                 // The component function's name, "(anonymous)" without one.
  uint32_t function = kNoNode;      // Its closure.
  uint64_t fibers = 0;              // Fibers of this type alive (mounted, alternates, detached).
  uint64_t mounted = 0;             // Fibers of this type in a root's current tree.
  uint64_t renders = 0;             // Render Contexts alive (mounted and not).
  std::vector<uint32_t> unmounted;  // Render Contexts no mounted fiber reaches.
  // What the unmounted instances hold: the closures made in those renders, their
  // Contexts and captured values, and the fibers of this type neither mounted
  // nor a mounted fiber's alternate.
  std::vector<uint32_t> unmounted_state;
  uint64_t retained_size = 0;       // Its fibers, render Contexts and the closures made in them, together.
  uint64_t unmounted_retained_size = 0;  // The unmounted render Contexts together.
};

struct ReactHeap {
  bool found = false;  // Some object has a fiber's shape.
  uint64_t fiber_count = 0;
  uint64_t root_count = 0;
  std::vector<ReactComponent> components;  // Largest retained size first, then name.
  std::vector<uint32_t> scope_infos;        // The components' ScopeInfos, sorted.
};

// With an analysis of classes only (graph::AnalyzeClasses, the earlier
// snapshots of a leak series), the retained sizes stay 0.
ReactHeap AnalyzeReact(const graph::Graph& graph, const graph::HeapAnalysis& analysis);

// One kReactComponent finding per component with unmounted render Contexts
// alive and held by a culprit: count = those instances, retained = what they,
// their culprits and unmounted_state keep alive together (members: the same,
// so generic findings on the instances' state are explained by this one), items = the culprits (function, kind,
// how many, what they keep) then the mounted count, path and place of the
// largest culprit. `series`: unmounted instances by component name, one map
// per snapshot, oldest first, the last one this heap's (empty: one snapshot);
// earlier snapshots count every unmounted render alive (no paths are kept for
// them), the last one the finding's count.
std::vector<Finding> FindReactComponentLeaks(const LeakContext& ctx, const ReactHeap& heap,
                                             const std::vector<std::map<std::string, uint64_t>>& series = {});

// Detached DOM that belongs to React, in place in `findings` (a no-op when
// `heap.found` is false):
//   - a Detached DOM finding whose retainer path passes through a member of a
//     React component finding (the culprit closure, through a captured
//     setState → fiber → `stateNode`, or a ref → element, as React 17 leaves
//     them) is that component's: folded into its finding as an item, its
//     members added, the Detached DOM finding removed;
//   - react-dom's own single detached elements, made once per page and never
//     a leak, are removed: the `<react>` element of invokeGuardedCallbackDev
//     (`fakeNode`, development builds) and the `<div>` whose `style` is kept
//     in a module variable to test vendor-prefixed animation event names
//     (getVendorPrefixedEventName; `style` in development, minified in
//     production): a lone detached element held from a Context, directly or
//     through its CSSStyleDeclaration.
void FoldReactDetachedDom(const graph::Graph& graph, const graph::HeapAnalysis& analysis, const ReactHeap& heap,
                          std::vector<Finding>& findings);

// The series part: unmounted instances per component name, per snapshot.
class ReactComponentSeries {
 public:
  void AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis);
  // One map per snapshot added, oldest first: FindReactComponentLeaks' `series`.
  const std::vector<std::map<std::string, uint64_t>>& unmounted() const { return unmounted_; }
  std::vector<Finding> Findings(const LeakContext& last) const;

 private:
  std::vector<std::map<std::string, uint64_t>> unmounted_;  // One map per snapshot added.
};

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_REACT_COMPONENTS_H_
