// When two detectors describe the same leak, keep the one that says more.
//
// The detectors look at a heap from different sides, so one leak often
// shows up several times: 8 onTick closures piling up on an EventEmitter are
// also memlab's "leaked objects" (new since the target snapshot), their
// listener array is an unbounded collection, and each closure captures a big
// array. A generic finding (leaked objects, unbounded collection, closure
// capture, oversized object) is dropped when a more specific one explains
// most of its members (Finding::members): a member is explained by a finding when it is one of
// that finding's members, lies under one in the dominator tree, or holds one
// under itself (through the nearest members on its dominator chain).
//
// Specificity, most first: React component (it names the component, the
// culprit and the instances, react_components.h), detached listener, detached DOM, listener
// accumulation, timer accumulation, closure capture, unbounded collection,
// leaked objects, oversized object. Only high-priority findings explain
// others. Detached DOM and detached listener findings are never dropped (an
// element held from JS and the listener it carries are two culprits), nor
// are duplicated strings (copies, not a holder).
//
// Cost: 8 bytes per node for one pass down the dominator tree, plus a walk
// of at most kMaxChain member ancestors per member.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_FINDING_OVERLAP_H_
#define HEAPSLEUTH_LIB_ANALYSIS_FINDING_OVERLAP_H_

#include <vector>

#include "lib/analysis/leak_finding.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

void DropExplainedFindings(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                           std::vector<Finding>& findings);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_FINDING_OVERLAP_H_
