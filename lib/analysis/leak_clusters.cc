#include "lib/analysis/leak_clusters.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <unordered_map>

#include "lib/analysis/path_shape.h"
#include "lib/graph/dom_state.h"

namespace heapsleuth::analysis {
namespace {

constexpr uint32_t kUnknown = UINT32_MAX;
constexpr uint32_t kNone = UINT32_MAX - 1;

// Per-node role bits for the ownership walk.
enum : uint8_t {
  kOwner = 1,   // A candidate that may own others: not a collection.
  kPassed = 2,  // On the dominator chain above some unowned candidate.
};

// Marks which class-name indices are JS collections.
std::vector<uint8_t> CollectionClasses(const graph::ClassNames& names) {
  std::vector<uint8_t> is_collection(names.names.size(), 0);
  for (size_t i = 0; i < names.names.size(); ++i) {
    const std::string& name = names.names[i];
    is_collection[i] = name == "Array" || name == "Map" || name == "Set" || name == "WeakMap" || name == "WeakSet";
  }
  return is_collection;
}

// Who owns whom among the candidates (see the header): a candidate's owner is
// its nearest strict dominator ancestor that is a non-collection candidate,
// unless a collection (any, new or old) comes first on the way up: then the
// candidate is an element of that collection and owned by nobody.
class Ownership {
 public:
  Ownership(const graph::Graph& graph, const graph::HeapAnalysis& analysis, const std::vector<uint32_t>& candidates)
      : graph_(graph),
        analysis_(analysis),
        dominator_(analysis.dominators.dominator),
        collection_class_(CollectionClasses(analysis.class_names)),
        role_(graph.node_count(), 0),
        near_(graph.node_count(), kUnknown) {
    for (uint32_t node : candidates) {
      if (node < graph.node_count() && !IsCollection(node)) role_[node] |= kOwner;
    }
  }

  bool IsCollection(uint32_t node) const {
    const uint8_t type = graph_.node_type(node);
    return type == graph_.node_types().array ||
           (type == graph_.node_types().object && collection_class_[analysis_.class_names.node_class[node]]);
  }

  // The owner of `node`; kNone when it has none.
  uint32_t Owner(uint32_t node) {
    if (node == graph_.root()) return kNone;
    return Near(dominator_[node]);
  }

  // Marks the dominator chain above `node`, up to the first node already
  // marked (everything above that one is marked too).
  void MarkChain(uint32_t node) {
    uint32_t up = node;
    while (up != graph_.root()) {
      up = dominator_[up];
      if (role_[up] & kPassed) break;
      role_[up] |= kPassed;
    }
  }

  uint8_t role(uint32_t node) const { return role_[node]; }

 private:
  // The nearest owner-or-self, blocked by collections; memoized, iterative.
  uint32_t Near(uint32_t node) {
    chain_.clear();
    uint32_t up = node;
    while (near_[up] == kUnknown) {
      chain_.push_back(up);
      if (up == graph_.root()) break;
      up = dominator_[up];
    }
    uint32_t answer = near_[up] == kUnknown ? kNone : near_[up];
    for (auto it = chain_.rbegin(); it != chain_.rend(); ++it) {
      if (role_[*it] & kOwner) {
        answer = *it;
      } else if (IsCollection(*it)) {
        answer = kNone;
      }
      near_[*it] = answer;
    }
    return near_[node];
  }

  const graph::Graph& graph_;
  const graph::HeapAnalysis& analysis_;
  const Column<uint32_t>& dominator_;
  std::vector<uint8_t> collection_class_;
  std::vector<uint8_t> role_;
  std::vector<uint32_t> near_;
  std::vector<uint32_t> chain_;
};

// The path cut after its first detached DOM element (memlab's
// untilFirstDetachedDOMElem).
std::optional<graph::RetainerPath> CutAtDetached(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                                 std::optional<graph::RetainerPath> path) {
  if (!path) return path;
  for (size_t i = 0; i < path->steps.size(); ++i) {
    if (graph::IsRenamedDetached(graph, analysis.detachedness, path->steps[i].node)) {
      path->steps.resize(i + 1);
      break;
    }
  }
  return path;
}

// What the user calls the object: its class, or a closure's function name.
std::string Subject(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node) {
  if (graph.node_type(node) == graph.node_types().closure && !graph.node_name(node).empty()) {
    return std::string(graph.node_name(node));
  }
  return analysis.class_names.of(node);
}

// CombinedRetainedSize for many small sets inside one heap: each set lies
// below some `boundary` nodes in the dominator tree (its cluster's roots), and
// per-node answers are stamped with a generation instead of cleared, so a set
// costs the dominator chains between its nodes and the boundary, not a pass
// over every node of the heap.
class SetRetained {
 public:
  explicit SetRetained(const graph::HeapAnalysis& analysis)
      : analysis_(analysis),
        generation_(analysis.dominators.dominator.size(), 0),
        state_(analysis.dominators.dominator.size(), 0) {}

