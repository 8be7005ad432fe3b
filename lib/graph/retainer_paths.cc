#include "lib/graph/retainer_paths.h"

#include <algorithm>
#include <span>
#include <queue>
#include <string>
#include <unordered_set>

#include "lib/base/js_string.h"
#include "lib/graph/distances.h"
#include "lib/graph/dom_state.h"
#include "lib/graph/node_names.h"

namespace heapsleuth::graph {
namespace {

// Edges from the root to `distance`: DevTools' distance, without the
// 100000000 of the system roots.
std::optional<uint32_t> HopsFromRoot(int32_t distance) {
  if (distance < 0) return std::nullopt;
  return static_cast<uint32_t>(distance >= kBaseSystemDistance ? distance - kBaseSystemDistance : distance);
}

// Bounds of the K-paths search (see the header): alternatives considered at
// each node of a path, candidate paths looked at, and kept in the queue.
constexpr size_t kMinAlternativesPerNode = 8;
constexpr size_t kAlternativesSpare = 32;
constexpr size_t kMaxCandidatesPopped = 4000;
constexpr size_t kMaxCandidatesQueued = 200000;

}  // namespace

RetainerPathFinder::RetainerPathFinder(const Graph& graph, const Retainers& retainers,
                                       std::span<const int32_t> distances, std::span<const uint8_t> detachedness,
                                       RetainerPathOptions options)
    : graph_(graph),
      retainers_(retainers),
      distances_(distances),
      detachedness_(detachedness),
      options_(options),
      cost_(graph.node_count(), kNotComputed),
      parent_(graph.node_count(), kUnknown) {
  if (graph.node_count() > 0) cost_[graph.root()] = 0;
}

// A node's cost needs its tight retainers' (one hop closer to the root), so
// they are computed first, depth first with an explicit stack: only the
// nodes above the ones asked about are visited, not the whole heap (on a
// 23 M-node heap, the cost of every node took 1.5 s of a 3 s run for one
// path). Tight edges lower the distance by one, so the walk cannot cycle.
uint8_t RetainerPathFinder::Cost(uint32_t node) {
  if (cost_[node] != kNotComputed) return cost_[node];
  std::vector<uint32_t>& stack = cost_stack_;
  stack.assign(1, node);
  while (!stack.empty()) {
    const uint32_t to = stack.back();
    if (cost_[to] != kNotComputed) {
      stack.pop_back();
      continue;
    }
    const uint32_t end = retainers_.first(to) + retainers_.count(to);
    bool waiting = false;
    for (uint32_t slot = retainers_.first(to); slot < end; ++slot) {
      const uint32_t from = retainers_.node(slot);
      if (cost_[from] == kNotComputed && Tight(from, to) && IsPathEdge(from, retainers_.edge(slot))) {
        stack.push_back(from);
        waiting = true;
      }
    }
    if (waiting) continue;
    uint32_t best = kNoPath;
    for (uint32_t slot = retainers_.first(to); slot < end; ++slot) {
      const uint32_t from = retainers_.node(slot);
      if (cost_[from] == kNoPath || !Tight(from, to) || !IsPathEdge(from, retainers_.edge(slot))) continue;
      best = std::min(best, std::min<uint32_t>(kNoPath - 1, cost_[from] + Penalty(from, retainers_.edge(slot), to)));
    }
    cost_[to] = static_cast<uint8_t>(best);
    stack.pop_back();
  }
  return cost_[node];
}

std::optional<uint32_t> RetainerPathFinder::PathLength(uint32_t node) {
  if (Cost(node) == kNoPath) return std::nullopt;
  return HopsFromRoot(distances_[node]);
}

bool RetainerPathFinder::Tight(uint32_t from, uint32_t to) const {
  if (distances_[from] < 0) return false;
  if (distances_[from] == distances_[to] - 1) return true;
  // User roots are at distance 1 while the root is at 100000000.
  return from == graph_.root() && distances_[to] == 1;
}

bool RetainerPathFinder::IsPathEdge(uint32_t from, uint32_t edge) const {
  if (!options_.include_weak && graph_.edge_type(edge) == graph_.edge_types().weak) return false;
  return !DistanceFilterSkips(graph_, from, edge);
}

uint32_t RetainerPathFinder::Penalty(uint32_t from, uint32_t edge, uint32_t to) const {
  uint32_t penalty = 0;
  // The DevTools console's globals ($0, $_, ...): memlab skips these, and
  // DevTools' "Objects retained by the DevTools console" filter names them.
  if (graph_.edge_has_string_name(edge) && graph_.edge_name(edge).find("DevTools console") != std::string_view::npos) {
    ++penalty;
  }
  // Attached <-> detached DOM: a detached tree is better explained by what
  // holds it than by its links back into the document, and the other way.
  const uint8_t a = detachedness_[from], b = detachedness_[to];
  if ((a == kAttached && b == kDetached) || (a == kDetached && b == kAttached)) ++penalty;
  return penalty;
}

uint32_t RetainerPathFinder::ParentSlot(uint32_t node) {
  if (parent_[node] != kUnknown) return parent_[node];
  std::vector<uint32_t> candidates;
  const uint32_t end = retainers_.first(node) + retainers_.count(node);
  for (uint32_t slot = retainers_.first(node); slot < end; ++slot) {
    const uint32_t from = retainers_.node(slot);
    if (!Tight(from, node) || !IsPathEdge(from, retainers_.edge(slot)) || Cost(from) == kNoPath) continue;
    const uint32_t cost = std::min<uint32_t>(kNoPath - 1, cost_[from] + Penalty(from, retainers_.edge(slot), node));
    if (cost == Cost(node)) candidates.push_back(slot);
  }
  // Non-empty: cost_[node] was the minimum over these same slots.
  uint32_t best = candidates.front();
  if (candidates.size() > 1) {
    // DevTools' Retainers view order: distance, name, retainer order.
    std::string best_name = DevToolsNodeName(graph_, detachedness_, retainers_.node(best));
    for (size_t i = 1; i < candidates.size(); ++i) {
      const uint32_t slot = candidates[i];
      const int32_t d = distances_[retainers_.node(slot)], best_d = distances_[retainers_.node(best)];
      if (d > best_d) continue;
      std::string name = DevToolsNodeName(graph_, detachedness_, retainers_.node(slot));
      if (d < best_d || CompareUtf16(name, best_name) < 0) {
        best = slot;
        best_name = std::move(name);
      }
    }
  }
  parent_[node] = best;
  return best;
}

std::optional<RetainerPath> RetainerPathFinder::ShortestPath(uint32_t target) {
  if (Cost(target) == kNoPath) return std::nullopt;
  RetainerPath path;
  const uint32_t root = graph_.root();
  for (uint32_t node = target; node != root;) {
    const uint32_t slot = ParentSlot(node);
    path.steps.push_back({retainers_.edge(slot), node});
    node = retainers_.node(slot);
  }
  std::reverse(path.steps.begin(), path.steps.end());
  return path;
}

const std::vector<uint32_t>& RetainerPathFinder::Alternatives(uint32_t node, size_t keep) {
  auto [it, inserted] = alternatives_.try_emplace(node);
  if (!inserted) return it->second;
  std::vector<uint32_t>& alternatives = it->second;
  const uint32_t tree_from = retainers_.node(ParentSlot(node));
  const uint32_t end = retainers_.first(node) + retainers_.count(node);
  for (uint32_t slot = retainers_.first(node); slot < end; ++slot) {
    const uint32_t from = retainers_.node(slot);
    if (from == tree_from || !IsPathEdge(from, retainers_.edge(slot)) || Cost(from) == kNoPath) continue;
    alternatives.push_back(slot);
  }
  // The shortest ones, with room for those a path's own nodes rule out.
  const size_t kept = std::min(alternatives.size(), keep + kAlternativesSpare);
  auto shorter = [&](uint32_t a, uint32_t b) {
    const uint32_t la = *PathLength(retainers_.node(a)), lb = *PathLength(retainers_.node(b));
    return la != lb ? la < lb : a < b;
  };
  std::partial_sort(alternatives.begin(), alternatives.begin() + static_cast<std::ptrdiff_t>(kept), alternatives.end(),
                    shorter);
  alternatives.resize(kept);
  return alternatives;
}

std::vector<RetainerPath> RetainerPathFinder::Paths(uint32_t target, size_t count) {
  alternatives_.clear();  // They depend on how many are kept.
  std::vector<RetainerPath> result;
  if (count == 0 || Cost(target) == kNoPath) return result;
  const uint32_t root = graph_.root();

  // A candidate is a path from the target up to the root, as retainer slots
  // (slots[i] leads into the i-th node counting from the target). Its last
  // sidetrack is at `deviation`; after it, the path follows the tree.
  struct Candidate {
    uint32_t length;
    uint32_t deviation;  // Index in slots of the last sidetrack, or UINT32_MAX for the tree path.
    uint64_t sequence;   // Creation order: the final tie-break.
    uint32_t parent;     // The popped candidate it deviates from.
    uint32_t slot;       // The sidetrack.
  };
  auto later = [](const Candidate& a, const Candidate& b) {
    if (a.length != b.length) return a.length > b.length;
    if (a.deviation != b.deviation) return a.deviation > b.deviation;
    return a.sequence > b.sequence;
  };
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(later)> queue(later);
  // Materialized paths of the candidates taken off the queue.
  // Candidate i's slots are popped_slots[popped_start[i] .. popped_start[i + 1]).
  std::vector<uint32_t> popped_slots, popped_start = {0};
  std::unordered_set<std::string> emitted;  // Node sequences, to drop paths that differ only in parallel edges.
  uint64_t sequence = 0;

  // The tree path from `node` up to the root, appended to `slots`.
  auto append_tree_path = [&](uint32_t node, std::vector<uint32_t>& slots) {
    while (node != root) {
      const uint32_t slot = ParentSlot(node);
      slots.push_back(slot);
      node = retainers_.node(slot);
    }
  };

  queue.push({*PathLength(target), UINT32_MAX, sequence++, UINT32_MAX, UINT32_MAX});
  const size_t keep = std::max(kMinAlternativesPerNode, 2 * count);
  while (!queue.empty() && result.size() < count && popped_start.size() <= kMaxCandidatesPopped) {
    const Candidate candidate = queue.top();
    queue.pop();
    std::vector<uint32_t> slots;
    if (candidate.parent != UINT32_MAX) {
      const auto base = popped_slots.begin() + popped_start[candidate.parent];
      slots.assign(base, base + candidate.deviation);
      slots.push_back(candidate.slot);
      append_tree_path(retainers_.node(candidate.slot), slots);
    } else {
      append_tree_path(target, slots);
    }
    // Nodes from the target up: nodes[i] is retained through slots[i].
    std::vector<uint32_t> nodes = {target};
    for (uint32_t slot : slots) nodes.push_back(retainers_.node(slot));
    // The first node that repeats an earlier one ends the usable prefix.
    size_t simple_prefix = nodes.size();
    {
      std::unordered_set<uint32_t> seen;
      for (size_t i = 0; i < nodes.size(); ++i) {
        if (!seen.insert(nodes[i]).second) {
          simple_prefix = i;
          break;
        }
      }
    }
    if (simple_prefix == nodes.size()) {
      std::string key(reinterpret_cast<const char*>(nodes.data()), nodes.size() * sizeof(uint32_t));
      if (emitted.insert(std::move(key)).second) {
        RetainerPath path;
        for (size_t i = slots.size(); i-- > 0;) path.steps.push_back({retainers_.edge(slots[i]), nodes[i]});
        result.push_back(std::move(path));
      }
    }
    const uint32_t index = static_cast<uint32_t>(popped_start.size() - 1);
    popped_slots.insert(popped_slots.end(), slots.begin(), slots.end());
    popped_start.push_back(static_cast<uint32_t>(popped_slots.size()));

    // Children: another retainer at any node after the last sidetrack, as
    // long as the path up to that node is still simple.
    const size_t first = candidate.deviation == UINT32_MAX ? 0 : candidate.deviation + 1;
    std::unordered_set<uint32_t> prefix(nodes.begin(), nodes.begin() + static_cast<std::ptrdiff_t>(first));
    for (size_t i = first; i < slots.size() && i < simple_prefix; ++i) {
      const uint32_t node = nodes[i];
      prefix.insert(node);
      size_t taken = 0;
      for (uint32_t slot : Alternatives(node, keep)) {
        if (prefix.count(retainers_.node(slot))) continue;
        if (queue.size() >= kMaxCandidatesQueued || taken++ == keep) break;
        const uint32_t length = static_cast<uint32_t>(i) + 1 + *PathLength(retainers_.node(slot));
        queue.push({length, static_cast<uint32_t>(i), sequence++, index, slot});
      }
    }
  }
  return result;
}

namespace {

bool InRetainersView(const Graph& graph, uint32_t from, uint32_t edge, bool include_weak) {
  return from != graph.root() && (include_weak || graph.edge_type(edge) != graph.edge_types().weak);
}

uint32_t CountInRetainersView(const Graph& graph, const Retainers& retainers, uint32_t node, bool include_weak) {
  uint32_t count = 0;
  const uint32_t end = retainers.first(node) + retainers.count(node);
  for (uint32_t slot = retainers.first(node); slot < end; ++slot) {
    count += InRetainersView(graph, retainers.node(slot), retainers.edge(slot), include_weak);
  }
  return count;
}

}  // namespace

std::vector<uint32_t> RetainersViewOrder(const Graph& graph, const Retainers& retainers,
                                         std::span<const int32_t> distances,
                                         std::span<const uint8_t> detachedness, uint32_t node, bool include_weak) {
  struct Row {
    uint32_t slot;
    int64_t distance;
    std::string name;
  };
  std::vector<Row> rows;
  const uint32_t end = retainers.first(node) + retainers.count(node);
  for (uint32_t slot = retainers.first(node); slot < end; ++slot) {
    const uint32_t from = retainers.node(slot);
    if (!InRetainersView(graph, from, retainers.edge(slot), include_weak)) continue;
    // getDistanceForRetainersView: unreachable retainers sort last, at
    // 200000000 (baseUnreachableDistance), not first at -5.
    const int64_t distance = distances[from] < 0 ? 2 * static_cast<int64_t>(kBaseSystemDistance) : distances[from];
    rows.push_back({slot, distance, {}});
  }
  // Names only matter between equal distances.
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.slot < b.slot;
  });
  for (size_t i = 0; i < rows.size();) {
    size_t j = i + 1;
    while (j < rows.size() && rows[j].distance == rows[i].distance) ++j;
    if (j - i > 1) {
      for (size_t k = i; k < j; ++k) rows[k].name = DevToolsNodeName(graph, detachedness, retainers.node(rows[k].slot));
      std::stable_sort(rows.begin() + static_cast<std::ptrdiff_t>(i), rows.begin() + static_cast<std::ptrdiff_t>(j),
                       [](const Row& a, const Row& b) { return CompareUtf16(a.name, b.name) < 0; });
    }
    i = j;
  }
  std::vector<uint32_t> slots;
  slots.reserve(rows.size());
  for (const Row& row : rows) slots.push_back(row.slot);
  return slots;
}

