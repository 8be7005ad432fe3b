// The Node.js leak detectors on real snapshots: samples/node-leak-s1..s3
// (an Array and a Map that grow, EventEmitter listeners capturing 800 KB
// each), samples/node-timers-s1..s3 (timers piling up) and the controls
// node-clean-s1/s2 and node-timers-clean-s1..s3, which must give nothing.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "lib/analysis/closure_captures.h"
#include "lib/analysis/duplicated_strings.h"
#include "lib/analysis/finding_support.h"
#include "lib/analysis/leak_finding.h"
#include "lib/analysis/listener_accumulation.h"
#include "lib/analysis/oversized_objects.h"
#include "lib/analysis/source_place.h"
#include "lib/analysis/timer_accumulation.h"
#include "lib/analysis/unbounded_collections.h"
#include "lib/base/mapped_file.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"
#include "lib/graph/retainers.h"
#include "lib/snapshot/parser.h"
#include "tests/unit/test_graph_builder.h"

namespace heapsleuth {
namespace {

using analysis::Finding;

// One loaded snapshot with everything a LeakContext refers to. Not movable:
// the path finder keeps references into it.
struct Analysed {
  explicit Analysed(graph::Graph g) : graph(std::move(g)) {
    NoProgress progress;
    analysis = graph::AnalyzeHeap(graph, progress);
    retainers = graph::Retainers::Build(graph);
    scripts = analysis::ScriptNames::Collect(graph);
    paths = std::make_unique<graph::RetainerPathFinder>(graph, retainers, analysis.distance, analysis.detachedness);
  }
  analysis::LeakContext Context() { return {graph, analysis, *paths, retainers, scripts}; }

  graph::Graph graph;
  graph::HeapAnalysis analysis;
  graph::Retainers retainers;
  analysis::ScriptNames scripts;
  std::unique_ptr<graph::RetainerPathFinder> paths;
};

std::unique_ptr<Analysed> Load(const std::string& name) {
  const std::string path = name.starts_with('/') ? name : std::string(HEAPSLEUTH_SAMPLES_DIR) + "/" + name;
  auto file = MappedFile::Open(path);
  REQUIRE(file.ok());
  NoProgress progress;
  auto raw = snapshot::ParseSnapshot(**file, progress);
  REQUIRE(raw.ok());
  return std::make_unique<Analysed>(graph::Graph::Build(std::move(*raw)));
}

struct Results {
  std::vector<Finding> collections, listeners, timers, closures, strings, oversized;
  std::unique_ptr<Analysed> last;
  size_t total() const {
    return collections.size() + listeners.size() + timers.size() + closures.size() + strings.size() + oversized.size();
  }
};

// Every Node.js detector over a series, oldest first, as the tool runs them.
Results RunDetectors(const std::vector<std::string>& files) {
  analysis::UnboundedCollections collections;
  analysis::ListenerAccumulation listeners;
  analysis::TimerAccumulation timers;
  Results results;
  for (const std::string& file : files) {
    results.last.reset();  // One snapshot in memory at a time.
    results.last = Load(file);
    collections.AddSnapshot(results.last->graph, results.last->analysis);
    listeners.AddSnapshot(results.last->graph, results.last->analysis);
    timers.AddSnapshot(results.last->graph, results.last->analysis);
  }
  analysis::LeakContext ctx = results.last->Context();
  results.collections = collections.Findings(ctx);
  results.listeners = listeners.Findings(ctx);
  results.timers = timers.Findings(ctx);
  results.closures = analysis::FindClosureCaptures(ctx);
  results.strings = analysis::FindDuplicatedStrings(ctx);
  results.oversized = analysis::FindOversizedObjects(ctx);
  return results;
}

std::string Describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::string(analysis::FindingKindName(f.kind)) + " " + f.subject + " count=" + std::to_string(f.count) +
           " retained=" + std::to_string(f.retained_size) + (f.place ? " at " + f.place->ToString() : "") + "\n";
  }
  return out;
}

// The first edge from `from` to `to`.
uint32_t EdgeBetween(const graph::Graph& g, uint32_t from, uint32_t to) {
  for (uint32_t edge = g.first_edge(from); edge < g.first_edge(from + 1); ++edge) {
    if (g.edge_to_node(edge) == to) return edge;
  }
  FAIL("no edge");
  return 0;
}