  uint64_t Combined(const std::vector<uint32_t>& nodes, const std::vector<uint32_t>& boundary) {
    enum : uint8_t { kMember = 1, kCovered = 2, kFree = 3 };
    ++current_;
    for (uint32_t node : boundary) Set(node, kFree);
    for (uint32_t node : nodes) Set(node, kMember);
    const auto& dominator = analysis_.dominators.dominator;
    uint64_t total = 0;
    for (uint32_t node : nodes) {
      chain_.clear();
      uint32_t up = dominator[node];
      while (Get(up) == 0 && dominator[up] != up) {
        chain_.push_back(up);
        up = dominator[up];
      }
      const bool covered = Get(up) == kMember || Get(up) == kCovered;
      for (uint32_t passed : chain_) Set(passed, covered ? kCovered : kFree);
      if (!covered) total += analysis_.dominators.retained_size[node];
    }
    return total;
  }

 private:
  uint8_t Get(uint32_t node) const { return generation_[node] == current_ ? state_[node] : 0; }
  void Set(uint32_t node, uint8_t state) {
    generation_[node] = current_;
    state_[node] = state;
  }

  const graph::HeapAnalysis& analysis_;
  std::vector<uint32_t> generation_;
  std::vector<uint8_t> state_;
  std::vector<uint32_t> chain_;
  uint32_t current_ = 0;
};

struct Cluster {
  std::vector<uint32_t> roots;
  std::vector<uint32_t> owned;  // Candidates the roots own.
  uint64_t retained_size = 0;
  uint32_t representative = kNoNode;
};

}  // namespace

std::vector<uint32_t> LeakRoots(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                const std::vector<uint32_t>& candidates) {
  Ownership ownership(graph, analysis, candidates);
  std::vector<uint32_t> sorted = candidates;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::erase_if(sorted, [&](uint32_t node) { return node >= graph.node_count(); });
  // Unowned JS objects, closures, detached DOM, ... (not V8's internal
  // arrays, which are reported through the object that owns them).
  std::erase_if(sorted, [&](uint32_t node) {
    return graph.node_type(node) == graph.node_types().array || ownership.Owner(node) != kNone;
  });
  // A holder of other unowned candidates (an EventEmitter whose listener
  // array holds new closures) is their path, not a leak of its own.
  for (uint32_t node : sorted) ownership.MarkChain(node);
  std::erase_if(sorted, [&](uint32_t node) { return (ownership.role(node) & kPassed) != 0; });
  return sorted;
}

std::vector<Finding> ClusterLeakCandidates(const LeakContext& ctx, const std::vector<uint32_t>& candidates,
                                           const LeakClusterOptions& options) {
  const graph::Graph& graph = ctx.graph;
  const graph::HeapAnalysis& analysis = ctx.analysis;
  const auto& retained = analysis.dominators.retained_size;
  std::vector<uint32_t> unique = candidates;  // Sorted, each once, in range.
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::erase_if(unique, [&](uint32_t node) { return node >= graph.node_count(); });
  const std::vector<uint32_t> roots = LeakRoots(graph, analysis, unique);

  // Roots into clusters by path shape and class.
  std::vector<Cluster> clusters;
  std::unordered_map<std::string, uint32_t> cluster_of_key;
  std::unordered_map<uint32_t, uint32_t> cluster_of_root;
  for (uint32_t root : roots) {
    std::string key = PathShapeKey(graph, analysis, CutAtDetached(graph, analysis, ctx.paths.ShortestPath(root)));
    key += Subject(graph, analysis, root);
    auto [it, inserted] = cluster_of_key.try_emplace(std::move(key), static_cast<uint32_t>(clusters.size()));
    if (inserted) clusters.emplace_back();
    Cluster& cluster = clusters[it->second];
    cluster.roots.push_back(root);
    if (cluster.representative == kNoNode || retained[root] > retained[cluster.representative]) {
      cluster.representative = root;
    }
    cluster_of_root.emplace(root, it->second);
  }

  // Every other candidate to the cluster of the root above it: the top of its
  // chain of owners (owners are dominator ancestors, so the chain ends).
  Ownership ownership(graph, analysis, unique);
  std::vector<uint32_t> top(graph.node_count(), kUnknown);  // Memoized top owner.
  std::vector<uint32_t> chain;
  for (uint32_t node : unique) {
    if (cluster_of_root.contains(node)) continue;
    chain.clear();
    uint32_t up = node;
    while (top[up] == kUnknown) {
      chain.push_back(up);
      const uint32_t owner = ownership.Owner(up);
      if (owner == kNone) {
        top[up] = up;
        break;
      }
      up = owner;
    }
    for (uint32_t passed : chain) top[passed] = top[up];
    const auto it = cluster_of_root.find(top[node]);
    if (it != cluster_of_root.end()) clusters[it->second].owned.push_back(node);
  }

  std::vector<Finding> findings;
  SetRetained set_retained(analysis);
  for (Cluster& cluster : clusters) {
    // No root dominates another (it would be their holder), so the roots'
    // retained sizes add up without counting anything twice.
    cluster.retained_size = 0;
    for (uint32_t root : cluster.roots) cluster.retained_size += retained[root];
    if (cluster.retained_size < options.min_retained_size) continue;
    Finding finding;
    finding.kind = FindingKind::kLeakedObjects;
    finding.priority = FindingPriority::kHigh;
    finding.subject = Subject(graph, analysis, cluster.representative);
    finding.count = cluster.roots.size();
    finding.retained_size = cluster.retained_size;
    finding.representative = cluster.representative;
    finding.members = cluster.roots;
    finding.path = ctx.paths.ShortestPath(cluster.representative);
    finding.place = FindSourcePlace(graph, ctx.scripts, cluster.representative);
    // Items: what the owned candidates are (class or function name),
    // largest first: by self size to choose (cheap), then by the bytes the
    // chosen ones keep alive together.
    std::unordered_map<std::string, std::vector<uint32_t>> by_subject;
    for (uint32_t node : cluster.owned) by_subject[Subject(graph, analysis, node)].push_back(node);
    std::vector<FindingItem> items;
    for (const auto& [subject, nodes] : by_subject) {
      uint64_t self_total = 0;
      for (uint32_t node : nodes) self_total += analysis.self_size[node];
      items.push_back({subject, nodes.size() == 1 ? nodes[0] : kNoNode, nodes.size(), self_total});
    }
    const auto larger = [](const FindingItem& a, const FindingItem& b) {
      return std::tie(b.size, b.count, a.label) < std::tie(a.size, a.count, b.label);
    };
    std::sort(items.begin(), items.end(), larger);
    if (items.size() > options.max_items) items.resize(options.max_items);
    for (FindingItem& item : items) item.size = set_retained.Combined(by_subject[item.label], cluster.roots);
    std::sort(items.begin(), items.end(), larger);
    finding.items = std::move(items);
    findings.push_back(std::move(finding));
  }
  RankFindings(findings);
  return findings;
}

void LeakedObjectsDetector::AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& /*analysis*/) {
  // In this order the calls cannot fail.
  absl::Status status = snapshots_ == 0   ? candidates_.AddBaseline(graph)
                        : snapshots_ == 1 ? candidates_.AddTarget(graph)
                                          : candidates_.AddLater(graph);
  status.IgnoreError();
  ++snapshots_;
}

std::vector<Finding> LeakedObjectsDetector::Findings(const LeakContext& ctx) const {
  if (!candidates_.has_target()) return {};
  absl::StatusOr<std::vector<uint32_t>> nodes = candidates_.Candidates(ctx.graph, ctx.analysis, options_.candidates);
  if (!nodes.ok()) return {};
  return ClusterLeakCandidates(ctx, *nodes, options_.clusters);
}

}  // namespace heapsleuth::analysis
