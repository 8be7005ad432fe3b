#include "lib/graph/weak_map_edges.h"

#include "lib/graph/edge_halves.h"

namespace heapsleuth::graph {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Strips a maximal non-empty run of digits from the end of `text`.
bool StripTrailingDigits(std::string_view& text, std::string_view* digits) {
  size_t end = text.size();
  size_t start = end;
  while (start > 0 && IsDigit(text[start - 1])) --start;
  if (start == end) return false;
  if (digits != nullptr) *digits = text.substr(start);
  text = text.substr(0, start);
  return true;
}

bool StripSuffix(std::string_view& text, std::string_view suffix) {
  if (!text.ends_with(suffix)) return false;
  text.remove_suffix(suffix.size());
  return true;
}

// JS line terminators, which `.` does not match: \n, \r, U+2028, U+2029.
bool HasLineTerminator(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') return true;
    if (text.substr(i).starts_with("\xE2\x80\xA8") || text.substr(i).starts_with("\xE2\x80\xA9")) return true;
  }
  return false;
}

}  // namespace

std::optional<WeakMapEdgeName> ParseWeakMapEdgeName(std::string_view name) {
  size_t digits = 0;
  while (digits < name.size() && IsDigit(name[digits])) ++digits;
  if (digits == 0) return std::nullopt;
  const std::string_view duplicated_part = name.substr(digits);
  constexpr std::string_view kKeyPrefix = " / part of key (";
  if (!duplicated_part.starts_with(kKeyPrefix)) return std::nullopt;

  // Parse the fixed tail from the end: " @<d>) pair in WeakMap (table @<d>)".
  std::string_view rest = duplicated_part.substr(kKeyPrefix.size());
  std::string_view table_digits;
  if (!StripSuffix(rest, ")") || !StripTrailingDigits(rest, &table_digits) ||
      !StripSuffix(rest, ") pair in WeakMap (table @") || !StripTrailingDigits(rest, nullptr) ||
      !StripSuffix(rest, " @")) {
    return std::nullopt;
  }
  // What is left is "<key> @<d>) -> value (<value>", with no line terminators.
  if (HasLineTerminator(rest)) return std::nullopt;
  constexpr std::string_view kValueSeparator = ") -> value (";
  bool found = false;
  for (size_t at = rest.find(kValueSeparator); at != std::string_view::npos && !found;
       at = rest.find(kValueSeparator, at + 1)) {
    std::string_view before = rest.substr(0, at);
    found = StripTrailingDigits(before, nullptr) && before.ends_with(" @");
  }
  if (!found) return std::nullopt;

  WeakMapEdgeName result{duplicated_part, std::nullopt};
  uint64_t table_id = 0;
  for (char c : table_digits) {
    table_id = table_id * 10 + static_cast<uint64_t>(c - '0');
    if (table_id > UINT32_MAX) return result;  // No node has such an id.
  }
  result.table_id = static_cast<NodeId>(table_id);
  return result;
}

std::vector<bool> FindWeakMapEdges(const Graph& graph) {
  const uint8_t internal = graph.edge_types().internal;
  std::vector<bool> weak_map(graph.edge_count(), false);
  ForEdgeHalves(graph, [&](uint32_t first_edge, uint32_t end_edge, uint32_t) {
    WeakMapEdgeNames names(graph);  // Its cache is the thread's own.
    for (uint32_t edge = first_edge; edge < end_edge; ++edge) {
      if (graph.edge_type(edge) == internal && names.Parse(StringId(graph.edge_name_or_index(edge)))) {
        weak_map[edge] = true;
      }
    }
  });
  return weak_map;
}

}  // namespace heapsleuth::graph