TEST_CASE("Counting elements: Map entries whatever the bucket count, Set keys, dictionary properties") {
  testing::TestGraphBuilder b;
  const uint32_t global = b.AddNode("object", "global", 32);
  b.AddEdge(0, "element", global);
  const uint32_t map = b.AddNode("object", "Map", 32);
  const uint32_t map_table = b.AddNode("array", "", 200);
  const uint32_t set = b.AddNode("object", "Set", 32);
  const uint32_t set_table = b.AddNode("array", "", 200);
  const uint32_t dict = b.AddNode("object", "Object", 32);
  const uint32_t store = b.AddNode("array", "(object properties)", 100);
  const uint32_t array = b.AddNode("object", "Array", 32);
  std::vector<uint32_t> values;
  for (int i = 0; i < 6; ++i) values.push_back(b.AddNode("object", "Value", 16));
  b.AddEdge(global, "property", map, "m");
  b.AddEdge(global, "property", set, "s");
  b.AddEdge(global, "property", dict, "d");
  b.AddEdge(global, "property", array, "a");
  b.AddEdge(map, "internal", map_table, "table");
  // 4 buckets: entries start at slot 3 + 4 = 7 (key 7, value 8, chain 9).
  // Entry 0: key and value; entry 1: only its key is an object (slot 10);
  // entry 3: key 16, value 17. Buckets and chains hold small integers.
  b.AddEdge(map_table, "internal", values[0], "7");
  b.AddEdge(map_table, "internal", values[1], "8");
  b.AddEdge(map_table, "internal", values[2], "10");
  b.AddEdge(map_table, "internal", values[3], "16");
  b.AddEdge(map_table, "internal", values[4], "17");
  b.AddEdge(set, "internal", set_table, "table");
  b.AddEdge(set_table, "internal", values[0], "5");
  b.AddEdge(set_table, "internal", values[5], "7");
  b.AddEdge(dict, "internal", store, "properties");
  b.AddEdge(dict, "property", values[1], "k1");
  b.AddEdge(dict, "property", values[2], "k2");
  b.AddEdge(dict, "property", values[3], "k3");
  b.AddEdge(dict, "property", values[4], "__proto__");
  b.AddEdge(array, "element", values[5]);
  b.AddEdge(array, "element", values[4]);
  const graph::Graph g = b.Build();
  NoProgress progress;
  const graph::HeapAnalysis heap = graph::AnalyzeHeap(g, progress);
  using analysis::CollectionKind;
  using Count = std::optional<std::pair<CollectionKind, uint64_t>>;
  CHECK(analysis::CountCollectionElements(g, heap, map) == Count({CollectionKind::kMap, 3}));
  CHECK(analysis::CountCollectionElements(g, heap, set) == Count({CollectionKind::kSet, 2}));
  CHECK(analysis::CountCollectionElements(g, heap, dict) == Count({CollectionKind::kDictionary, 3}));
  CHECK(analysis::CountCollectionElements(g, heap, array) == Count({CollectionKind::kArray, 2}));
  CHECK_FALSE(analysis::CountCollectionElements(g, heap, values[0]).has_value());  // Not a collection.
  CHECK_FALSE(analysis::CountCollectionElements(g, heap, map_table).has_value());  // A store, not an object.
}

