#include "lib/analysis/detached_dom.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "lib/base/str_cat.h"
#include "lib/graph/dom_state.h"

namespace heapsleuth::analysis {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

// Blink's DOM node classes other than elements, as its snapshot names them.
constexpr std::array<std::string_view, 8> kDomNodeClasses = {
    "Text", "Comment", "CDATASection", "DocumentFragment", "ShadowRoot", "DocumentType", "Attr",
    "ProcessingInstruction"};

// One detached subtree: its members are members[first, first + size).
struct Subtree {
  uint32_t root = kNone;
  uint32_t first = 0;
  uint32_t size = 0;
};

// Whether `a` should be the root rather than `b`: retains more, then nearer
// the GC roots, then first in the file.
bool BetterRoot(const graph::HeapAnalysis& analysis, uint32_t a, uint32_t b) {
  const uint64_t ra = analysis.dominators.retained_size[a], rb = analysis.dominators.retained_size[b];
  if (ra != rb) return ra > rb;
  // Unreachable (-5) wraps to the largest: farthest.
  const uint32_t da = static_cast<uint32_t>(analysis.distance[a]), db = static_cast<uint32_t>(analysis.distance[b]);
  if (da != db) return da < db;
  return a < b;
}

// Who holds a detached subtree from outside: the node before the subtree on
// its root's path, as "DetachedHolder.el in Window.__detached" or, for an
// array slot, "Window.__buttons[]".
struct DomHolder {
  uint32_t node = kNoNode;  // The holder, when it is not a bare array slot.
  std::string label;
};

// A class name to show: "Window [JSGlobalObject] / ://" → "Window"; system
// names stay whole.
std::string_view ShortClassName(std::string_view name) {
  if (name.starts_with("system / ")) return name;
  return name.substr(0, std::min(name.find(" / "), name.find(" [")));
}

// An index slot: element and hidden edges, and internal ones named by a
// number (the `(object elements)` store of an Array).
bool IsIndexEdge(const graph::Graph& graph, uint32_t edge) {
  if (!graph.edge_has_string_name(edge)) return true;
  const std::string_view name = graph.edge_name(edge);
  return graph.edge_type(edge) == graph.edge_types().internal && !name.empty() &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether the preferred path enters the subtree from Blink's layout tree (a
// `blink::Layout…` object): the element was removed since the last layout
// and Blink lets go of it at the next frame (see the header).
template <typename InSubtree>
bool HeldByLayoutOnly(const graph::Graph& graph, const std::optional<graph::RetainerPath>& path,
                      InSubtree in_subtree) {
  if (!path) return false;
  const std::vector<graph::PathStep>& steps = path->steps;
  for (size_t i = 1; i < steps.size(); ++i) {
    if (in_subtree(steps[i].node)) return graph.node_name(steps[i - 1].node).starts_with("blink::Layout");
  }
  return false;
}

template <typename InSubtree>
DomHolder DescribeDomHolder(const LeakContext& ctx, const std::optional<graph::RetainerPath>& path,
                            InSubtree in_subtree) {
  DomHolder holder;
  if (!path || path->steps.empty()) return holder;
  const graph::Graph& graph = ctx.graph;
  const std::vector<graph::PathStep>& steps = path->steps;
  size_t enter = 0;  // The first step into the subtree.
  while (enter < steps.size() && !in_subtree(steps[enter].node)) ++enter;
  if (enter == steps.size()) return holder;
  auto node_before = [&](size_t step) { return step == 0 ? graph.root() : steps[step - 1].node; };
  // The nearest named, non-index edge above the holder names the collection.
  std::string collection;
  const uint8_t internal = graph.edge_types().internal;
  for (size_t step = enter; step-- > 0;) {
    const uint32_t edge = steps[step].edge;
    if (IsIndexEdge(graph, edge) || graph.edge_type(edge) == internal) continue;
    collection = StrCat(ShortClassName(ctx.analysis.class_names.of(node_before(step))), ".", graph.edge_name(edge));
    break;
  }
  const uint32_t edge = steps[enter].edge;
  const uint32_t from = node_before(enter);
  if (IsIndexEdge(graph, edge) && !collection.empty()) {
    holder.label = StrCat(collection, "[]");
    return holder;
  }
  holder.node = from;
  holder.label = StrCat(ShortClassName(ctx.analysis.class_names.of(from)), ".",
                        IsIndexEdge(graph, edge) ? std::string("[]") : std::string(graph.edge_name(edge)));
  if (!collection.empty()) holder.label += StrCat(" in ", collection);
  return holder;
}

}  // namespace

std::string_view StripDetachedPrefix(std::string_view name) {
  constexpr std::string_view kPrefix = "Detached ";
  if (name.starts_with(kPrefix)) name.remove_prefix(kPrefix.size());
  return name;
}

bool IsDomElementName(std::string_view name) {
  name = StripDetachedPrefix(name);
  return name.starts_with('<') ||
         ((name.starts_with("HTML") || name.starts_with("SVG")) && name.ends_with("Element"));
}

bool IsDomNodeName(std::string_view name) {
  if (IsDomElementName(name)) return true;
  name = StripDetachedPrefix(name);
  return std::find(kDomNodeClasses.begin(), kDomNodeClasses.end(), name) != kDomNodeClasses.end();
}

bool IsDetachedDomNode(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node) {
  return node < analysis.detachedness.size() && analysis.detachedness[node] == graph::kDetached &&
         graph.node_type(node) == graph.node_types().native && IsDomNodeName(graph.node_name(node));
}

std::string NormalizeDomName(std::string_view name) {
  name = StripDetachedPrefix(name);
  constexpr std::string_view kId = " id=\"";
  const size_t at = name.find(kId);
  if (at == std::string_view::npos) return std::string(name);
  const size_t value = at + kId.size();
  const size_t end = name.find('"', value);
  if (end == std::string_view::npos) return std::string(name);
  return StrCat(name.substr(0, value), "*", name.substr(end));
}

std::vector<Finding> FindDetachedDom(const LeakContext& ctx, const DetachedDomOptions& options) {
  const graph::Graph& graph = ctx.graph;
  const graph::HeapAnalysis& analysis = ctx.analysis;
  const uint32_t n = graph.node_count();
  std::vector<Finding> findings;
  if (analysis.detachedness.size() != n || analysis.dominators.retained_size.size() != n) return findings;

  // Components of detached DOM nodes, walked over edges both ways (iterative).
  std::vector<uint32_t> component(n, kNone);
  std::vector<uint32_t> members;  // Grouped by subtree, in discovery order.
  std::vector<Subtree> subtrees;
  std::vector<uint32_t> stack;
  const uint8_t weak = graph.edge_types().weak;
  for (uint32_t start = 0; start < n; ++start) {
    if (component[start] != kNone || !IsDetachedDomNode(graph, analysis, start)) continue;
    const uint32_t id = static_cast<uint32_t>(subtrees.size());
    Subtree subtree{start, static_cast<uint32_t>(members.size()), 0};
    component[start] = id;
    stack.assign(1, start);
    while (!stack.empty()) {
      const uint32_t node = stack.back();
      stack.pop_back();
      members.push_back(node);
      ++subtree.size;
      if (BetterRoot(analysis, node, subtree.root)) subtree.root = node;
      auto visit = [&](uint32_t next) {
        if (component[next] == kNone && IsDetachedDomNode(graph, analysis, next)) {
          component[next] = id;
          stack.push_back(next);
        }
      };
      for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
        if (graph.edge_type(edge) != weak) visit(graph.edge_to_node(edge));
      }
      for (uint32_t slot = ctx.retainers.first(node); slot < ctx.retainers.first(node + 1); ++slot) {
        if (graph.edge_type(ctx.retainers.edge(slot)) != weak) visit(ctx.retainers.node(slot));
      }
    }
    subtrees.push_back(subtree);
  }

