#include "lib/analysis/finding_overlap.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace heapsleuth::analysis {
namespace {

// Member ancestors looked at per member: enough for any real nesting of
// findings, and a bound on a linked list of leak roots.
constexpr int kMaxChain = 64;

// Lower is more specific.
int Specificity(FindingKind kind) {
  switch (kind) {
    case FindingKind::kReactComponent: return 0;
    case FindingKind::kDetachedListener: return 1;
    case FindingKind::kDetachedDom: return 2;
    case FindingKind::kListenerAccumulation: return 3;
    case FindingKind::kTimerAccumulation: return 4;
    case FindingKind::kClosureCapture: return 5;
    case FindingKind::kUnboundedCollection: return 6;
    case FindingKind::kLeakedObjects: return 7;
    case FindingKind::kDuplicatedStrings:
    case FindingKind::kOversizedObject: return 8;
  }
  return 8;
}

bool MayBeDropped(const Finding& finding) {
  switch (finding.kind) {
    case FindingKind::kClosureCapture:
    case FindingKind::kUnboundedCollection:
    case FindingKind::kLeakedObjects:
    case FindingKind::kOversizedObject:
      return true;
    default:
      return false;
  }
}

}  // namespace

void DropExplainedFindings(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                           std::vector<Finding>& findings) {
  // Which findings each member node belongs to.
  std::unordered_map<uint32_t, std::vector<uint32_t>> owners;
  for (uint32_t i = 0; i < findings.size(); ++i) {
    for (uint32_t node : findings[i].members) owners[node].push_back(i);
  }
  if (owners.empty()) return;

  // up[n]: the nearest strict dominator of n that is a member of some
  // finding, or kNoNode. Dominators come first in dfs_order.
  const auto& dominator = analysis.dominators.dominator;
  std::vector<uint32_t> up(graph.node_count(), kNoNode);
  for (uint32_t node : analysis.dominators.dfs_order) {
    if (node == graph.root()) continue;
    const uint32_t parent = dominator[node];
    up[node] = owners.contains(parent) ? parent : up[parent];
  }

  // below[a]: the findings with a member under member a (within kMaxChain).
  std::unordered_map<uint32_t, std::vector<uint32_t>> below;
  for (const auto& [node, finding_indices] : owners) {
    uint32_t ancestor = up[node];
    for (int step = 0; step < kMaxChain && ancestor != kNoNode; ++step, ancestor = up[ancestor]) {
      std::vector<uint32_t>& list = below[ancestor];
      list.insert(list.end(), finding_indices.begin(), finding_indices.end());
    }
  }

  std::vector<uint32_t> order(findings.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return Specificity(findings[a].kind) < Specificity(findings[b].kind);
  });
  std::vector<bool> dropped(findings.size(), false);
  for (uint32_t a : order) {
    const Finding& finding = findings[a];
    if (!MayBeDropped(finding) || finding.members.empty()) continue;
    // Members explained, per explaining finding.
    std::unordered_map<uint32_t, size_t> explained;
    std::vector<uint32_t> by;  // Findings explaining the current member.
    for (uint32_t member : finding.members) {
      by.clear();
      if (auto it = owners.find(member); it != owners.end()) by = it->second;
      uint32_t ancestor = up[member];
      for (int step = 0; step < kMaxChain && ancestor != kNoNode; ++step, ancestor = up[ancestor]) {
        const std::vector<uint32_t>& list = owners.at(ancestor);
        by.insert(by.end(), list.begin(), list.end());
      }
      if (auto it = below.find(member); it != below.end()) by.insert(by.end(), it->second.begin(), it->second.end());
      std::sort(by.begin(), by.end());
      by.erase(std::unique(by.begin(), by.end()), by.end());
      for (uint32_t b : by) {
        if (b != a && !dropped[b] && findings[b].priority == FindingPriority::kHigh &&
            Specificity(findings[b].kind) < Specificity(finding.kind)) {
          ++explained[b];
        }
      }
    }
    for (const auto& [b, count] : explained) {
      if (2 * count > finding.members.size()) {
        dropped[a] = true;
        break;
      }
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    if (dropped[i]) continue;
    if (kept != i) findings[kept] = std::move(findings[i]);  // Never a self-move: it would empty the strings.
    ++kept;
  }
  findings.resize(kept);
}

}  // namespace heapsleuth::analysis