TEST_CASE("Captured variables: what a closure's private Contexts alone keep alive; path expressions") {
  testing::TestGraphBuilder b;
  const uint32_t global = b.AddNode("object", "global", 32);
  b.AddEdge(0, "element", global);
  const uint32_t fn = b.AddNode("closure", "handler", 64);
  const uint32_t other = b.AddNode("closure", "other", 64);
  const uint32_t inner = b.AddNode("object", "system / Context", 40);
  const uint32_t outer = b.AddNode("object", "system / Context", 40);
  const uint32_t big = b.AddNode("object", "Payload", 100000);
  const uint32_t shared_value = b.AddNode("object", "Cache", 50000);
  const uint32_t also_global = b.AddNode("object", "Config", 48);
  const uint32_t unnamed = b.AddNode("object", "Object", 2000);
  const uint32_t code = b.AddNode("code", "system / ScopeInfo", 300);
  b.AddEdge(global, "property", fn, "onData");
  b.AddEdge(global, "property", other, "other");
  b.AddEdge(global, "property", also_global, "config");
  b.AddEdge(fn, "internal", inner, "context");
  b.AddEdge(other, "internal", outer, "context");
  b.AddEdge(inner, "internal", outer, "previous");
  b.AddEdge(inner, "context", big, "payload");
  b.AddEdge(inner, "context", also_global, "config");  // Held elsewhere too: not the capture's.
  b.AddEdge(inner, "hidden", unnamed);                 // A slot V8 had no name for.
  b.AddEdge(inner, "hidden", code);                    // Engine internals are not variables.
  b.AddEdge(outer, "context", shared_value, "cache");  // Outer Context shared with `other`.
  const graph::Graph g = b.Build();
  NoProgress progress;
  const graph::HeapAnalysis heap = graph::AnalyzeHeap(g, progress);
  const std::vector<analysis::FindingItem> items = analysis::CapturedVariables(g, heap, fn);
  REQUIRE(items.size() == 2);
  CHECK(items[0].label == "payload");
  CHECK(items[0].node == big);
  CHECK(items[0].size == 100000);
  CHECK(items[1].label.starts_with("(context slot "));
  CHECK(items[1].size == 2000);
  CHECK(analysis::CapturedVariables(g, heap, fn, 5000).size() == 1);
  CHECK(analysis::CapturedVariables(g, heap, other).empty());  // Its Context is not its alone.

  graph::RetainerPath path;
  path.steps.push_back({EdgeBetween(g, 0, global), global});
  path.steps.push_back({EdgeBetween(g, global, fn), fn});
  path.steps.push_back({EdgeBetween(g, fn, inner), inner});
  path.steps.push_back({EdgeBetween(g, inner, big), big});
  CHECK(analysis::PathExpression(g, path) == "global.onData→payload");
  CHECK(analysis::PathExpression(g, path, 1) == "…→payload");
}

// One hand-made snapshot of an emitter with `n` once-listeners on 'ready'
// (node registers a bound function whose `listener` is the program's one).
graph::Graph EmitterWithOnceListeners(int n) {
  testing::TestGraphBuilder b;
  const uint32_t global = b.AddNode("object", "global", 32);  // Ids: the same in every snapshot.
  const uint32_t emitter = b.AddNode("object", "EventEmitter", 104);
  const uint32_t events = b.AddNode("object", "Object", 24);
  const uint32_t list = b.AddNode("object", "Array", 32);
  b.AddEdge(0, "element", global);
  b.AddEdge(global, "property", emitter, "em");
  b.AddEdge(emitter, "property", events, "_events");
  if (n > 0) b.AddEdge(events, "property", list, "ready");
  for (int i = 0; i < n; ++i) {
    const uint32_t wrapper = b.AddNode("closure", "native_bind", 48);
    const uint32_t listener = b.AddNode("closure", "onReady", 64);
    b.AddEdge(list, "element", wrapper);
    b.AddEdge(wrapper, "property", listener, "listener");
  }
  return b.Build();
}

TEST_CASE("Listener accumulation: once listeners are named by the function they wrap") {
  analysis::ListenerAccumulation listeners;
  NoProgress progress;
  for (int n : {0, 2}) {
    const graph::Graph g = EmitterWithOnceListeners(n);
    listeners.AddSnapshot(g, graph::AnalyzeHeap(g, progress));
  }
  const graph::Graph g = EmitterWithOnceListeners(4);
  const graph::HeapAnalysis heap = graph::AnalyzeHeap(g, progress);
  listeners.AddSnapshot(g, heap);
  const graph::Retainers retainers = graph::Retainers::Build(g);
  graph::RetainerPathFinder paths(g, retainers, heap.distance, heap.detachedness);
  const analysis::ScriptNames scripts = analysis::ScriptNames::Collect(g);
  const std::vector<Finding> findings = listeners.Findings({g, heap, paths, retainers, scripts});
  INFO(Describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].subject == "EventEmitter 'ready' → onReady");
  CHECK(findings[0].series == std::vector<uint64_t>{0, 2, 4});
  CHECK(findings[0].count == 4);
  REQUIRE_FALSE(findings[0].items.empty());
  CHECK(findings[0].items[0].label == "onReady");
  CHECK(findings[0].items[0].count == 4);
  CHECK(g.node_name(findings[0].representative) == "onReady");

  // One listener more per step is under the default minimum (2 per step);
  // with a minimum of 1 it is a finding.
  for (const uint64_t minimum : {2, 1}) {
    analysis::ListenerAccumulation slow({minimum});
    for (int n : {0, 1}) {
      const graph::Graph each = EmitterWithOnceListeners(n);
      slow.AddSnapshot(each, graph::AnalyzeHeap(each, progress));
    }
    const graph::Graph last = EmitterWithOnceListeners(2);
    const graph::HeapAnalysis last_heap = graph::AnalyzeHeap(last, progress);
    slow.AddSnapshot(last, last_heap);
    const graph::Retainers last_retainers = graph::Retainers::Build(last);
    graph::RetainerPathFinder last_paths(last, last_retainers, last_heap.distance, last_heap.detachedness);
    const analysis::ScriptNames last_scripts = analysis::ScriptNames::Collect(last);
    CHECK(slow.Findings({last, last_heap, last_paths, last_retainers, last_scripts}).size() == (minimum == 1 ? 1 : 0));
  }
}

