// The detached DOM and detached listener detectors on the checked-in Chromium
// and node samples: each leak found with its counts, every control quiet.
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "lib/analysis/detached_dom.h"
#include "lib/analysis/detached_listeners.h"
#include "lib/analysis/leak_finding.h"
#include "lib/analysis/source_place.h"
#include "lib/base/mapped_file.h"
#include "lib/graph/dom_state.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"
#include "lib/graph/retainers.h"
#include "lib/snapshot/parser.h"
#include "tests/unit/test_graph_builder.h"

namespace heapsleuth {
namespace {

// One analysed sample and everything a LeakContext points at.
struct Heap {
  graph::Graph graph;
  graph::HeapAnalysis analysis;
  graph::Retainers retainers;
  std::unique_ptr<graph::RetainerPathFinder> paths;
  analysis::ScriptNames scripts;

  analysis::LeakContext context() { return {graph, analysis, *paths, retainers, scripts}; }
};

std::unique_ptr<Heap> Analyze(graph::Graph graph) {
  NoProgress progress;
  graph::HeapAnalysis analysis = graph::AnalyzeHeap(graph, progress);
  graph::Retainers retainers = graph::Retainers::Build(graph);
  analysis::ScriptNames scripts = analysis::ScriptNames::Collect(graph);
  auto heap = std::make_unique<Heap>(
      Heap{std::move(graph), std::move(analysis), std::move(retainers), nullptr, std::move(scripts)});
  heap->paths = std::make_unique<graph::RetainerPathFinder>(heap->graph, heap->retainers, heap->analysis.distance,
                                                             heap->analysis.detachedness);
  return heap;
}

std::unique_ptr<Heap> Load(const std::string& name) {
  auto file = MappedFile::Open(std::string(HEAPSLEUTH_SAMPLES_DIR) + "/" + name);
  REQUIRE(file.ok());
  NoProgress progress;
  auto raw = snapshot::ParseSnapshot(**file, progress);
  REQUIRE(raw.ok());
  return Analyze(graph::Graph::Build(std::move(*raw)));
}

// The edge names and node names along a finding's path, for matching.
std::string PathText(const Heap& heap, const analysis::Finding& finding) {
  std::string text;
  if (!finding.path) return text;
  for (const graph::PathStep& step : finding.path->steps) {
    const graph::Graph& g = heap.graph;
    text += " -";
    text += g.edge_has_string_name(step.edge) ? std::string(g.edge_name(step.edge))
                                              : std::to_string(g.edge_name_or_index(step.edge));
    text += "-> ";
    text += heap.analysis.class_names.of(step.node);
  }
  return text;
}

const analysis::FindingItem* FindItem(const analysis::Finding& finding, const std::string& label) {
  for (const analysis::FindingItem& item : finding.items) {
    if (item.label == label) return &item;
  }
  return nullptr;
}

TEST_CASE("Detached DOM: names, ids folded, node's wrappers are not DOM") {
  CHECK(analysis::NormalizeDomName(R"(<div class="leaky-panel" id="leaky-panel-3">)") ==
        R"(<div class="leaky-panel" id="*">)");
  CHECK(analysis::NormalizeDomName("Detached <span>") == "<span>");
  CHECK(analysis::NormalizeDomName(R"(<a id="x)") == R"(<a id="x)");  // Cut names stay as they are.
  CHECK(analysis::IsDomNodeName("<button>"));
  CHECK(analysis::IsDomNodeName("Text"));
  CHECK(analysis::IsDomNodeName("Detached HTMLDivElement"));  // Older Blink's names.
  CHECK(analysis::IsDomElementName("SVGPathElement"));
  CHECK_FALSE(analysis::IsDomElementName("HTMLDocument"));
  CHECK_FALSE(analysis::IsDomNodeName("HTMLDocument"));  // Never detached; not a subtree member either.
  CHECK_FALSE(analysis::IsDomNodeName("Node / BindingData"));
  CHECK_FALSE(analysis::IsDomNodeName("blink::EventTargetData"));
  CHECK(analysis::IsDomElementName("Detached <div>"));
  CHECK_FALSE(analysis::IsDomElementName("Text"));
}

// Chromium's shapes in miniature: two detached <div>s with a <span> each,
// held by two Holder objects in Window.__held; both divs share a native
// SpaceSplitString (propagation marks it detached too) and point at the
// attached document; the first div has a click listener whose closure's
// context, with no script context in between, leads to the NativeContext.
// A node.js-style `Node / BindingData` is detached too.
TEST_CASE("Detached DOM and listeners: a hand-made graph") {
  testing::TestGraphBuilder b;
  const uint32_t window = b.AddNode("object", "Window", 100);
  const uint32_t array = b.AddNode("object", "Array", 16);
  const uint32_t doc = b.AddNode("native", "HTMLDocument", 500, graph::kAttached);
  const uint32_t shared = b.AddNode("native", "blink::SpaceSplitString::Data", 64);
  const uint32_t binding = b.AddNode("native", "Node / BindingData", 40, graph::kDetached);
  b.AddEdge(0, "element", window);
  b.AddEdge(0, "element", doc);
  b.AddEdge(0, "element", binding);
  b.AddEdge(window, "property", array, "__held");
  std::vector<uint32_t> divs;
  for (int i = 0; i < 2; ++i) {
    const uint32_t holder = b.AddNode("object", "Holder", 20);
    const uint32_t div = b.AddNode("native", "<div class=\"p\">", 100, graph::kDetached);
    const uint32_t span = b.AddNode("native", "<span>", 100, graph::kDetached);
    const uint32_t text = b.AddNode("native", "Text", 80);
    b.AddEdge(array, "element", holder);
    b.AddEdge(holder, "property", div, "el");
    b.AddEdge(div, "element", span);
    b.AddEdge(div, "element", shared);
    b.AddEdge(div, "element", doc);
    b.AddEdge(span, "element", div);
    b.AddEdge(span, "element", text);
    b.AddEdge(text, "element", span);
    divs.push_back(div);
  }
  const uint32_t target_data = b.AddNode("native", "blink::EventTargetData", 56);
  const uint32_t listener = b.AddNode("native", "EventListener", 24);
  const uint32_t v8_listener = b.AddNode("native", "V8EventListener", 40);
  const uint32_t closure = b.AddNode("closure", "onClick", 32);
  const uint32_t context = b.AddNode("object", "system / Context", 20);
  const uint32_t native_context = b.AddNode("object", "system / NativeContext", 1000);
  const uint32_t big = b.AddNode("object", "Array", 16);
  const uint32_t elements = b.AddNode("array", "(object elements)", 4000);
  b.AddEdge(divs[0], "element", target_data);
  b.AddEdge(target_data, "element", listener);
  b.AddEdge(listener, "element", v8_listener);
  b.AddEdge(v8_listener, "element", closure);
  b.AddEdge(closure, "internal", context, "context");
  b.AddEdge(context, "context", big, "bigData");
  b.AddEdge(context, "context", window, "this");
  b.AddEdge(context, "internal", native_context, "previous");
  b.AddEdge(big, "internal", elements, "elements");
  b.AddEdge(window, "property", native_context, "context");

  std::unique_ptr<Heap> heap = Analyze(b.Build());
  std::vector<analysis::Finding> dom = analysis::FindDetachedDom(heap->context());
  REQUIRE(dom.size() == 1);  // Same shape, same holder; the shared native does not merge them.
  CHECK(dom[0].subject == R"(Detached <div class="p"> held by Holder.el in Window.__held)");
  CHECK(dom[0].count == 2);
  CHECK((dom[0].representative == divs[0] || dom[0].representative == divs[1]));
  REQUIRE(FindItem(dom[0], "Text") != nullptr);
  CHECK(FindItem(dom[0], "Text")->count == 2);
  CHECK(FindItem(dom[0], "<span>")->count == 2);
  CHECK(FindItem(dom[0], "blink::SpaceSplitString::Data") == nullptr);
  // Both subtrees: 2 x (div, span, Text) and the first one's listener with its 4 KB array.
  CHECK(dom[0].retained_size == 2 * (100 + 100 + 80) + 56 + 24 + 40 + 32 + 20 + 16 + 4000);

  std::vector<analysis::Finding> listeners = analysis::FindDetachedListeners(heap->context());
  REQUIRE(listeners.size() == 1);
  CHECK(listeners[0].subject == R"(onClick listener on detached <div class="p">)");
  CHECK(listeners[0].count == 1);
  CHECK(listeners[0].representative == closure);
  CHECK(listeners[0].retained_size == 32 + 20 + 16 + 4000);
  REQUIRE(listeners[0].items.size() == 1);  // `this` is not a capture.
  CHECK(listeners[0].items[0].label == "bigData");
  CHECK(listeners[0].items[0].node == big);
  CHECK(listeners[0].items[0].size == 16 + 4000);
}

TEST_CASE("Detached DOM: chromium-leak-s3, 50 panel subtrees and 4 buttons, each held from JS") {
  std::unique_ptr<Heap> heap = Load("chromium-leak-s3.heapsnapshot.zst");
  std::vector<analysis::Finding> findings = analysis::FindDetachedDom(heap->context());
  analysis::RankFindings(findings);
  REQUIRE(findings.size() == 2);

  // Ranked by retained size: the 4 buttons keep their listeners' 100 KB arrays.
  const analysis::Finding& buttons = findings[0];
  const analysis::Finding& panels = findings[1];
  INFO(panels.subject << PathText(*heap, panels));
  CHECK(panels.kind == analysis::FindingKind::kDetachedDom);
  CHECK(panels.subject == R"(Detached <div class="leaky-panel"> held by DetachedHolder.el in Window.__detached)");
  CHECK(panels.count == 50);
  REQUIRE(FindItem(panels, "<span>") != nullptr);
  CHECK(FindItem(panels, "<span>")->count == 300);
  REQUIRE(FindItem(panels, "Text") != nullptr);
  CHECK(FindItem(panels, "Text")->count == 300);
  CHECK(FindItem(panels, R"(<div class="leaky-panel">)")->count == 50);
  // The path ends in the holder's `el` edge to the subtree root.
  REQUIRE(panels.path);
  CHECK(heap->graph.node_name(panels.representative) == R"(<div class="leaky-panel">)");
  CHECK(PathText(*heap, panels).find("-__detached-> Array") != std::string::npos);
  CHECK(PathText(*heap, panels).ends_with("-> DetachedHolder -el-> Detached <div>"));  // DevTools' class name.
  // The holder's constructor is located: "where to look".
  REQUIRE(panels.place);
  CHECK(panels.place->function == "DetachedHolder");
  // 50 subtrees of a div (104 B), 6 spans (104 B) and 6 Texts, each dominated by its div.
  CHECK(panels.retained_size >= 50 * 7 * 104);
  CHECK(panels.retained_size < 100'000);

  INFO(buttons.subject << PathText(*heap, buttons));
  CHECK(buttons.subject == R"(Detached <button class="leaky-button"> held by Window.__buttons[])");
  CHECK(buttons.count == 4);
  // Each button keeps its listener, whose closure keeps a 102,408-byte array.
  CHECK(buttons.retained_size > 4 * 102'408);
  CHECK(buttons.retained_size < 4 * 102'408 + 10'000);
}

TEST_CASE("Detached DOM: chromium-leak-s2 has half of s3; s1 has none") {
  std::unique_ptr<Heap> s2 = Load("chromium-leak-s2.heapsnapshot.zst");
  std::vector<analysis::Finding> findings = analysis::FindDetachedDom(s2->context());
  analysis::RankFindings(findings);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].subject == R"(Detached <button class="leaky-button"> held by Window.__buttons[])");
  CHECK(findings[0].count == 2);
  CHECK(findings[1].subject == R"(Detached <div class="leaky-panel"> held by DetachedHolder.el in Window.__detached)");
  CHECK(findings[1].count == 25);
  std::unique_ptr<Heap> s1 = Load("chromium-leak-s1.heapsnapshot.zst");
  CHECK(analysis::FindDetachedDom(s1->context()).empty());
  CHECK(analysis::FindDetachedListeners(s1->context()).empty());
}

TEST_CASE("Detached DOM: ids are folded, so chromium-detached-dom's 50 panels are one finding") {
  std::unique_ptr<Heap> heap = Load("chromium-detached-dom.heapsnapshot");
  std::vector<analysis::Finding> findings = analysis::FindDetachedDom(heap->context());
  analysis::RankFindings(findings);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].subject == R"(Detached <button class="leaky-button"> held by Window.leakedButtons[])");
  CHECK(findings[0].count == 2);
  CHECK(findings[1].subject ==
        R"(Detached <div class="leaky-panel" id="*"> held by PanelHolder.el in Window.leakedPanels)");
  CHECK(findings[1].count == 50);
}

TEST_CASE("Detached listeners: chromium-leak-s3, 4 onLeakyClick closures each capturing bigData") {
  std::unique_ptr<Heap> heap = Load("chromium-leak-s3.heapsnapshot.zst");
  std::vector<analysis::Finding> findings = analysis::FindDetachedListeners(heap->context());
  REQUIRE(findings.size() == 1);
  const analysis::Finding& listener = findings[0];
  INFO(listener.subject << PathText(*heap, listener));
  CHECK(listener.kind == analysis::FindingKind::kDetachedListener);
  CHECK(listener.subject == R"(onLeakyClick listener on detached <button class="leaky-button">)");
  CHECK(listener.count == 4);
  CHECK(heap->graph.node_name(listener.representative) == "onLeakyClick");
  REQUIRE(listener.place);
  CHECK(listener.place->function == "onLeakyClick");
  REQUIRE(!listener.items.empty());
  CHECK(listener.items[0].label == "bigData");
  CHECK(listener.items[0].count == 4);
  CHECK(listener.items[0].size >= 4 * 102'408);
  CHECK(listener.retained_size >= listener.items[0].size);
  CHECK(FindItem(listener, "this") == nullptr);
  CHECK(FindItem(listener, "DetachedHolder") == nullptr);  // The script context is left out.
  // Why it is alive: through the button's listener chain.
  CHECK(PathText(*heap, listener).find("V8EventListener") != std::string::npos);

  std::unique_ptr<Heap> s2 = Load("chromium-leak-s2.heapsnapshot.zst");
  std::vector<analysis::Finding> s2_findings = analysis::FindDetachedListeners(s2->context());
  REQUIRE(s2_findings.size() == 1);
  CHECK(s2_findings[0].count == 2);
}

TEST_CASE("Detached DOM and listeners: the controls give nothing") {
  for (const char* name :
       {"chromium-clean.heapsnapshot", "chromium-control-s1.heapsnapshot.zst", "chromium-control-s2.heapsnapshot.zst",
        "chromium-control-s3.heapsnapshot.zst", "node-clean-s1.heapsnapshot", "node-clean-s2.heapsnapshot",
        "node-leak-s3.heapsnapshot"}) {
    INFO(name);
    std::unique_ptr<Heap> heap = Load(name);
    CHECK(analysis::FindDetachedDom(heap->context()).empty());
    CHECK(analysis::FindDetachedListeners(heap->context()).empty());
  }
}

TEST_CASE("Detached DOM: node's own detached wrappers exist and are left out") {
  std::unique_ptr<Heap> heap = Load("node-leak-s3.heapsnapshot");
  uint32_t detached_natives = 0;
  for (uint32_t node = 0; node < heap->graph.node_count(); ++node) {
    if (heap->analysis.detachedness[node] == graph::kDetached) ++detached_natives;
  }
  CHECK(detached_natives >= 8);  // `Node / BindingData` ×7 and `Node / BlobBindingData`.
  CHECK(analysis::FindDetachedDom(heap->context()).empty());
}

}  // namespace
}  // namespace heapsleuth
