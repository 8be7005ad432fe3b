#include "lib/analysis/snapshot_diff.h"

#include <algorithm>
#include <numeric>

#include "lib/analysis/class_histogram.h"
#include "lib/graph/retainers.h"

namespace heapsleuth::analysis {
namespace {

bool IdLess(const IdClass& a, const IdClass& b) { return a.id < b.id; }

// calculateDiffForClass: merges two id-sorted instance lists.
void MergeById(const DiffClass* base, const DiffClass* now, ClassDelta& delta) {
  static const DiffClass kEmpty;
  const DiffClass& a = base != nullptr ? *base : kEmpty;
  const DiffClass& b = now != nullptr ? *now : kEmpty;
  size_t i = 0, j = 0;
  while (i < a.ids.size() && j < b.ids.size()) {
    if (a.ids[i] < b.ids[j]) {
      ++delta.removed_count;
      delta.removed_size += a.self_sizes[i++];
    } else if (a.ids[i] > b.ids[j]) {
      ++delta.added_count;
      delta.added_size += b.self_sizes[j++];
    } else {
      ++i;
      ++j;
    }
  }
  for (; i < a.ids.size(); ++i) {
    ++delta.removed_count;
    delta.removed_size += a.self_sizes[i];
  }
  for (; j < b.ids.size(); ++j) {
    ++delta.added_count;
    delta.added_size += b.self_sizes[j];
  }
}

// Without usable ids, a class can only be compared by its totals: growth
// counts as added, shrinkage as removed.
void MatchByKey(const DiffClass* base, const DiffClass* now, ClassDelta& delta) {
  const uint64_t base_count = base != nullptr ? base->count : 0, new_count = now != nullptr ? now->count : 0;
  const uint64_t base_size = base != nullptr ? base->self_size : 0, new_size = now != nullptr ? now->self_size : 0;
  delta.added_count = new_count > base_count ? new_count - base_count : 0;
  delta.removed_count = base_count > new_count ? base_count - new_count : 0;
  delta.added_size = new_size > base_size ? new_size - base_size : 0;
  delta.removed_size = base_size > new_size ? base_size - new_size : 0;
}

ProcessMatch MatchProcess(const DiffSide& base, const DiffSide& now) {
  ProcessMatch match;
  // NEW class index -> BASE class index with the same key (UINT32_MAX: none).
  std::vector<uint32_t> base_class_of(now.classes.size(), UINT32_MAX);
  for (size_t c = 0, b = 0; c < now.classes.size(); ++c) {
    while (b < base.classes.size() && base.classes[b].key < now.classes[c].key) ++b;
    if (b < base.classes.size() && base.classes[b].key == now.classes[c].key) {
      base_class_of[c] = static_cast<uint32_t>(b);
    }
  }
  uint64_t shared_bytes = 0, consistent_bytes = 0;
  for (size_t c = 0; c < now.classes.size(); ++c) {
    const DiffClass& cls = now.classes[c];
    for (size_t k = 0; k < cls.ids.size(); ++k) {
      auto it = std::lower_bound(base.nodes.begin(), base.nodes.end(), IdClass{cls.ids[k], 0}, IdLess);
      if (it == base.nodes.end() || it->id != cls.ids[k]) continue;
      ++match.shared_id_objects;
      shared_bytes += cls.self_sizes[k];
      if (it->class_index == base_class_of[c] && it->class_index != UINT32_MAX) {
        ++match.consistent_objects;
        consistent_bytes += cls.self_sizes[k];
      }
    }
  }
  match.consistent_share =
      shared_bytes == 0 ? 0.0 : static_cast<double>(consistent_bytes) / static_cast<double>(shared_bytes);
  match.same_process = match.consistent_share >= kSameProcessMinShare;
  return match;
}

}  // namespace

int64_t SignedDelta(uint64_t from, uint64_t to) {
  return to >= from ? static_cast<int64_t>(to - from) : -static_cast<int64_t>(from - to);
}

DiffSide CollectSide(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  std::vector<uint32_t> node_rows;
  std::vector<ClassRow> rows = ComputeClassHistogram(graph, analysis, &node_rows);
  // Classes by key, so that two sides merge in one pass.
  std::vector<uint32_t> by_key(rows.size());
  std::iota(by_key.begin(), by_key.end(), 0u);
  std::sort(by_key.begin(), by_key.end(), [&rows](uint32_t a, uint32_t b) { return rows[a].key < rows[b].key; });
  std::vector<uint32_t> class_of_row(rows.size());
  DiffSide side;
  side.classes.resize(rows.size());
  for (uint32_t k = 0; k < by_key.size(); ++k) {
    ClassRow& row = rows[by_key[k]];
    class_of_row[by_key[k]] = k;
    DiffClass& cls = side.classes[k];
    cls.key = std::move(row.key);
    cls.name = std::move(row.name);
    cls.count = row.count;
    cls.self_size = row.self_size;
    cls.retained_size = row.retained_size;
    cls.ids.reserve(row.count);
    cls.self_sizes.reserve(row.count);
  }
  side.node_count = graph.node_count();
  // Nodes in id order; each class's instances then come out sorted by id.
  std::vector<uint32_t> order(graph.node_count());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&graph](uint32_t a, uint32_t b) { return graph.node_id(a) < graph.node_id(b); });
  side.nodes.reserve(order.size());
  for (uint32_t node : order) {
    const uint32_t row = node_rows[node];
    const uint32_t cls = row == UINT32_MAX ? UINT32_MAX : class_of_row[row];
    side.nodes.push_back(IdClass{graph.node_id(node), cls});
    if (cls == UINT32_MAX) continue;
    side.classes[cls].ids.push_back(graph.node_id(node));
    side.classes[cls].self_sizes.push_back(analysis.self_size[node]);
  }
  side.total_size = analysis.dominators.retained_size[graph.root()];
  return side;
}