// The leak series is used by several cases: analysed once.
const Results& LeakSeries() {
  static const Results* results = new Results(
      RunDetectors({"node-leak-s1.heapsnapshot", "node-leak-s2.heapsnapshot", "node-leak-s3.heapsnapshot"}));
  return *results;
}

const Finding* FindSubject(const std::vector<Finding>& findings, const std::string& subject) {
  for (const Finding& finding : findings) {
    if (finding.subject == subject) return &finding;
  }
  return nullptr;
}

// The finding's path is a real path from the root to its representative.
void CheckPath(const Analysed& snapshot, const Finding& finding) {
  REQUIRE(finding.path.has_value());
  REQUIRE_FALSE(finding.path->steps.empty());
  CHECK(finding.path->steps.back().node == finding.representative);
  uint32_t from = snapshot.graph.root();
  for (const graph::PathStep& step : finding.path->steps) {
    CHECK(step.edge >= snapshot.graph.first_edge(from));
    CHECK(step.edge < snapshot.graph.first_edge(from + 1));
    from = step.node;
  }
}

TEST_CASE("Unbounded collections: the growing Array and Map of node-leak, by path, with their elements") {
  const Results& results = LeakSeries();
  INFO(Describe(results.collections));
  REQUIRE(results.collections.size() == 2);
  const Finding* records = FindSubject(results.collections, "global.leakyRecords");
  REQUIRE(records != nullptr);
  CHECK(records->kind == analysis::FindingKind::kUnboundedCollection);
  CHECK(records->priority == analysis::FindingPriority::kHigh);
  CHECK(records->series == std::vector<uint64_t>{0, 300, 600});
  CHECK(records->series_unit == "elements");
  CHECK(records->count == 600);
  CHECK(records->retained_size > 600 * 56);  // 600 records of 56 bytes and their parts.
  REQUIRE_FALSE(records->items.empty());
  CHECK(records->items[0].label == "LeakyRecord");
  CHECK(records->items[0].count == 600);
  CheckPath(*results.last, *records);
  CHECK(results.last->analysis.class_names.of(records->representative) == "Array");
  REQUIRE(records->place.has_value());  // Where LeakyRecord is defined.
  CHECK(records->place->function == "LeakyRecord");
  CHECK(records->place->script.ends_with("/leak.cjs"));

  const Finding* cache = FindSubject(results.collections, "global.recordCache");
  REQUIRE(cache != nullptr);
  CHECK(cache->series == std::vector<uint64_t>{0, 120, 240});  // Map entries, not keys + values.
  CHECK(results.last->analysis.class_names.of(cache->representative) == "Map");
  REQUIRE(cache->items.size() == 2);  // Values and keys, 240 each.
  CHECK((cache->items[0].label == "CacheEntry" || cache->items[1].label == "CacheEntry"));
  CHECK(cache->items[0].count == 240);

  // The listener Array of bus 'tick' grows too, by 4 per step: under the
  // minimum growth (the listener detector reports it); with a minimum of
  // 1, it is a growing collection as well.
  CHECK(FindSubject(results.collections, "global.bus._events.tick") == nullptr);
  // The bounded ring buffer (50 RecentEvents, replaced) is not reported.
  CHECK(FindSubject(results.collections, "global.recentEvents") == nullptr);
}

