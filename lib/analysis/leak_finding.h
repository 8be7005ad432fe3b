// A leak finding: what every detector of heapsleuth-leaks reports, in one
// shape, so the report can rank, print and serialize them all alike.
//
// A finding names a culprit (`subject`: a class, a function, an element, a
// collection), how much it keeps alive, why it is alive (the shortest
// retainer path of one representative object, retainer_paths.h) and where to
// look in the program (the source place of the closure or constructor
// involved, source_place.h). Node ordinals refer to the analysed snapshot:
// the only one with --snapshot, the last one of a series.
//
// Detectors live one per file under lib/analysis/ and return
// std::vector<Finding>; the tool concatenates them and RankFindings orders
// them most important first.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_LEAK_FINDING_H_
#define HEAPSLEUTH_LIB_ANALYSIS_LEAK_FINDING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/analysis/source_place.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"

namespace heapsleuth::analysis {

inline constexpr uint32_t kNoNode = UINT32_MAX;

enum class FindingKind : uint8_t {
  kReactComponent,        // A React component's unmounted instances kept alive (react_components.h).
  kLeakedObjects,         // memlab's method: new in TARGET, still alive in FINAL, clustered by path.
  kDetachedDom,           // A detached DOM subtree kept alive from JS.
  kDetachedListener,      // An event listener still registered on a detached element.
  kUnboundedCollection,   // An Array, Map, Set or dictionary that grows at every step.
  kClosureCapture,        // A closure whose context holds far more than it is.
  kListenerAccumulation,  // EventEmitter listeners piling up.
  kTimerAccumulation,     // Timers piling up.
  kDuplicatedStrings,     // Many copies of one string.
  kOversizedObject,       // One object holding a large share of the heap.
};

// The kebab-case name used in JSON and Markdown ("leaked-objects", ...).
std::string_view FindingKindName(FindingKind kind);

// High: a leak by the evidence. Low: worth a look (DevTools' and memlab's
// secondary reports); printed after every high one.
enum class FindingPriority : uint8_t { kHigh, kLow };

// A supporting fact: a captured variable, a listener, a subtree member.
struct FindingItem {
  std::string label;        // "bigData", "tick", "<span>".
  uint32_t node = kNoNode;  // In the analysed snapshot, when the item is one object.
  uint64_t count = 0;       // Objects the item stands for (0: not counted).
  uint64_t size = 0;        // Bytes it keeps alive (retained size).
};

struct Finding {
  FindingKind kind = FindingKind::kLeakedObjects;
  FindingPriority priority = FindingPriority::kHigh;
  std::string subject;              // The culprit's name.
  uint64_t count = 0;               // Objects in the finding.
  uint64_t retained_size = 0;       // Bytes they keep alive together, none counted twice.
  uint32_t representative = kNoNode;        // One of them, in the analysed snapshot.
  std::optional<graph::RetainerPath> path;  // Why the representative is alive.
  std::optional<SourcePlace> place;         // Where to look.
  // Series findings: one value per snapshot (what `series_unit` says), oldest first.
  std::vector<uint64_t> series;
  std::string series_unit;  // "elements", "listeners", "objects", "bytes".
  std::vector<FindingItem> items;
  // The objects the finding is about (leak roots, subtree roots, closures,
  // collections), in the analysed snapshot: what LeakAnalysis compares to
  // tell when two findings describe the same leak.
  std::vector<uint32_t> members;
};

// What every detector gets: the analysed snapshot and a path finder on it.
struct LeakContext {
  const graph::Graph& graph;
  const graph::HeapAnalysis& analysis;
  graph::RetainerPathFinder& paths;
  const graph::Retainers& retainers;
  const ScriptNames& scripts;
};

// The bytes a set of nodes keeps alive together: the sum of the retained
// sizes of those not dominated by another one of the set. Costs a byte per
// node and a walk up the dominator tree from each node, memoized.
uint64_t CombinedRetainedSize(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                              const std::vector<uint32_t>& nodes);

// Whether `finding` is a leak for --fail-on-leaks: high priority and
// keeping at least `min_retained` bytes alive.
bool IsLeakAtOrAbove(const Finding& finding, uint64_t min_retained);

// High priority first, then larger retained size, then kind, then subject:
// a total order, so reports are the same from run to run.
void RankFindings(std::vector<Finding>& findings);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_LEAK_FINDING_H_
