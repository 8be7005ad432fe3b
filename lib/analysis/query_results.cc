#include "lib/analysis/query_results.h"

#include <algorithm>

#include "lib/analysis/query_eval.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

// Sorts `nodes` by `key`; ties by ordinal, so the order is total and a
// partial sort for a small limit gives the same first rows as a full one.
void SortNodes(std::vector<uint32_t>& nodes, const SortKey& key, size_t limit, const NodeFieldReader& fields) {
  const FieldKind kind = InfoOf(key.field).kind;
  const size_t keep = std::min(limit, nodes.size());
  if (kind == FieldKind::kString || kind == FieldKind::kNodeType) {
    std::vector<std::pair<std::string_view, uint32_t>> keyed;
    keyed.reserve(nodes.size());
    for (uint32_t node : nodes) keyed.emplace_back(fields.Text(key.field, node), node);
    auto less = [&](const auto& a, const auto& b) {
      if (a.first != b.first) return key.descending ? a.first > b.first : a.first < b.first;
      return a.second < b.second;
    };
    std::partial_sort(keyed.begin(), keyed.begin() + static_cast<ptrdiff_t>(keep), keyed.end(), less);
    for (size_t i = 0; i < keep; ++i) nodes[i] = keyed[i].second;
  } else {
    struct Keyed {
      bool absent;
      int64_t value;
      uint32_t node;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(nodes.size());
    for (uint32_t node : nodes) {
      std::optional<int64_t> value = fields.Number(key.field, node);
      keyed.push_back({!value.has_value(), value.value_or(0), node});
    }
    auto less = [&](const Keyed& a, const Keyed& b) {
      if (a.absent != b.absent) return b.absent;
      if (a.value != b.value) return key.descending ? a.value > b.value : a.value < b.value;
      return a.node < b.node;
    };
    std::partial_sort(keyed.begin(), keyed.begin() + static_cast<ptrdiff_t>(keep), keyed.end(), less);
    for (size_t i = 0; i < keep; ++i) nodes[i] = keyed[i].node;
  }
  nodes.resize(keep);
}

}  // namespace

absl::StatusOr<SortKey> ParseSortKey(std::string_view spec) {
  std::optional<bool> descending;
  if (!spec.empty() && (spec[0] == '+' || spec[0] == '-')) {
    descending = spec[0] == '-';
    spec.remove_prefix(1);
  }
  const QueryFieldInfo* info = FindQueryField(spec);
  if (info == nullptr) {
    return absl::InvalidArgumentError(StrCat("--sort: unknown field '", spec, "' (fields: ", QueryFieldNames(), ")"));
  }
  return SortKey{info->field, descending.value_or(info->sort_descending)};
}

QueryResult RunQuery(const Query& query, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                     const QueryOptions& options) {
  QueryMatcher matcher(query, graph, analysis);
  QueryResult result;
  std::vector<bool> matched(graph.node_count(), false);
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (!matcher.Matches(node)) continue;
    matched[node] = true;
    result.nodes.push_back(node);
    result.self_size += analysis.self_size[node];
  }
  result.match_count = result.nodes.size();

  // covered[n]: some proper dominator-tree ancestor of n matches.
  const graph::DominatorTree& tree = analysis.dominators;
  std::vector<bool> covered(graph.node_count(), false);
  for (uint32_t node : tree.dfs_order) {
    const uint32_t dominator = tree.dominator[node];
    if (dominator == node) continue;
    covered[node] = covered[dominator] || matched[dominator];
  }
  for (uint32_t node : result.nodes) {
    if (!covered[node]) result.retained_size += tree.retained_size[node];
  }

  if (options.sort) {
    SortNodes(result.nodes, *options.sort, options.limit, NodeFieldReader(graph, analysis));
  } else if (result.nodes.size() > options.limit) {
    result.nodes.resize(options.limit);
  }
  return result;
}

}  // namespace heapsleuth::analysis
