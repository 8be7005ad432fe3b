#include "lib/graph/class_names.h"

#include <algorithm>
#include <span>
#include <map>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "lib/base/str_cat.h"
#include "lib/base/js_string.h"
#include "lib/graph/dom_state.h"

namespace heapsleuth::graph {
namespace {

// DevTools' limits on inferred interfaces (HeapSnapshot.ts).
constexpr size_t kMinInterfacePropertyCount = 1;
constexpr size_t kMaxInterfaceNameLength = 120;
constexpr double kMinObjectCountPerInterface = 2;
constexpr double kMinObjectProportionPerInterface = 1000;

// Interns class names so that equal names share one index.
class NameTable {
 public:
  uint32_t Intern(std::string_view name) {
    auto it = index_.find(std::string(name));
    if (it != index_.end()) return it->second;
    uint32_t index = static_cast<uint32_t>(names_.size());
    names_.emplace_back(name);
    index_.emplace(names_.back(), index);
    return index;
  }
  std::vector<std::string> Take() { return std::move(names_); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> index_;
};

struct Utf16Less {
  bool operator()(std::string_view a, std::string_view b) const { return CompareUtf16(a, b) < 0; }
};

// A candidate interface while inferring; its properties point into the graph.
struct Candidate {
  std::string name;
  std::vector<std::string_view> properties;  // In the order of the first object seen.
  uint64_t count = 0;
};

bool IsPlainObject(const Graph& graph, uint32_t node) {
  return graph.node_type(node) == graph.node_types().object && graph.node_name(node) == "Object";
}

}  // namespace

InterfaceDefinitions InferInterfaceDefinitions(const Graph& graph) {
  const uint8_t property = graph.edge_types().property;
  std::vector<Candidate> candidates;
  std::unordered_map<std::string, size_t> by_name;
  uint64_t plain_objects = 0;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (!IsPlainObject(graph, node)) continue;
    ++plain_objects;
    std::string name = "{";
    size_t name_length = 1;  // In UTF-16 units, as DevTools measures it.
    std::vector<std::string_view> properties;
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      if (graph.edge_type(edge) != property) continue;
      std::string_view edge_name = graph.edge_name(edge);
      if (edge_name == "__proto__") continue;
      std::string formatted = FormatPropertyName(edge_name);
      size_t formatted_length = Utf16Length(formatted);
      if (name_length > kMinInterfacePropertyCount && name_length + formatted_length > kMaxInterfaceNameLength) {
        break;
      }
      if (name_length != 1) {
        name += ", ";
        name_length += 2;
      }
      name += formatted;
      name_length += formatted_length;
      properties.push_back(edge_name);
    }
    if (properties.empty()) continue;
    name += "}";
    auto [it, inserted] = by_name.try_emplace(name, candidates.size());
    if (inserted) {
      candidates.push_back(Candidate{std::move(name), std::move(properties), 1});
    } else {
      ++candidates[it->second].count;
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.count > b.count; });
  const double min_count = std::max(kMinObjectCountPerInterface,
                                    static_cast<double>(plain_objects) / kMinObjectProportionPerInterface);
  InterfaceDefinitions result;
  for (size_t i = 0; i < candidates.size() && static_cast<double>(candidates[i].count) >= min_count; ++i) {
    result.push_back(InterfaceDefinition{std::move(candidates[i].name),
                                         {candidates[i].properties.begin(), candidates[i].properties.end()}});
  }
  return result;
}

