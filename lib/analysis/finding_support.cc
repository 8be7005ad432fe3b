#include "lib/analysis/finding_support.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

bool IsIdentifier(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool IsGlobalObject(const graph::Graph& graph, uint32_t node) {
  if (graph.node_type(node) != graph.node_types().object) return false;
  const std::string_view name = graph.node_name(node);
  return name == "global" || name.starts_with("Window");
}

// Internal edges that only lead into an object's own storage.
bool IsStorageEdge(std::string_view name) {
  return name == "elements" || name == "table" || name == "properties" || name == "context" || name == "previous" ||
         name.empty() || (name[0] >= '0' && name[0] <= '9');
}

// The label of one step, or empty when the step is not worth naming.
std::string StepLabel(const graph::Graph& graph, uint32_t edge) {
  const graph::EdgeTypes& types = graph.edge_types();
  const uint8_t type = graph.edge_type(edge);
  if (type == types.element) return StrCat("[", graph.edge_name_or_index(edge), "]");
  if (type == types.context) return StrCat("→", graph.edge_name(edge));
  if (type == types.property) {
    const std::string_view name = graph.edge_name(edge);
    if (IsIdentifier(name)) return StrCat(".", name);
    return StrCat("[", graph::FormatPropertyName(name), "]");
  }
  if (type == types.internal && !IsStorageEdge(graph.edge_name(edge))) return StrCat(".", graph.edge_name(edge));
  return {};
}

// A value a program made (not an engine internal such as code or a map).
bool IsUserValue(const graph::Graph& graph, uint32_t node) {
  const graph::NodeTypes& types = graph.node_types();
  const uint8_t type = graph.node_type(node);
  if (type == types.object) return !graph.node_name(node).starts_with("system / ");
  return type == types.closure || type == types.array || type == types.string || type == types.regexp ||
         type == types.concatenated_string || type == types.sliced_string;
}

}  // namespace

uint32_t FollowNamedEdge(const graph::Graph& graph, uint32_t node, std::string_view name) {
  if (node >= graph.node_count()) return kNoNode;
  for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
    if (graph.edge_has_string_name(edge) && graph.edge_name(edge) == name) return graph.edge_to_node(edge);
  }
  return kNoNode;
}

std::string PathExpression(const graph::Graph& graph, const graph::RetainerPath& path, size_t max_steps) {
  const std::vector<graph::PathStep>& steps = path.steps;
  // Start after the last global object on the path, if any.
  size_t start = 0;
  std::string head;
  for (size_t i = 0; i < steps.size(); ++i) {
    const uint32_t from = i == 0 ? graph.root() : steps[i - 1].node;
    if (IsGlobalObject(graph, from)) {
      start = i;
      head = graph.node_name(from).starts_with("Window") ? "window" : "global";
    }
  }
  std::vector<std::string> labels;
  for (size_t i = start; i < steps.size(); ++i) {
    std::string label = StepLabel(graph, steps[i].edge);
    if (!label.empty()) labels.push_back(std::move(label));
  }
  if (labels.empty()) return head;
  std::string out;
  if (labels.size() > max_steps) {
    labels.erase(labels.begin(), labels.end() - static_cast<std::ptrdiff_t>(max_steps));
    out = "…";
  } else if (!head.empty()) {
    out = head;
  } else {
    // No global object: name the object the first kept step starts from.
    size_t first = start;
    while (first < steps.size() && StepLabel(graph, steps[first].edge).empty()) ++first;
    const uint32_t from = first == 0 ? graph.root() : steps[first - 1].node;
    out = StrCat("(", graph.node_name(from), ")");
  }
  for (const std::string& label : labels) out += label;
  return out;
}

std::vector<FindingItem> CapturedVariables(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                           uint32_t closure, uint64_t min_size) {
  std::vector<FindingItem> items;
  const auto& dominator = analysis.dominators.dominator;
  const auto& retained = analysis.dominators.retained_size;
  const uint8_t context_edge = graph.edge_types().context;
  const uint8_t hidden_edge = graph.edge_types().hidden;
  uint32_t owner = closure;
  uint32_t context = FollowNamedEdge(graph, closure, "context");
  // A chain is short (nesting depth); the bound guards against a cycle in a
  // malformed file.
  for (int depth = 0; depth < 64 && context != kNoNode && dominator[context] == owner; ++depth) {
    for (uint32_t edge = graph.first_edge(context); edge < graph.first_edge(context + 1); ++edge) {
      // Named variables are `context` edges; when V8 had no name for a slot
      // (seen in ES module scripts), the value hangs on a numbered hidden edge.
      const bool named = graph.edge_type(edge) == context_edge;
      if (!named && graph.edge_type(edge) != hidden_edge) continue;
      const uint32_t value = graph.edge_to_node(edge);
      if (!named && !IsUserValue(graph, value)) continue;
      if (dominator[value] != context || retained[value] < min_size) continue;
      std::string label =
          named ? std::string(graph.edge_name(edge)) : StrCat("(context slot ", graph.edge_name_or_index(edge), ")");
      items.push_back(FindingItem{std::move(label), value, 1, retained[value]});
    }
    owner = context;
    context = FollowNamedEdge(graph, context, "previous");
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const FindingItem& a, const FindingItem& b) { return a.size > b.size; });
  return items;
}

std::vector<FindingItem> TopClasses(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                    const std::vector<uint32_t>& nodes, size_t limit) {
  struct Tally {
    uint64_t count = 0, size = 0;
    uint32_t first = kNoNode;
  };
  std::unordered_map<uint32_t, Tally> tallies;
  for (uint32_t node : nodes) {
    if (node >= graph.node_count()) continue;
    Tally& tally = tallies[analysis.class_names.node_class[node]];
    ++tally.count;
    tally.size += analysis.dominators.retained_size[node];
    if (tally.first == kNoNode) tally.first = node;
  }
  std::vector<FindingItem> items;
  for (const auto& [klass, tally] : tallies) {
    items.push_back(FindingItem{analysis.class_names.names[klass], tally.first, tally.count, tally.size});
  }
  std::sort(items.begin(), items.end(), [](const FindingItem& a, const FindingItem& b) {
    return std::tie(b.count, b.size, a.label) < std::tie(a.count, a.size, b.label);
  });
  if (items.size() > limit) items.resize(limit);
  return items;
}

std::string FunctionName(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node) {
  if (node >= graph.node_count()) return "(unknown)";
  if (graph.node_type(node) == graph.node_types().closure || graph.node_type(node) == graph.node_types().code) {
    const std::string_view name = graph.node_name(node);
    return name.empty() ? "(anonymous)" : std::string(name);
  }
  return analysis.class_names.of(node);
}

}  // namespace heapsleuth::analysis
