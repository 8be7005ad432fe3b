#include "lib/analysis/path_shape.h"

#include <algorithm>

#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string ShapeName(std::string_view name) {
  if (!name.empty() && std::all_of(name.begin(), name.end(), IsDigit)) return "#";
  std::string out;
  size_t i = 0;
  if (!name.empty() && IsDigit(name[0])) {
    size_t digits = 0;
    while (digits < name.size() && IsDigit(name[digits])) ++digits;
    if (name.substr(digits).starts_with(" / ")) {
      out = "#";
      i = digits;
    }
  }
  for (; i < name.size(); ++i) {
    out.push_back(name[i]);
    if (name[i] == '@' && i + 1 < name.size() && IsDigit(name[i + 1])) {
      out.push_back('#');
      while (i + 1 < name.size() && IsDigit(name[i + 1])) ++i;
    }
  }
  return out;
}

std::string PathShapeKey(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                         const std::optional<graph::RetainerPath>& path) {
  if (!path) return std::string("\0unreachable", 12);
  std::string key;
  for (const graph::PathStep& step : path->steps) {
    const std::string name = graph.edge_has_string_name(step.edge) ? ShapeName(graph.edge_name(step.edge)) : "#";
    const std::string& cls = analysis.class_names.of(step.node);
    StrAppend(&key, graph.edge_type(step.edge), ":", name.size(), ":", name, ":", cls.size(), ":", cls, ";");
  }
  return key;
}

}  // namespace heapsleuth::analysis
