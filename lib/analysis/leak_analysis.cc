#include "lib/analysis/leak_analysis.h"

#include <iterator>

#include "lib/analysis/closure_captures.h"
#include "lib/analysis/detached_dom.h"
#include "lib/analysis/detached_listeners.h"
#include "lib/analysis/duplicated_strings.h"
#include "lib/analysis/finding_overlap.h"
#include "lib/analysis/oversized_objects.h"

namespace heapsleuth::analysis {
namespace {

void Append(std::vector<Finding>& to, std::vector<Finding> from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

LeakAnalysis::LeakAnalysis(size_t snapshot_count) : snapshot_count_(snapshot_count) {}

void LeakAnalysis::AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  if (snapshot_count_ < 2) return;  // One snapshot: no series.
  if (snapshot_count_ >= 3) leaked_objects_.AddSnapshot(graph, analysis);
  collections_.AddSnapshot(graph, analysis);
  listeners_.AddSnapshot(graph, analysis);
  timers_.AddSnapshot(graph, analysis);
  react_.AddSnapshot(graph, analysis);
}

std::vector<Finding> LeakAnalysis::Findings(const LeakContext& last) const {
  std::vector<Finding> findings = leaked_objects_.Findings(last);
  const ReactHeap react = AnalyzeReact(last.graph, last.analysis);
  Append(findings, FindReactComponentLeaks(last, react, react_.unmounted()));
  Append(findings, FindDetachedDom(last));
  Append(findings, FindDetachedListeners(last));
  Append(findings, collections_.Findings(last));
  Append(findings, listeners_.Findings(last));
  Append(findings, timers_.Findings(last));
  Append(findings, FindClosureCaptures(last));
  Append(findings, FindDuplicatedStrings(last));
  Append(findings, FindOversizedObjects(last));
  FoldReactDetachedDom(last.graph, last.analysis, react, findings);
  DropExplainedFindings(last.graph, last.analysis, findings);
  RankFindings(findings);
  return findings;
}

}  // namespace heapsleuth::analysis