TEST_CASE("Unbounded collections: the minimum growth per step decides") {
  analysis::UnboundedCollections collections({.min_growth_per_step = 1});
  std::unique_ptr<Analysed> last;
  for (const char* file : {"node-leak-s1.heapsnapshot", "node-leak-s2.heapsnapshot", "node-leak-s3.heapsnapshot"}) {
    last.reset();
    last = Load(file);
    collections.AddSnapshot(last->graph, last->analysis);
  }
  const std::vector<Finding> findings = collections.Findings(last->Context());
  INFO(Describe(findings));
  REQUIRE(findings.size() == 3);
  const Finding* listeners = FindSubject(findings, "global.bus._events.tick");
  REQUIRE(listeners != nullptr);
  CHECK(listeners->series == std::vector<uint64_t>{0, 4, 8});
  REQUIRE_FALSE(listeners->items.empty());
  CHECK(listeners->items[0].label == "Function");
}

TEST_CASE("Unbounded collections: a Map's entries are counted once per key") {
  std::unique_ptr<Analysed> last = Load("node-leak-s3.heapsnapshot");
  uint64_t maps = 0;
  for (uint32_t node = 0; node < last->graph.node_count(); ++node) {
    const auto counted = analysis::CountCollectionElements(last->graph, last->analysis, node);
    if (!counted || counted->first != analysis::CollectionKind::kMap || counted->second != 240) continue;
    ++maps;
  }
  CHECK(maps == 1);  // recordCache: 240 keys, 240 CacheEntry values.
}

TEST_CASE("Listener accumulation: onTick listeners on bus, with what they capture") {
  const Results& results = LeakSeries();
  INFO(Describe(results.listeners));
  REQUIRE(results.listeners.size() == 1);
  const Finding& finding = results.listeners[0];
  CHECK(finding.kind == analysis::FindingKind::kListenerAccumulation);
  CHECK(finding.subject == "EventEmitter 'tick' → onTick");
  CHECK(finding.series == std::vector<uint64_t>{0, 4, 8});
  CHECK(finding.series_unit == "listeners");
  CHECK(finding.count == 8);
  CHECK(finding.retained_size > 8 * 800000);  // Each captures an 800,016-byte store.
  REQUIRE(finding.place.has_value());
  CHECK(finding.place->script.ends_with("/leak.cjs"));
  CHECK(finding.place->function == "onTick");
  CHECK(finding.place->line == 22);
  REQUIRE(finding.items.size() == 2);
  CHECK(finding.items[0].label == "onTick");
  CHECK(finding.items[0].count == 8);
  CHECK(finding.items[1].label == "the last onTick captures bigArray");
  CHECK(finding.items[1].count == 0);
  CHECK(finding.items[1].size > 800000);
  CheckPath(*results.last, finding);
  CHECK(analysis::PathExpression(results.last->graph, *finding.path) == "global.bus._events.tick[7]");
}

TEST_CASE("Closure captures: onTick holds bigArray, 800 KB per closure") {
  const Results& results = LeakSeries();
  INFO(Describe(results.closures));
  REQUIRE(results.closures.size() == 1);
  const Finding& finding = results.closures[0];
  CHECK(finding.kind == analysis::FindingKind::kClosureCapture);
  CHECK(finding.subject == "onTick");
  CHECK(finding.count == 8);
  CHECK(finding.retained_size > 8 * 800000);
  REQUIRE(finding.place.has_value());
  CHECK(finding.place->ToString().ends_with("/leak.cjs:22:25"));
  REQUIRE(finding.items.size() == 1);
  CHECK(finding.items[0].label == "bigArray");
  CHECK(finding.items[0].count == 8);
  CHECK(finding.items[0].size == 8 * 800048);  // The Array and its 800,016-byte backing store.
  CheckPath(*results.last, finding);
}

TEST_CASE("Oversized objects: the emitter holding 6.4 MB of node-leak-s3, low priority") {
  const Results& results = LeakSeries();
  INFO(Describe(results.oversized));
  REQUIRE(results.oversized.size() == 1);
  CHECK(results.oversized[0].subject == "global.bus (EventEmitter)");
  CHECK(results.oversized[0].priority == analysis::FindingPriority::kLow);
  CHECK(results.oversized[0].retained_size > 6400000);
  CheckPath(*results.last, results.oversized[0]);
}

