#include "lib/analysis/duplicated_strings.h"

#include <algorithm>
#include <unordered_map>

#include "lib/base/str_cat.h"
#include "lib/graph/distances.h"

namespace heapsleuth::analysis {
namespace {

// The first `limit` characters (UTF-8 safe: never cuts inside a sequence).
std::string Shorten(std::string_view text, size_t limit) {
  if (text.size() <= limit) return std::string(text);
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return StrCat(text.substr(0, cut), "…");
}

}  // namespace

std::vector<Finding> FindDuplicatedStrings(const LeakContext& ctx, const DuplicatedStringOptions& options) {
  const graph::Graph& graph = ctx.graph;
  struct Copies {
    uint64_t count = 0;
    uint32_t first = kNoNode;
  };
  std::unordered_map<uint64_t, Copies> by_text;  // (string id << 32 | size) → copies.
  const uint8_t string_type = graph.node_types().string;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (graph.node_type(node) != string_type) continue;
    const int32_t distance = ctx.analysis.distance[node];
    if (distance < 0 || distance >= graph::kBaseSystemDistance) continue;
    const uint64_t size = graph.raw_self_size(node);
    if (size > UINT32_MAX) continue;  // Not a string worth keying; sizes of real strings fit.
    Copies& copies = by_text[(uint64_t{graph.node_name_id(node).value()} << 32) | size];
    if (copies.count++ == 0) copies.first = node;
  }
  struct Candidate {
    uint64_t key, wasted;
    Copies copies;
  };
  std::vector<Candidate> candidates;
  for (const auto& [key, copies] : by_text) {
    if (copies.count < options.min_copies) continue;
    const uint64_t wasted = (copies.count - 1) * (key & UINT32_MAX);
    if (wasted >= options.min_wasted_bytes) candidates.push_back({key, wasted, copies});
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(b.wasted, a.key) < std::tie(a.wasted, b.key);
  });
  if (candidates.size() > options.max_findings) candidates.resize(options.max_findings);
  std::vector<Finding> findings;
  for (const Candidate& candidate : candidates) {
    const uint32_t first = candidate.copies.first;
    Finding finding;
    finding.kind = FindingKind::kDuplicatedStrings;
    finding.priority = FindingPriority::kLow;
    finding.subject = StrCat("\"", Shorten(graph.node_name(first), 60), "\"");
    finding.count = candidate.copies.count;
    finding.retained_size = candidate.copies.count * (candidate.key & UINT32_MAX);  // Strings are leaves.
    finding.representative = first;
    finding.path = ctx.paths.ShortestPath(first);
    finding.items.push_back(FindingItem{"wasted", kNoNode, candidate.copies.count - 1, candidate.wasted});
    findings.push_back(std::move(finding));
  }
  RankFindings(findings);
  return findings;
}

}  // namespace heapsleuth::analysis
