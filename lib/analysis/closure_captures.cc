#include "lib/analysis/closure_captures.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "lib/analysis/finding_support.h"

namespace heapsleuth::analysis {

std::vector<Finding> FindClosureCaptures(const LeakContext& ctx, const ClosureCaptureOptions& options) {
  const graph::Graph& graph = ctx.graph;
  struct Group {
    std::vector<uint32_t> closures;
    uint64_t held = 0;
    uint32_t largest = kNoNode;  // The closure holding the most.
    uint64_t largest_held = 0;
    std::map<std::string, FindingItem> variables;  // By name.
  };
  // By SharedFunctionInfo ordinal; closures without one stand alone.
  std::unordered_map<uint32_t, Group> groups;
  const uint8_t closure_type = graph.node_types().closure;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (graph.node_type(node) != closure_type) continue;
    std::vector<FindingItem> captured = CapturedVariables(graph, ctx.analysis, node);
    if (captured.empty()) continue;
    uint32_t shared = FollowNamedEdge(graph, node, "shared");
    Group& group = groups[shared == kNoNode ? node : shared];
    group.closures.push_back(node);
    uint64_t held = 0;
    for (const FindingItem& item : captured) {
      held += item.size;
      FindingItem& variable = group.variables[item.label];
      if (variable.label.empty()) variable = FindingItem{item.label, item.node, 0, 0};
      ++variable.count;
      variable.size += item.size;
    }
    group.held += held;
    if (group.largest == kNoNode || held > group.largest_held) {
      group.largest = node;
      group.largest_held = held;
    }
  }
  const uint64_t total = ctx.analysis.dominators.retained_size[graph.root()];
  const uint64_t floor = std::max<uint64_t>(options.min_captured_bytes,
                                            static_cast<uint64_t>(options.min_heap_share * static_cast<double>(total)));
  std::vector<Finding> findings;
  for (auto& [shared, group] : groups) {
    if (group.held < floor) continue;
    Finding finding;
    finding.kind = FindingKind::kClosureCapture;
    finding.priority = FindingPriority::kHigh;
    finding.subject = FunctionName(graph, ctx.analysis, group.largest);
    finding.count = group.closures.size();
    finding.retained_size = CombinedRetainedSize(graph, ctx.analysis, group.closures);
    finding.representative = group.largest;
    finding.members = group.closures;
    finding.path = ctx.paths.ShortestPath(group.largest);
    finding.place = FindSourcePlace(graph, ctx.scripts, group.largest);
    for (auto& [name, variable] : group.variables) finding.items.push_back(std::move(variable));
    std::stable_sort(finding.items.begin(), finding.items.end(),
                     [](const FindingItem& a, const FindingItem& b) { return a.size > b.size; });
    findings.push_back(std::move(finding));
  }
  RankFindings(findings);
  return findings;
}

}  // namespace heapsleuth::analysis
