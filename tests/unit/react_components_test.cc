// React component leaks (react_components.h) on the checked-in React samples
// (samples/README.md, "react18-*/react17-*"): in every leak file the three
// leaky components are named with their unmounted instances and culprits;
// the clean twin and the heaps without React give nothing.
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <string>

#include "lib/analysis/leak_finding.h"
#include "lib/analysis/react_components.h"
#include "lib/analysis/source_place.h"
#include "lib/graph/retainer_paths.h"
#include "lib/graph/retainers.h"
#include "tests/unit/sample_loader.h"

namespace heapsleuth {
namespace {

struct Heap {
  testing::LoadedSample sample;
  graph::Retainers retainers;
  analysis::ScriptNames scripts;
  std::unique_ptr<graph::RetainerPathFinder> paths;

  analysis::LeakContext context() { return {sample.graph, sample.analysis, *paths, retainers, scripts}; }
};

std::unique_ptr<Heap> Load(const std::string& name) {
  auto heap = std::make_unique<Heap>(Heap{testing::LoadSample(name), {}, {}, nullptr});
  heap->retainers = graph::Retainers::Build(heap->sample.graph);
  heap->scripts = analysis::ScriptNames::Collect(heap->sample.graph);
  heap->paths = std::make_unique<graph::RetainerPathFinder>(heap->sample.graph, heap->retainers,
                                                             heap->sample.analysis.distance,
                                                             heap->sample.analysis.detachedness);
  return heap;
}

const analysis::ReactComponent* Component(const analysis::ReactHeap& react, const std::string& name) {
  for (const analysis::ReactComponent& c : react.components) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// Component → (mounted, unmounted alive) as the samples were made: 2 PriceChart,
// 1 LiveTicker, 1 StoreBadge per Dashboard, `unmounted` Dashboards left behind.
void CheckCounts(const analysis::ReactHeap& react, uint64_t unmounted) {
  REQUIRE(react.found);
  CHECK(react.root_count == 1);
  const std::map<std::string, uint64_t> per_dashboard = {{"PriceChart", 2}, {"LiveTicker", 1}, {"StoreBadge", 1}};
  for (const auto& [name, n] : per_dashboard) {
    INFO(name);
    const analysis::ReactComponent* c = Component(react, name);
    REQUIRE(c != nullptr);
    CHECK(c->mounted == n);
    CHECK(c->unmounted.size() == n * unmounted);
    CHECK(c->renders == n * (unmounted + 1));
    CHECK(c->retained_size > 0);
  }
  for (const char* name : {"App", "Dashboard"}) {
    const analysis::ReactComponent* c = Component(react, name);
    REQUIRE(c != nullptr);
    CHECK(c->mounted == 1);
    CHECK(c->unmounted.empty());
  }
}

const analysis::Finding* FindingFor(const std::vector<analysis::Finding>& findings, const std::string& subject) {
  for (const analysis::Finding& f : findings) {
    if (f.subject == subject) return &f;
  }
  return nullptr;
}

void CheckFindings(Heap& heap, const analysis::ReactHeap& react) {
  const std::vector<analysis::Finding> findings = analysis::FindReactComponentLeaks(heap.context(), react);
  REQUIRE(findings.size() == 3);
  struct Want {
    std::string component, culprit, kind;
    uint64_t count;
  };
  for (const Want& want : {Want{"PriceChart", "onPriceChartResize", "event listener", 12},
                           Want{"LiveTicker", "tickLiveTicker", "timer", 6},
                           Want{"StoreBadge", "onStoreBadgeChange", "subscription", 6}}) {
    INFO(want.component);
    const analysis::Finding* f = FindingFor(findings, want.component);
    REQUIRE(f != nullptr);
    CHECK(f->kind == analysis::FindingKind::kReactComponent);
    CHECK(f->priority == analysis::FindingPriority::kHigh);
    CHECK(f->count == want.count);
    REQUIRE(f->items.size() == 2);
    CHECK(f->items[0].label.starts_with(want.culprit + " (" + want.kind));
    CHECK(f->items[0].count == want.count);
    CHECK(f->items[1].count == (want.component == "PriceChart" ? 2u : 1u));  // Mounted.
    REQUIRE(f->place.has_value());
    CHECK(f->place->function == want.culprit);
    REQUIRE(f->path.has_value());
    CHECK(heap.sample.graph.node_name(f->path->steps.back().node) == want.culprit);
    CHECK(f->retained_size > 0);
  }
  const analysis::Finding* store = FindingFor(findings, "StoreBadge");
  CHECK(store->items[0].label.find("quoteStore.listeners") != std::string::npos);
}

TEST_CASE("react 18 development: unmounted PriceChart, LiveTicker, StoreBadge instances named", "[react]") {
  std::unique_ptr<Heap> heap = Load("react18-dev-leak-s3.heapsnapshot.zst");
  const analysis::ReactHeap react = analysis::AnalyzeReact(heap->sample.graph, heap->sample.analysis);
  CheckCounts(react, 6);
  CheckFindings(*heap, react);
}

TEST_CASE("react 18 production (minified react-dom): same components and counts", "[react]") {
  std::unique_ptr<Heap> heap = Load("react18-prod-leak-s3.heapsnapshot.zst");
  const analysis::ReactHeap react = analysis::AnalyzeReact(heap->sample.graph, heap->sample.analysis);
  CHECK(react.fiber_count == 51);
  CheckCounts(react, 6);
  CheckFindings(*heap, react);
}

TEST_CASE("react 17 development: fibers stay reachable, counts the same", "[react]") {
  std::unique_ptr<Heap> heap = Load("react17-dev-leak-s3.heapsnapshot.zst");
  const analysis::ReactHeap react = analysis::AnalyzeReact(heap->sample.graph, heap->sample.analysis);
  CHECK(react.fiber_count == 188);
  CHECK(Component(react, "PriceChart")->fibers == 14);
  CheckCounts(react, 6);
  CheckFindings(*heap, react);
}

TEST_CASE("react series: unmounted instances 0, 3, 6 Dashboards' worth", "[react]") {
  analysis::ReactComponentSeries series;
  for (const char* name : {"react18-dev-leak-s1.heapsnapshot.zst", "react18-dev-leak-s2.heapsnapshot.zst"}) {
    testing::LoadedSample s = testing::LoadSample(name);
    series.AddSnapshot(s.graph, s.analysis);
  }
  std::unique_ptr<Heap> last = Load("react18-dev-leak-s3.heapsnapshot.zst");
  series.AddSnapshot(last->sample.graph, last->sample.analysis);
  const std::vector<analysis::Finding> findings = series.Findings(last->context());
  REQUIRE(findings.size() == 3);
  CHECK(FindingFor(findings, "PriceChart")->series == std::vector<uint64_t>{0, 6, 12});
  CHECK(FindingFor(findings, "LiveTicker")->series == std::vector<uint64_t>{0, 3, 6});
  CHECK(FindingFor(findings, "StoreBadge")->series_unit == "unmounted instances");
}

TEST_CASE("react clean twin: every instance mounted, no finding", "[react]") {
  std::unique_ptr<Heap> heap = Load("react18-dev-clean-s3.heapsnapshot.zst");
  const analysis::ReactHeap react = analysis::AnalyzeReact(heap->sample.graph, heap->sample.analysis);
  CheckCounts(react, 0);
  CHECK(analysis::FindReactComponentLeaks(heap->context(), react).empty());
}

TEST_CASE("no React: node and plain Chromium heaps give nothing", "[react]") {
  for (const char* name : {"node-leak-s3.heapsnapshot", "chromium-detached-dom.heapsnapshot",
                           "chromium-leak-s3.heapsnapshot.zst", "node-timers-s3.heapsnapshot.zst"}) {
    INFO(name);
    std::unique_ptr<Heap> heap = Load(name);
    const analysis::ReactHeap react = analysis::AnalyzeReact(heap->sample.graph, heap->sample.analysis);
    CHECK_FALSE(react.found);
    CHECK(react.components.empty());
    CHECK(analysis::FindReactComponentLeaks(heap->context(), react).empty());
  }
}

}  // namespace
}  // namespace heapsleuth
