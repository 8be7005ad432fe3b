// Small pieces the leak detectors share: naming an object by the retainer
// path that keeps it alive ("global.leakyRecords"), the variables a closure
// captures and what they hold, the classes a set of objects falls into, and
// single edge look-ups by name.
//
// In: one analysed graph (the last snapshot of a series). Out: strings and
// FindingItems for Finding. Nothing here allocates per node; each call costs
// the edges it looks at (a context chain, a path, a list of nodes).
//
// Rules worked out from node 20 and Chromium 156 snapshots (samples/):
//   - A closure's captured variables are the `context` edges of the Context
//     its internal `context` edge points at, and of the Contexts before it
//     (internal `previous`). When V8 has no name for a slot (functions of ES
//     module scripts, corpus node/event-listeners: `ctx` of onTick), the
//     value hangs on a numbered `hidden` edge instead: listed as
//     "(context slot 0)". Variables holding only small integers have no
//     edge (V8 skips Smis), so what is listed is what can hold memory.
//   - A captured value's memory belongs to the capture when the value's
//     immediate dominator is the Context that names it: nothing else keeps
//     it alive (`bigArray` of onTick: dominator = its Context, retained
//     800,048 bytes). Outer Contexts count only while each is dominated by
//     the one before it, i.e. private to this closure's chain; a module's or
//     script's Context, shared by all its functions, is not.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_FINDING_SUPPORT_H_
#define HEAPSLEUTH_LIB_ANALYSIS_FINDING_SUPPORT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/analysis/leak_finding.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"

namespace heapsleuth::analysis {

// The target of `node`'s first edge with string name `name`, or kNoNode.
uint32_t FollowNamedEdge(const graph::Graph& graph, uint32_t node, std::string_view name);

// A JavaScript-like expression for the end of `path`: property steps as
// ".name" (or ["na me"]), elements as "[3]", captured variables as
// "fn→name" (the closure's name, then the variable), storage hops
// (`elements`, `table`, `properties`, `context`, numbered slots) skipped.
// It starts at the global object ("global", "Window") when the path passes
// one, else at the last object of a system root; at most `max_steps`
// names. Empty when the path has no nameable step.
std::string PathExpression(const graph::Graph& graph, const graph::RetainerPath& path, size_t max_steps = 6);

// The variables `closure` captures (its Context chain, see above) that hold
// memory privately: one item per variable, label = the variable's name,
// node = its value, size = the value's retained size, count = 1. Largest
// first. `min_size` drops the small ones.
std::vector<FindingItem> CapturedVariables(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                           uint32_t closure, uint64_t min_size = 0);

// The DevTools classes of `nodes`, most frequent first, at most `limit`:
// label = class name, count = how many, size = their summed retained size
// (an overestimate when they dominate each other; a label, not a total).
std::vector<FindingItem> TopClasses(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                    const std::vector<uint32_t>& nodes, size_t limit = 3);

// "closure name" or "(anonymous)" for a closure; for a SharedFunctionInfo the
// same. Other nodes: their class name.
std::string FunctionName(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_FINDING_SUPPORT_H_
