#include "lib/analysis/object_details.h"

#include "lib/base/js_string.h"
#include "lib/graph/node_names.h"

namespace heapsleuth::analysis {
namespace {

// `text` cut to `max_chars` code points; whether anything was cut.
bool CutToCodePoints(std::string& text, size_t max_chars) {
  size_t i = 0, chars = 0;
  while (i < text.size() && chars < max_chars) {
    NextCodePoint(text, i);
    ++chars;
  }
  if (i >= text.size()) return false;
  text.resize(i);
  return true;
}

}  // namespace

ObjectDetails DescribeObject(const graph::Graph& graph, const graph::Retainers& retainers, uint32_t node,
                             size_t max_edges, size_t max_string) {
  const graph::NodeTypes& nt = graph.node_types();
  const graph::EdgeTypes& et = graph.edge_types();
  ObjectDetails details;
  details.node = node;
  details.retainer_count = retainers.count(node);
  const uint32_t begin = graph.first_edge(node), end = graph.first_edge(node + 1);
  details.edge_count = end - begin;
  for (uint32_t edge = begin; edge < end && (max_edges == 0 || details.edges.size() < max_edges); ++edge) {
    details.edges.push_back(edge);
  }

  const uint8_t type = graph.node_type(node);
  if (type == nt.string || type == nt.sliced_string) {
    StringText text;
    text.text = std::string(graph.node_name(node));
    text.length = Utf16Length(text.text);
    text.truncated = CutToCodePoints(text.text, max_string);
    details.string = std::move(text);
  } else if (type == nt.concatenated_string) {
    // Collect more units than `max_string` code points can take (two units
    // each at most), so a longer string is known to be cut. When it is not
    // cut, the parts ran out first: the whole text is there.
    StringText text;
    text.text = graph::ConsStringText(graph, node, 2 * max_string + 2);
    const size_t units = Utf16Length(text.text);
    text.truncated = CutToCodePoints(text.text, max_string);
    if (!text.truncated) text.length = units;
    details.string = std::move(text);
  }

  if (type == nt.closure) {
    for (uint32_t edge = begin; edge < end; ++edge) {
      if (graph.edge_type(edge) == et.internal && graph.edge_name(edge) == "context") {
        details.context = graph.edge_to_node(edge);
        break;
      }
    }
    if (details.context) {
      const uint32_t context = *details.context;
      for (uint32_t edge = graph.first_edge(context); edge < graph.first_edge(context + 1); ++edge) {
        if (graph.edge_type(edge) == et.context) details.context_variables.push_back(edge);
      }
    }
  }
  return details;
}

}  // namespace heapsleuth::analysis