RetainerTree BuildRetainerTree(const Graph& graph, const Retainers& retainers, std::span<const int32_t> distances,
                               std::span<const uint8_t> detachedness, uint32_t target, uint32_t depth,
                               uint32_t limit, bool include_weak) {
  RetainerTree tree;
  tree.target = target;
  tree.retainer_count = CountInRetainersView(graph, retainers, target, include_weak);
  if (depth == 0) return tree;
  // Explicit stack of expanded nodes, the target first: each with its
  // retainers in the view's order (at most `limit`) and the next to list.
  // The stack is also the way down to the target, for cycles.
  struct Frame {
    uint32_t node;
    std::vector<uint32_t> slots;
    size_t next;
  };
  auto expand = [&](uint32_t node) {
    std::vector<uint32_t> slots = RetainersViewOrder(graph, retainers, distances, detachedness, node, include_weak);
    if (limit != 0 && slots.size() > limit) slots.resize(limit);
    return Frame{node, std::move(slots), 0};
  };
  std::vector<Frame> stack;
  stack.push_back(expand(target));
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == frame.slots.size()) {
      stack.pop_back();
      continue;
    }
    RetainerTreeRow row;
    row.slot = frame.slots[frame.next++];
    row.node = retainers.node(row.slot);
    row.level = static_cast<uint32_t>(stack.size() - 1);
    row.cycle = std::any_of(stack.begin(), stack.end(), [&](const Frame& f) { return f.node == row.node; });
    row.expanded = !row.cycle && row.level + 1 < depth;
    row.retainer_count = CountInRetainersView(graph, retainers, row.node, include_weak);
    tree.rows.push_back(row);
    if (row.expanded) stack.push_back(expand(row.node));  // `frame` is not used after this.
  }
  return tree;
}

}  // namespace heapsleuth::graph
