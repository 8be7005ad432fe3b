#include "lib/analysis/timer_accumulation.h"

#include <algorithm>

#include "lib/analysis/finding_support.h"
#include "lib/analysis/snapshot_series.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

// Calls `visit(timer, callback)` for every live Timeout.
template <typename Visit>
void ForEachTimer(const graph::Graph& graph, const graph::HeapAnalysis& analysis, Visit visit) {
  const uint8_t object = graph.node_types().object;
  const uint8_t closure = graph.node_types().closure;
  const uint8_t property = graph.edge_types().property;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (graph.node_type(node) != object || graph.node_name(node) != "Timeout") continue;
    if (analysis.class_names.of(node) != "Timeout") continue;
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      if (graph.edge_type(edge) != property || graph.edge_name(edge) != "_onTimeout") continue;
      const uint32_t callback = graph.edge_to_node(edge);
      if (graph.node_type(callback) == closure) visit(node, callback);
      break;
    }
  }
}

// Function name and source location: one key for all closures of a function.
std::string CallbackKey(const graph::Graph& graph, uint32_t callback) {
  const std::optional<snapshot::Location> location = graph.location(callback);
  if (!location) return StrCat(graph.node_name(callback), "@?");
  return StrCat(graph.node_name(callback), "@", location->script_id, ":", location->line, ":", location->column);
}

}  // namespace

void TimerAccumulation::AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  const size_t index = snapshots_++;
  ForEachTimer(graph, analysis, [&](uint32_t /*timer*/, uint32_t callback) {
    std::vector<uint64_t>& counts = counts_[CallbackKey(graph, callback)];
    counts.resize(index + 1, 0);  // A callback first seen now had no timer before.
    ++counts[index];
  });
  for (auto& [key, counts] : counts_) counts.resize(index + 1, 0);
}

std::vector<Finding> TimerAccumulation::Findings(const LeakContext& ctx) const {
  std::vector<Finding> findings;
  if (snapshots_ < 2) return findings;
  const graph::Graph& graph = ctx.graph;
  std::map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> growing;  // Key → (timer, callback).
  for (const auto& [key, counts] : counts_) {
    if (GrowsEveryStep(counts) && GrowthPerStep(counts) >= static_cast<double>(options_.min_growth_per_step)) {
      growing[key];
    }
  }
  if (growing.empty()) return findings;
  ForEachTimer(graph, ctx.analysis, [&](uint32_t timer, uint32_t callback) {
    auto it = growing.find(CallbackKey(graph, callback));
    if (it != growing.end()) it->second.emplace_back(timer, callback);
  });
  for (const auto& [key, timers] : growing) {
    if (timers.empty()) continue;
    std::vector<uint32_t> nodes;
    for (const auto& [timer, callback] : timers) nodes.push_back(timer);
    const uint32_t callback = timers.back().second;
    Finding finding;
    finding.kind = FindingKind::kTimerAccumulation;
    finding.priority = FindingPriority::kHigh;
    finding.subject = StrCat("timers → ", FunctionName(graph, ctx.analysis, callback));
    finding.count = timers.size();
    finding.retained_size = CombinedRetainedSize(graph, ctx.analysis, nodes);
    finding.representative = timers.back().first;
    finding.members = nodes;
    finding.path = ctx.paths.ShortestPath(finding.representative);
    finding.place = FindSourcePlace(graph, ctx.scripts, callback);
    finding.series = counts_.at(key);
    finding.series_unit = "timers";
    std::map<std::string, FindingItem> variables;
    for (const auto& [timer, each] : timers) {
      for (const FindingItem& captured : CapturedVariables(graph, ctx.analysis, each)) {
        FindingItem& item = variables[captured.label];
        if (item.label.empty()) item = FindingItem{captured.label, captured.node, 0, 0};
        ++item.count;
        item.size += captured.size;
      }
    }
    for (auto& [name, item] : variables) finding.items.push_back(std::move(item));
    std::stable_sort(finding.items.begin(), finding.items.end(),
                     [](const FindingItem& a, const FindingItem& b) { return a.size > b.size; });
    findings.push_back(std::move(finding));
  }
  RankFindings(findings);
  return findings;
}

}  // namespace heapsleuth::analysis