  // Group by shape: root name, member names with counts, and the JS holder.
  struct Group {
    std::vector<uint32_t> roots;
    std::map<std::string, std::pair<uint64_t, uint64_t>> members;  // Name → count, self size.
    std::optional<graph::RetainerPath> path;                      // Of roots[0].
    DomHolder holder;
  };
  std::unordered_map<std::string, size_t> group_of;
  std::vector<Group> groups;
  std::map<std::string, uint32_t> shape;
  for (const Subtree& subtree : subtrees) {
    shape.clear();
    for (uint32_t i = subtree.first; i < subtree.first + subtree.size; ++i) {
      ++shape[NormalizeDomName(graph.node_name(members[i]))];
    }
    std::optional<graph::RetainerPath> path = ctx.paths.ShortestPath(subtree.root);
    if (HeldByLayoutOnly(graph, path, [&](uint32_t node) { return component[node] != kNone; })) continue;
    DomHolder holder = DescribeDomHolder(ctx, path, [&](uint32_t node) { return component[node] != kNone; });
    std::string key = StrCat(NormalizeDomName(graph.node_name(subtree.root)), "\n", holder.label);
    for (const auto& [name, count] : shape) key += StrCat("\n", name, "\t", count);
    auto [it, added] = group_of.emplace(std::move(key), groups.size());
    if (added) groups.push_back(Group{{}, {}, std::move(path), std::move(holder)});
    Group& group = groups[it->second];
    group.roots.push_back(subtree.root);
    for (uint32_t i = subtree.first; i < subtree.first + subtree.size; ++i) {
      auto& [count, size] = group.members[NormalizeDomName(graph.node_name(members[i]))];
      ++count;
      size += analysis.self_size[members[i]];
    }
  }

  for (Group& group : groups) {
    Finding finding;
    finding.kind = FindingKind::kDetachedDom;
    finding.priority = FindingPriority::kHigh;
    const uint32_t representative = group.roots.front();
    finding.subject = StrCat("Detached ", NormalizeDomName(graph.node_name(representative)));
    if (!group.holder.label.empty()) finding.subject += StrCat(" held by ", group.holder.label);
    finding.count = group.roots.size();
    finding.retained_size = CombinedRetainedSize(graph, analysis, group.roots);
    if (finding.retained_size < options.min_retained_size) continue;
    finding.representative = representative;
    finding.members = group.roots;
    finding.path = std::move(group.path);
    if (group.holder.node != kNoNode) finding.place = FindSourcePlace(graph, ctx.scripts, group.holder.node);
    for (const auto& [name, count_size] : group.members) {
      finding.items.push_back(FindingItem{name, kNoNode, count_size.first, count_size.second});
    }
    std::stable_sort(finding.items.begin(), finding.items.end(), [](const FindingItem& a, const FindingItem& b) {
      return a.count > b.count;
    });
    if (finding.items.size() > options.max_items) finding.items.resize(options.max_items);
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace heapsleuth::analysis