TEST_CASE("Duplicated strings: nothing by default on node-leak-s3, node's own copies below it") {
  const Results& results = LeakSeries();
  INFO(Describe(results.strings));
  CHECK(results.strings.empty());
  // With a threshold under node's own duplicates (11,000 bytes), the
  // largest one shows: 276 copies of a 40-byte string.
  analysis::LeakContext ctx = results.last->Context();
  const std::vector<Finding> strings = analysis::FindDuplicatedStrings(ctx, {8 * 1024, 8, 10});
  INFO(Describe(strings));
  REQUIRE(strings.size() == 2);
  CHECK(strings[0].subject == "\"get [kIsNodeError]\"");
  CHECK(strings[0].kind == analysis::FindingKind::kDuplicatedStrings);
  CHECK(strings[0].priority == analysis::FindingPriority::kLow);
  CHECK(strings[0].count == 276);
  REQUIRE(strings[0].items.size() == 1);
  CHECK(strings[0].items[0].size == 275 * 40);
  CHECK(strings[1].subject == "\"get constructor\"");
}

TEST_CASE("Timer accumulation: onPoll and onExpire timers pile up") {
  Results results = RunDetectors(
      {"node-timers-s1.heapsnapshot.zst", "node-timers-s2.heapsnapshot.zst", "node-timers-s3.heapsnapshot.zst"});
  INFO(Describe(results.timers));
  REQUIRE(results.timers.size() == 2);
  const Finding* poll = FindSubject(results.timers, "timers → onPoll");
  REQUIRE(poll != nullptr);
  CHECK(poll->kind == analysis::FindingKind::kTimerAccumulation);
  CHECK(poll->series == std::vector<uint64_t>{0, 5, 10});
  CHECK(poll->series_unit == "timers");
  CHECK(poll->count == 10);
  CHECK(poll->retained_size > 10 * 160000);  // Each captures 20,000 ints (160 KB of elements).
  REQUIRE(poll->place.has_value());
  CHECK(poll->place->script.ends_with("/timers.cjs"));
  CHECK(poll->place->line == 8);
  REQUIRE_FALSE(poll->items.empty());
  CHECK(poll->items[0].label == "samples");
  CHECK(poll->items[0].count == 10);
  CHECK(results.last->analysis.class_names.of(poll->representative) == "Timeout");
  CheckPath(*results.last, *poll);
  const Finding* expire = FindSubject(results.timers, "timers → onExpire");
  REQUIRE(expire != nullptr);
  CHECK(expire->series == std::vector<uint64_t>{0, 3, 6});
  REQUIRE_FALSE(expire->items.empty());
  CHECK(expire->items[0].label == "pending");
  // onPoll's captures are also a closure-capture finding (1.6 MB); onExpire's
  // 96 KB are under its threshold.
  REQUIRE(results.closures.size() == 1);
  CHECK(results.closures[0].subject == "onPoll");
}

TEST_CASE("Controls: node-clean and the cleared timers give no finding at all") {
  SECTION("node-clean-s1/s2: everything the action kept was released") {
    Results results = RunDetectors({"node-clean-s1.heapsnapshot", "node-clean-s2.heapsnapshot"});
    INFO(Describe(results.collections) + Describe(results.listeners) + Describe(results.timers) +
         Describe(results.closures) + Describe(results.strings) + Describe(results.oversized));
    CHECK(results.total() == 0);
  }
  SECTION("node-timers-clean-s1..s3: the same timers, cleared") {
    Results results = RunDetectors({"node-timers-clean-s1.heapsnapshot.zst", "node-timers-clean-s2.heapsnapshot.zst",
                                    "node-timers-clean-s3.heapsnapshot.zst"});
    INFO(Describe(results.collections) + Describe(results.listeners) + Describe(results.timers) +
         Describe(results.closures) + Describe(results.strings) + Describe(results.oversized));
    CHECK(results.total() == 0);
  }
  SECTION("chromium-clean: the one-snapshot detectors on a browser heap") {
    Results results = RunDetectors({"chromium-clean.heapsnapshot"});
    INFO(Describe(results.closures) + Describe(results.strings) + Describe(results.oversized));
    CHECK(results.total() == 0);
  }
}

TEST_CASE("Series detectors need two snapshots") {
  Results results = RunDetectors({"node-leak-s3.heapsnapshot"});
  CHECK(results.collections.empty());
  CHECK(results.listeners.empty());
  CHECK(results.timers.empty());
  CHECK(results.closures.size() == 1);  // One-snapshot detectors still work.
}

