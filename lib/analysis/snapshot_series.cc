#include "lib/analysis/snapshot_series.h"

#include <algorithm>

#include "lib/analysis/class_histogram.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {

bool GrowsEveryStep(const std::vector<uint64_t>& values) {
  if (values.size() < 2) return false;
  for (size_t i = 1; i < values.size(); ++i) {
    if (values[i] <= values[i - 1]) return false;
  }
  return true;
}

double GrowthPerStep(const std::vector<uint64_t>& values) {
  if (values.size() < 2) return 0;
  return (static_cast<double>(values.back()) - static_cast<double>(values.front())) /
         static_cast<double>(values.size() - 1);
}

namespace {

// Whether a plain object keeps its properties in a separate store (V8's
// "(object properties)": a dictionary, or out-of-object fields), which is
// what an object used as a map grows. DevTools moves the store's size into
// the object's shallow size, so that size follows the number of keys.
bool HasPropertyStore(const graph::Graph& graph, uint32_t node) {
  const uint8_t internal = graph.edge_types().internal;
  for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
    if (graph.edge_type(edge) == internal && graph.edge_name(edge) == "properties") {
      return graph.node_name(graph.edge_to_node(edge)) == "(object properties)";
    }
  }
  return false;
}

}  // namespace

void SnapshotSeries::AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  const size_t index = totals_.size();
  totals_.push_back(analysis.dominators.retained_size[graph.root()]);
  for (ClassRow& row : ComputeClassHistogram(graph, analysis)) {
    Values& values = classes_[row.key];
    if (values.name.empty()) values.name = row.name;
    values.counts.resize(index + 1, 0);
    values.retained.resize(index + 1, 0);
    values.counts[index] = row.count;
    values.retained[index] = row.retained_size;
  }
  // Collections: only those in every snapshot so far can still form a series.
  const uint8_t object = graph.node_types().object;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (graph.node_type(node) != object) continue;
    const std::string& name = analysis.class_names.of(node);
    const bool plain = name == "Object" || name.starts_with('{');
    if (name != "Array" && name != "Map" && name != "Set" && !(plain && HasPropertyStore(graph, node))) continue;
    if (index == 0) {
      collections_[graph.node_id(node)].name = name;
    } else if (!collections_.contains(graph.node_id(node))) {
      continue;
    }
    Values& values = collections_[graph.node_id(node)];
    if (values.counts.size() != index) continue;  // Gone in an earlier snapshot.
    values.counts.push_back(analysis.self_size[node]);
    values.retained.push_back(analysis.dominators.retained_size[node]);
  }
  std::erase_if(collections_, [&](const auto& entry) { return entry.second.counts.size() != index + 1; });
}

std::vector<SeriesRow> SnapshotSeries::Classes() const {
  std::vector<SeriesRow> rows;
  for (const auto& [key, values] : classes_) {
    SeriesRow row{key, values.name, 0, values.counts, values.retained};
    row.counts.resize(totals_.size(), 0);
    row.retained.resize(totals_.size(), 0);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<SeriesRow> SnapshotSeries::Collections() const {
  std::vector<SeriesRow> rows;
  for (const auto& [id, values] : collections_) {
    rows.push_back(SeriesRow{StrCat("@", id), values.name, id, values.counts, values.retained});
  }
  std::sort(rows.begin(), rows.end(), [](const SeriesRow& a, const SeriesRow& b) { return a.id < b.id; });
  return rows;
}

}  // namespace heapsleuth::analysis
