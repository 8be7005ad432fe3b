#include "lib/analysis/leak_finding.h"

#include <algorithm>
#include <tuple>

namespace heapsleuth::analysis {

std::string_view FindingKindName(FindingKind kind) {
  switch (kind) {
    case FindingKind::kLeakedObjects: return "leaked-objects";
    case FindingKind::kDetachedDom: return "detached-dom";
    case FindingKind::kReactComponent: return "react-component";
    case FindingKind::kDetachedListener: return "detached-listener";
    case FindingKind::kUnboundedCollection: return "unbounded-collection";
    case FindingKind::kClosureCapture: return "closure-capture";
    case FindingKind::kListenerAccumulation: return "listener-accumulation";
    case FindingKind::kTimerAccumulation: return "timer-accumulation";
    case FindingKind::kDuplicatedStrings: return "duplicated-strings";
    case FindingKind::kOversizedObject: return "oversized-object";
  }
  return "unknown";
}

uint64_t CombinedRetainedSize(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                              const std::vector<uint32_t>& nodes) {
  // Per node: unknown, in the set, dominated by a set member, or not.
  enum : uint8_t { kUnknown, kMember, kCountedMember, kCovered, kFree };
  std::vector<uint8_t> state(graph.node_count(), kUnknown);
  for (uint32_t node : nodes) state[node] = kMember;
  const auto& dominator = analysis.dominators.dominator;
  const uint32_t root = graph.root();
  if (state[root] != kUnknown) return analysis.dominators.retained_size[root];  // It dominates all.
  std::vector<uint32_t> chain;
  uint64_t total = 0;
  for (uint32_t node : nodes) {
    if (state[node] != kMember) continue;  // Listed twice: counted once.
    state[node] = kCountedMember;
    // Walk up until a node whose answer is known; everything passed gets it.
    chain.clear();
    uint32_t up = dominator[node];
    while (state[up] == kUnknown && up != root) {
      chain.push_back(up);
      up = dominator[up];
    }
    const bool covered = state[up] == kMember || state[up] == kCountedMember || state[up] == kCovered;
    for (uint32_t passed : chain) state[passed] = covered ? kCovered : kFree;
    if (!covered) total += analysis.dominators.retained_size[node];
  }
  return total;
}

bool IsLeakAtOrAbove(const Finding& finding, uint64_t min_retained) {
  return finding.priority == FindingPriority::kHigh && finding.retained_size >= min_retained;
}

void RankFindings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tuple(a.priority, b.retained_size, a.kind, a.subject, a.representative) <
           std::tuple(b.priority, a.retained_size, b.kind, b.subject, b.representative);
  });
}

}  // namespace heapsleuth::analysis