namespace {

// applyInterfaceDefinitions' property tree: a trie over sorted property
// names; a node that ends an interface records it.
struct PropertyTreeNode {
  std::map<std::string_view, std::unique_ptr<PropertyTreeNode>, Utf16Less> next;
  int match = -1;  // Interface index, or -1.
  uint32_t match_property_count = 0;
};

// selectBetterMatch: more properties win, then the earlier interface.
bool IsBetter(int candidate, uint32_t candidate_count, int best, uint32_t best_count) {
  if (candidate < 0) return false;
  if (best < 0) return true;
  if (candidate_count != best_count) return candidate_count > best_count;
  return candidate < best;
}

void ApplyInterfaces(const Graph& graph, const InterfaceDefinitions& interfaces, NameTable& names,
                     std::vector<uint32_t>& node_class) {
  PropertyTreeNode tree;
  for (size_t i = 0; i < interfaces.size(); ++i) {
    std::vector<std::string_view> sorted(interfaces[i].properties.begin(), interfaces[i].properties.end());
    std::sort(sorted.begin(), sorted.end(), Utf16Less());
    PropertyTreeNode* current = &tree;
    for (std::string_view property : sorted) {
      std::unique_ptr<PropertyTreeNode>& next = current->next[property];
      if (!next) next = std::make_unique<PropertyTreeNode>();
      current = next.get();
    }
    if (current->match < 0) {
      current->match = static_cast<int>(i);
      current->match_property_count = static_cast<uint32_t>(sorted.size());
    }
  }
  if (interfaces.empty()) return;

  const uint8_t property = graph.edge_types().property;
  std::vector<std::string_view> properties;
  std::vector<const PropertyTreeNode*> states, next_states;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (!IsPlainObject(graph, node)) continue;
    properties.clear();
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      if (graph.edge_type(edge) == property) properties.push_back(graph.edge_name(edge));
    }
    std::sort(properties.begin(), properties.end(), Utf16Less());
    // All trie nodes whose path is a sub-multiset of the properties so far.
    states.assign(1, &tree);
    int best = tree.match;
    uint32_t best_count = tree.match_property_count;
    for (std::string_view name : properties) {
      const size_t existing = states.size();
      for (size_t s = 0; s < existing; ++s) {
        auto it = states[s]->next.find(name);
        if (it == states[s]->next.end()) continue;
        const PropertyTreeNode* next = it->second.get();
        if (std::find(states.begin(), states.end(), next) == states.end()) states.push_back(next);
        if (IsBetter(next->match, next->match_property_count, best, best_count)) {
          best = next->match;
          best_count = next->match_property_count;
        }
      }
      // Drop states with no transition left: later names sort at or after this one.
      next_states.clear();
      for (size_t s = 0; s < states.size(); ++s) {
        const auto& transitions = states[s]->next;
        bool exhausted = transitions.empty() || CompareUtf16(name, transitions.rbegin()->first) >= 0;
        if (s >= existing || !exhausted) next_states.push_back(states[s]);
      }
      states.swap(next_states);
    }
    if (best >= 0) node_class[node] = names.Intern(interfaces[static_cast<size_t>(best)].name);
  }
}

}  // namespace

std::string FormatPropertyName(std::string_view name) {
  if (name.find_first_of(",'\"{}") == std::string_view::npos) return std::string(name);
  // JSON.stringify({[name]: 0}) without the braces and ":0".
  return JsonStringifyJs(name);
}

ClassNames ComputeClassNames(const Graph& graph, std::span<const uint8_t> detachedness,
                             const InterfaceDefinitions* interfaces) {
  const NodeTypes& nt = graph.node_types();
  NameTable names;
  const uint32_t system = names.Intern("(system)");
  const uint32_t compiled_code = names.Intern("(compiled code)");
  const uint32_t function = names.Intern("Function");
  const uint32_t regexp = names.Intern("RegExp");
  std::vector<uint32_t> type_class(graph.meta().node_types.size());
  for (size_t type = 0; type < type_class.size(); ++type) {
    type_class[type] = names.Intern(StrCat("(", graph.meta().node_types[type], ")"));
  }
  // Object and native names repeat a lot: intern each name string once.
  std::unordered_map<uint32_t, uint32_t> plain_name_class, detached_name_class;

  ClassNames result;
  std::vector<uint32_t> node_class(graph.node_count());
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    const uint8_t type = graph.node_type(node);
    uint32_t cls;
    if (type == nt.hidden) {
      cls = system;
    } else if (type == nt.object || type == nt.native) {
      const bool detached = IsRenamedDetached(graph, detachedness, node);
      auto& cache = detached ? detached_name_class : plain_name_class;
      auto [it, inserted] = cache.try_emplace(graph.node_name_id(node).value(), 0);
      if (inserted) {
        std::string name = detached ? StrCat("Detached ", graph.node_name(node))
                                    : std::string(graph.node_name(node));
        // '<div id="a">' -> '<div>'; 'Detached <div id="a">' -> 'Detached <div>'.
        if (name.starts_with("<")) {
          size_t space = name.find(' ');
          if (space != std::string::npos) name = name.substr(0, space) + ">";
        } else if (name.starts_with("Detached <")) {
          size_t space = name.find(' ', 10);
          if (space != std::string::npos) name = name.substr(0, space) + ">";
        }
        it->second = names.Intern(name);
      }
      cls = it->second;
    } else if (type == nt.code) {
      cls = compiled_code;
    } else if (type == nt.closure) {
      cls = function;
    } else if (type == nt.regexp) {
      cls = regexp;
    } else {
      cls = type_class[type];
    }
    node_class[node] = cls;
  }
  if (interfaces != nullptr) {
    ApplyInterfaces(graph, *interfaces, names, node_class);
  } else {
    ApplyInterfaces(graph, InferInterfaceDefinitions(graph), names, node_class);
  }
  result.node_class = std::move(node_class);
  result.names = names.Take();
  return result;
}

}  // namespace heapsleuth::graph