SnapshotDiff ComputeSnapshotDiff(const DiffSide& base, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                 size_t top_new) {
  const DiffSide now = CollectSide(graph, analysis);
  SnapshotDiff diff;
  diff.process = MatchProcess(base, now);

  size_t b = 0, n = 0;
  while (b < base.classes.size() || n < now.classes.size()) {
    const DiffClass* base_class = nullptr;
    const DiffClass* new_class = nullptr;
    if (n == now.classes.size() || (b < base.classes.size() && base.classes[b].key < now.classes[n].key)) {
      base_class = &base.classes[b++];
    } else if (b == base.classes.size() || now.classes[n].key < base.classes[b].key) {
      new_class = &now.classes[n++];
    } else {
      base_class = &base.classes[b++];
      new_class = &now.classes[n++];
    }
    ClassDelta delta;
    const DiffClass& any = new_class != nullptr ? *new_class : *base_class;
    delta.key = any.key;
    delta.name = any.name;
    if (diff.process.same_process) {
      MergeById(base_class, new_class, delta);
    } else {
      MatchByKey(base_class, new_class, delta);
    }
    delta.count_delta = SignedDelta(delta.removed_count, delta.added_count);
    delta.size_delta = SignedDelta(delta.removed_size, delta.added_size);
    if (base_class != nullptr) {
      delta.base_count = base_class->count;
      delta.base_self_size = base_class->self_size;
      delta.base_retained_size = base_class->retained_size;
    }
    if (new_class != nullptr) {
      delta.new_count = new_class->count;
      delta.new_self_size = new_class->self_size;
      delta.new_retained_size = new_class->retained_size;
    }
    delta.retained_delta = SignedDelta(delta.base_retained_size, delta.new_retained_size);
    delta.in_devtools = delta.added_count != 0 || delta.removed_count != 0;
    diff.totals.base_count += delta.base_count;
    diff.totals.new_count += delta.new_count;
    diff.totals.added_count += delta.added_count;
    diff.totals.removed_count += delta.removed_count;
    diff.totals.added_size += delta.added_size;
    diff.totals.removed_size += delta.removed_size;
    diff.classes.push_back(std::move(delta));
  }
  diff.totals.base_size = base.total_size;
  diff.totals.new_size = now.total_size;

  if (!diff.process.same_process) return diff;
  // New objects: NEW ids that BASE does not have (any shallow size in BASE).
  std::vector<uint32_t> fresh;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (analysis.self_size[node] == 0) continue;
    const NodeId id = graph.node_id(node);
    auto it = std::lower_bound(base.nodes.begin(), base.nodes.end(), IdClass{id, 0}, IdLess);
    if (it != base.nodes.end() && it->id == id) continue;
    fresh.push_back(node);
  }
  diff.new_object_count = fresh.size();
  const auto& retained = analysis.dominators.retained_size;
  auto larger = [&](uint32_t a, uint32_t c) {
    if (retained[a] != retained[c]) return retained[a] > retained[c];
    return graph.node_id(a) < graph.node_id(c);
  };
  const size_t shown = std::min(top_new, fresh.size());
  std::partial_sort(fresh.begin(), fresh.begin() + static_cast<std::ptrdiff_t>(shown), fresh.end(), larger);
  for (size_t k = 0; k < shown; ++k) {
    const uint32_t node = fresh[k];
    diff.top_new_objects.push_back(NewObject{graph.node_id(node), node, analysis.class_names.of(node),
                                             analysis.self_size[node], retained[node], std::nullopt});
  }
  return diff;
}

void AddRetainerPaths(const graph::Graph& graph, const graph::HeapAnalysis& analysis, SnapshotDiff& diff) {
  if (diff.top_new_objects.empty()) return;
  const graph::Retainers retainers = graph::Retainers::Build(graph);
  graph::RetainerPathFinder finder(graph, retainers, analysis.distance, analysis.detachedness);
  for (NewObject& object : diff.top_new_objects) object.path = finder.ShortestPath(object.node);
}

}  // namespace heapsleuth::analysis
