// memlab's three-snapshot method: the objects a user action allocated and
// never released.
//
// In (memlab's MemoryAnalyst.diffSnapshots, @memlab/core 2.0.5,
// lib/HeapAnalyzer.js): snapshots in time order. BASELINE's V8 object ids
// (every snapshot given before the target, as memlab unions them); TARGET's
// ids that BASELINE lacks are the target-allocated set; each later snapshot
// (memlab reads only the FINAL one; we require presence in every one, which is
// the same for three snapshots) keeps only the ids it still has. The result is
// memlab's leaked set, as node ordinals of the FINAL snapshot ("before
// filters"). V8 object ids are stable across snapshots of one process.
//
// Out: `Candidates` also judges each node with memlab's leak filter
// (LeakObjectFilter, lib/leak-filters/) as `memlab find-leaks
// --trace-all-objects` configures it, which is what makes memlab report
// non-DOM objects at all, plus a few filters of our own:
//   memlab's rules, in its order, first rule to decide wins:
//   - FilterTrivialNodeRule (utils.isTrivialNode): `number`, `string`,
//     `concatenated string`, `sliced string` and `hidden` nodes are not leaks;
//   - FilterOverSizedNodeAsLeakRule with oversizeThreshold 0: a node is a leak
//     iff its retained size is > 0. memlab's retained sizes skip DevTools'
//     shallow-size reattribution, ours do not (REFERENCE.md): an internal array
//     owned by one object has retained size 0 here and > 0 in memlab.
//   (FilterUserTaggedLeaksRule, memlab's tagging API, is not reproduced: no
//   snapshot we read uses it. The detached-DOM/fiber/XHR/stack-frame rules
//   only say "leak" for nodes the oversize rule has already decided.)
//   Ours, each reason named so the differential test can explain it:
//   - strings of at least kLargeStringSize are kept (the issue: "strings
//     unless large"); 100,000 bytes is memlab's own line for a "non-trivial
//     self size" (TraceBucket.samplePaths force-samples such objects);
//   - `code` and `object shape` nodes, and objects named "system / ..." (V8
//     internals: compiled code, feedback vectors, maps, contexts, allocation
//     sites): on the corpus control node/control-transient they are the whole
//     residue, about 55 nodes and 5.4 KB of JIT state of the functions that ran
//     (its EXPECTED.md); memlab's isDebuggableNode hides them too;
//   - `synthetic` nodes and `native` nodes that are not detached (Blink's
//     attached DOM and internals; memlab's isDebuggableNode hides natives
//     unless detached);
//   - nodes that DevTools' distances do not reach (no retainer path: memlab
//     drops them when getPathToGCRoots finds none).
//
// Invariants: ids are kept as sorted, unique vector<uint32_t> (4 bytes per
// id); the snapshots themselves may be freed after each Add call. A final
// snapshot listing an id twice (V8 never does) yields its first node only, as
// memlab's id set would.
// Cost: O(n log n) per added snapshot of n nodes (one sort), O(n log k) for
// the candidates of the final one (k = target-allocated ids).
#ifndef HEAPSLEUTH_LIB_ANALYSIS_LEAK_CANDIDATES_H_
#define HEAPSLEUTH_LIB_ANALYSIS_LEAK_CANDIDATES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

// Why a node is, or is not, a candidate.
enum class CandidateVerdict : uint8_t {
  kKept,
  // memlab's rules.
  kNumber,            // FilterTrivialNodeRule
  kString,            // FilterTrivialNodeRule (a string below kLargeStringSize)
  kHidden,            // FilterTrivialNodeRule
  kNoRetainedSize,    // FilterOverSizedNodeAsLeakRule, with DevTools' retained size
  // Ours.
  kCode,              // `code` node
  kObjectShape,       // `object shape` node (V8 maps and descriptor arrays)
  kSystemInternal,    // named "system / ..."
  kSynthetic,         // `synthetic` node
  kNativeNotDetached, // `native` node whose propagated detachedness is not 2
  kUnreachable,       // no path from the roots (DevTools distance -5)
};

// "kept", "number", "string", ..., as the differential test prints them.
std::string_view CandidateVerdictName(CandidateVerdict verdict);

// True for the verdicts of memlab's own rules (see above).
bool IsMemlabVerdict(CandidateVerdict verdict);

struct CandidateOptions {
  // Strings at least this big (DevTools' self size) stay candidates; see the
  // file comment for the figure.
  uint64_t large_string_size = 100'000;
};

// memlab's verdict, then ours, for one node of an analysed snapshot (a node
// outside the graph is kUnreachable).
CandidateVerdict JudgeCandidate(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node,
                                const CandidateOptions& options = {});

class LeakCandidates {
 public:
  // A snapshot taken before the action (more than one: their ids are united).
  // Not allowed after AddTarget.
  absl::Status AddBaseline(const graph::Graph& graph);
  // The snapshot taken after the action; exactly once, after a baseline.
  absl::Status AddTarget(const graph::Graph& graph);
  // A snapshot after the target (the final one may be given here too, or
  // only to Unfiltered/Candidates): keeps only the ids it still has.
  absl::Status AddLater(const graph::Graph& graph);

  bool has_target() const { return has_target_; }
  // Target-allocated ids still alive so far, sorted.
  const std::vector<uint32_t>& ids() const { return ids_; }

  // memlab's leaked set before its filters: the nodes of `final_graph` (the
  // last snapshot) whose id is target-allocated and alive, in node order.
  absl::StatusOr<std::vector<uint32_t>> Unfiltered(const graph::Graph& final_graph) const;
  // The same, after the filters: only the nodes judged kKept.
  absl::StatusOr<std::vector<uint32_t>> Candidates(const graph::Graph& final_graph,
                                                   const graph::HeapAnalysis& final_analysis,
                                                   const CandidateOptions& options = {}) const;

 private:
  std::vector<uint32_t> ids_;  // Baseline ids, then target-allocated ones.
  bool has_baseline_ = false;
  bool has_target_ = false;
};

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_LEAK_CANDIDATES_H_