// The shared corpus (../shared/corpus, not in the repository): hidden from
// ctest, run by tests/differential/run_node_detectors_corpus.sh with
// HEAPSLEUTH_CORPUS set. Each scenario's EXPECTED.md says what a leak tool
// must report; every finding of every detector is ranked together, as
// heapsleuth-leaks does, and the leak must come first.
std::vector<Finding> CorpusFindings(const std::string& scenario, Results& results) {
  const char* corpus = std::getenv("HEAPSLEUTH_CORPUS");
  REQUIRE(corpus != nullptr);
  const std::string dir = std::string(corpus) + "/" + scenario + "/";
  results = RunDetectors({dir + "s1.heapsnapshot.zst", dir + "s2.heapsnapshot.zst", dir + "s3.heapsnapshot.zst"});
  std::vector<Finding> all;
  for (const auto* list : {&results.collections, &results.listeners, &results.timers, &results.closures,
                           &results.strings, &results.oversized}) {
    all.insert(all.end(), list->begin(), list->end());
  }
  analysis::RankFindings(all);
  std::cout << scenario << ":\n" << Describe(all);
  return all;
}

TEST_CASE("Corpus node/array-growth: global.__records grows by 10,000 LeakyRecord per step", "[.corpus]") {
  Results results;
  const std::vector<Finding> all = CorpusFindings("node/array-growth", results);
  REQUIRE_FALSE(all.empty());
  CHECK(all[0].kind == analysis::FindingKind::kUnboundedCollection);
  CHECK(all[0].subject == "global.__records");
  CHECK(all[0].series == std::vector<uint64_t>{0, 10000, 20000});
  REQUIRE_FALSE(all[0].items.empty());
  CHECK(all[0].items[0].label == "LeakyRecord");
  CHECK(all[0].items[0].count == 20000);
}

TEST_CASE("Corpus node/map-cache: global.__cache gains 5,000 CacheEntry per step", "[.corpus]") {
  Results results;
  const std::vector<Finding> all = CorpusFindings("node/map-cache", results);
  REQUIRE_FALSE(all.empty());
  CHECK(all[0].kind == analysis::FindingKind::kUnboundedCollection);
  CHECK(all[0].subject == "global.__cache");
  CHECK(all[0].series == std::vector<uint64_t>{0, 5000, 10000});
  REQUIRE_FALSE(all[0].items.empty());
  CHECK(std::any_of(all[0].items.begin(), all[0].items.end(), [](const analysis::FindingItem& item) {
    return item.label == "CacheEntry" && item.count == 10000;
  }));
}

TEST_CASE("Corpus node/closure-capture: captureHuge holds huge, 8 MB each", "[.corpus]") {
  Results results;
  const std::vector<Finding> all = CorpusFindings("node/closure-capture", results);
  REQUIRE_FALSE(all.empty());
  CHECK(all[0].kind == analysis::FindingKind::kClosureCapture);
  CHECK(all[0].subject == "captureHuge");
  CHECK(all[0].count == 2);
  CHECK(all[0].retained_size > 16000000);
  REQUIRE_FALSE(all[0].items.empty());
  CHECK(all[0].items[0].label == "huge");
  REQUIRE(all[0].place.has_value());
  CHECK(all[0].place->function == "captureHuge");
}

TEST_CASE("Corpus node/event-listeners: 50 onTick listeners per step on __emitter", "[.corpus]") {
  Results results;
  const std::vector<Finding> all = CorpusFindings("node/event-listeners", results);
  REQUIRE_FALSE(all.empty());
  // The same 100 closures are also a closure-capture finding of the same
  // retained size; that one ranks first (kind order breaks the tie). Both
  // name onTick.
  CHECK(all[0].kind == analysis::FindingKind::kClosureCapture);
  CHECK(all[0].subject == "onTick");
  const Finding* listeners = FindSubject(all, "EventEmitter 'tick' → onTick");
  REQUIRE(listeners != nullptr);
  CHECK(listeners->series == std::vector<uint64_t>{0, 50, 100});
  CHECK(listeners->retained_size == all[0].retained_size);
  REQUIRE(listeners->path.has_value());
  CHECK(analysis::PathExpression(results.last->graph, *listeners->path) == "global.__emitter._events.tick[99]");
}

TEST_CASE("Corpus node/control-transient and chromium/control-clean: nothing", "[.corpus]") {
  Results results;
  CHECK(CorpusFindings("node/control-transient", results).empty());
  CHECK(CorpusFindings("chromium/control-clean", results).empty());
}

}  // namespace
}  // namespace heapsleuth
