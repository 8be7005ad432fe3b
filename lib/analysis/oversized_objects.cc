#include "lib/analysis/oversized_objects.h"

#include <algorithm>

#include "lib/analysis/finding_support.h"
#include "lib/base/str_cat.h"
#include "lib/graph/distances.h"

namespace heapsleuth::analysis {
namespace {

bool IsCandidateType(const graph::Graph& graph, uint32_t node) {
  const graph::NodeTypes& types = graph.node_types();
  const uint8_t type = graph.node_type(node);
  return type == types.object || type == types.closure || type == types.array || type == types.string ||
         type == types.concatenated_string || type == types.sliced_string;
}

bool IsInternal(const graph::Graph& graph, uint32_t node) {
  const std::string_view name = graph.node_name(node);
  return name.starts_with("system / ") || name == "global" || name.starts_with("Window");
}

// A script's source text (`system / Script` → `source`): code the page or
// process loaded, which DevTools' Statistics count as Code, not data a
// program keeps (a 1 MB development bundle is half of a small page's heap).
bool IsScriptSource(const graph::Graph& graph, const graph::Retainers& retainers, uint32_t node) {
  for (uint32_t r = retainers.first(node); r < retainers.first(node) + retainers.count(node); ++r) {
    const uint32_t edge = retainers.edge(r);
    if (graph.edge_has_string_name(edge) && graph.edge_name(edge) == "source" &&
        graph.node_name(retainers.node(r)).starts_with("system / Script")) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<Finding> FindOversizedObjects(const LeakContext& ctx, const OversizedObjectOptions& options) {
  const graph::Graph& graph = ctx.graph;
  const auto& retained = ctx.analysis.dominators.retained_size;
  const auto& dominator = ctx.analysis.dominators.dominator;
  const uint32_t root = graph.root();
  const uint64_t floor = std::max<uint64_t>(
      options.min_bytes, static_cast<uint64_t>(options.min_heap_share * static_cast<double>(retained[root])));
  std::vector<uint32_t> candidates;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (node == root || retained[node] < floor || !IsCandidateType(graph, node)) continue;
    const int32_t distance = ctx.analysis.distance[node];
    if (distance < 0 || distance >= graph::kBaseSystemDistance || IsInternal(graph, node)) continue;
    if (IsScriptSource(graph, ctx.retainers, node)) continue;
    candidates.push_back(node);
  }
  // Keep the outermost: drop a candidate that another one dominates.
  enum : uint8_t { kUnknown, kMember, kCovered, kFree };
  std::vector<uint8_t> state(graph.node_count(), kUnknown);
  for (uint32_t node : candidates) state[node] = kMember;
  std::vector<uint32_t> chain;
  std::vector<Finding> findings;
  for (uint32_t node : candidates) {
    chain.clear();
    uint32_t up = dominator[node];
    while (up < graph.node_count() && state[up] == kUnknown && up != root) {
      chain.push_back(up);
      up = dominator[up];
    }
    const bool covered = up < graph.node_count() && (state[up] == kMember || state[up] == kCovered);
    for (uint32_t passed : chain) state[passed] = covered ? kCovered : kFree;
    if (covered) continue;
    Finding finding;
    finding.kind = FindingKind::kOversizedObject;
    finding.priority = FindingPriority::kLow;
    finding.count = 1;
    finding.retained_size = retained[node];
    finding.representative = node;
    finding.members = {node};
    finding.path = ctx.paths.ShortestPath(node);
    const std::string name = finding.path ? PathExpression(graph, *finding.path) : std::string();
    const std::string& klass = ctx.analysis.class_names.of(node);
    finding.subject = name.empty() ? klass : StrCat(name, " (", klass, ")");
    finding.place = FindSourcePlace(graph, ctx.scripts, node);
    findings.push_back(std::move(finding));
  }
  RankFindings(findings);
  return findings;
}

}  // namespace heapsleuth::analysis
