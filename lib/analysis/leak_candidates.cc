#include "lib/analysis/leak_candidates.h"

#include <algorithm>
#include <iterator>

#include "lib/graph/distances.h"
#include "lib/graph/dom_state.h"

namespace heapsleuth::analysis {
namespace {

// The graph's object ids, sorted and unique.
std::vector<uint32_t> SortedIds(const graph::Graph& graph) {
  std::vector<uint32_t> ids(graph.node_count());
  for (uint32_t node = 0; node < graph.node_count(); ++node) ids[node] = graph.node_id(node);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

std::string_view CandidateVerdictName(CandidateVerdict verdict) {
  switch (verdict) {
    case CandidateVerdict::kKept: return "kept";
    case CandidateVerdict::kNumber: return "number";
    case CandidateVerdict::kString: return "string";
    case CandidateVerdict::kHidden: return "hidden";
    case CandidateVerdict::kNoRetainedSize: return "no-retained-size";
    case CandidateVerdict::kCode: return "code";
    case CandidateVerdict::kObjectShape: return "object-shape";
    case CandidateVerdict::kSystemInternal: return "system-internal";
    case CandidateVerdict::kSynthetic: return "synthetic";
    case CandidateVerdict::kNativeNotDetached: return "native-not-detached";
    case CandidateVerdict::kUnreachable: return "unreachable";
  }
  return "unknown";
}

bool IsMemlabVerdict(CandidateVerdict verdict) {
  return verdict == CandidateVerdict::kNumber || verdict == CandidateVerdict::kString ||
         verdict == CandidateVerdict::kHidden || verdict == CandidateVerdict::kNoRetainedSize;
}

CandidateVerdict JudgeCandidate(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node,
                                const CandidateOptions& options) {
  if (node >= graph.node_count() || node >= analysis.self_size.size()) return CandidateVerdict::kUnreachable;
  const graph::NodeTypes& types = graph.node_types();
  const uint8_t type = graph.node_type(node);
  // memlab's FilterTrivialNodeRule, but a large string stays (ours).
  if (type == types.number) return CandidateVerdict::kNumber;
  if (type == types.string || type == types.concatenated_string || type == types.sliced_string) {
    if (analysis.self_size[node] < options.large_string_size) return CandidateVerdict::kString;
  } else if (type == types.hidden) {
    return CandidateVerdict::kHidden;
  }
  // memlab's FilterOverSizedNodeAsLeakRule (threshold 0).
  if (analysis.dominators.retained_size[node] == 0) return CandidateVerdict::kNoRetainedSize;
  // Ours.
  if (type == types.code) return CandidateVerdict::kCode;
  if (graph.node_type_name(node) == "object shape") return CandidateVerdict::kObjectShape;
  if (type == types.synthetic) return CandidateVerdict::kSynthetic;
  if (type == types.native && analysis.detachedness[node] != graph::kDetached) {
    return CandidateVerdict::kNativeNotDetached;
  }
  if (graph.node_name(node).starts_with("system / ")) return CandidateVerdict::kSystemInternal;
  if (analysis.distance[node] == graph::kUnreachableDistance) return CandidateVerdict::kUnreachable;
  return CandidateVerdict::kKept;
}

absl::Status LeakCandidates::AddBaseline(const graph::Graph& graph) {
  if (has_target_) return absl::FailedPreconditionError("leak candidates: a baseline after the target");
  std::vector<uint32_t> ids = SortedIds(graph);
  if (ids_.empty()) {
    ids_ = std::move(ids);
  } else {
    std::vector<uint32_t> merged;
    merged.reserve(ids_.size() + ids.size());
    std::set_union(ids_.begin(), ids_.end(), ids.begin(), ids.end(), std::back_inserter(merged));
    ids_ = std::move(merged);
  }
  has_baseline_ = true;
  return absl::OkStatus();
}

absl::Status LeakCandidates::AddTarget(const graph::Graph& graph) {
  if (!has_baseline_) return absl::FailedPreconditionError("leak candidates: a target without a baseline");
  if (has_target_) return absl::FailedPreconditionError("leak candidates: a second target");
  const std::vector<uint32_t> ids = SortedIds(graph);
  std::vector<uint32_t> allocated;
  std::set_difference(ids.begin(), ids.end(), ids_.begin(), ids_.end(), std::back_inserter(allocated));
  ids_ = std::move(allocated);
  has_target_ = true;
  return absl::OkStatus();
}

absl::Status LeakCandidates::AddLater(const graph::Graph& graph) {
  if (!has_target_) return absl::FailedPreconditionError("leak candidates: a later snapshot before the target");
  const std::vector<uint32_t> ids = SortedIds(graph);
  std::vector<uint32_t> alive;
  std::set_intersection(ids_.begin(), ids_.end(), ids.begin(), ids.end(), std::back_inserter(alive));
  ids_ = std::move(alive);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<uint32_t>> LeakCandidates::Unfiltered(const graph::Graph& final_graph) const {
  if (!has_target_) return absl::FailedPreconditionError("leak candidates: no target snapshot");
  std::vector<uint8_t> seen(ids_.size(), 0);
  std::vector<uint32_t> nodes;
  for (uint32_t node = 0; node < final_graph.node_count(); ++node) {
    const auto it = std::lower_bound(ids_.begin(), ids_.end(), final_graph.node_id(node));
    if (it == ids_.end() || *it != final_graph.node_id(node)) continue;
    uint8_t& once = seen[static_cast<size_t>(it - ids_.begin())];
    if (once) continue;
    once = 1;
    nodes.push_back(node);
  }
  return nodes;
}

absl::StatusOr<std::vector<uint32_t>> LeakCandidates::Candidates(const graph::Graph& final_graph,
                                                                 const graph::HeapAnalysis& final_analysis,
                                                                 const CandidateOptions& options) const {
  if (final_analysis.self_size.size() != final_graph.node_count()) {
    return absl::InvalidArgumentError("leak candidates: the analysis is not of the final snapshot");
  }
  absl::StatusOr<std::vector<uint32_t>> nodes = Unfiltered(final_graph);
  if (!nodes.ok()) return nodes.status();
  std::erase_if(*nodes, [&](uint32_t node) {
    return JudgeCandidate(final_graph, final_analysis, node, options) != CandidateVerdict::kKept;
  });
  return nodes;
}

}  // namespace heapsleuth::analysis
