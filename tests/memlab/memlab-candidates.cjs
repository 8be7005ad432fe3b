// Runs memlab's own three-snapshot method (@memlab/core 2.0.5) and prints the
// leaked-object ids before and after its leak filters, one JSON document on
// stdout:
//   {"before": [id, ...], "after": [id, ...], "nodes": {"id": [type, name, retainedSize]}}
// (`nodes` for the ids of `before`, so that a difference can be explained).
//
//   node memlab-candidates.cjs BASELINE TARGET FINAL
//
// It mirrors MemoryAnalyst.diffSnapshots (lib/HeapAnalyzer.js) for the tab
// order baseline, target, final: ids of the baseline (and of every snapshot
// before the target) are collected, the target's ids not among them are the
// target-allocated set, and the final snapshot's nodes whose id is in that set
// are the leaked set. Then MemoryAnalyst.filterLeakedObjects runs
// LeakObjectFilter with the configuration of `memlab find-leaks
// --trace-all-objects` (TraceAllObjectsOption: oversizeObjectAsLeak = true,
// oversizeThreshold = 0, mode "default"): memlab's default configuration keeps
// only detached DOM, fibers, stack trace frames and finished XHRs, so on a
// Node.js leak it keeps nothing (REFERENCE.md, "Where the peers stop").
'use strict';
const path = require('path');
const core = require('@memlab/core');

async function main() {
  const [baselineFile, targetFile, finalFile] = process.argv.slice(2);
  if (!finalFile) {
    process.stderr.write('usage: node memlab-candidates.cjs BASELINE TARGET FINAL\n');
    process.exit(2);
  }
  const {config, utils, analysis, TraceObjectMode} = core;
  config.verbose = false;
  config.oversizeObjectAsLeak = true;
  config.oversizeThreshold = 0;
  config.traceAllObjectsMode = (TraceObjectMode && TraceObjectMode.Default) || 1;

  const parseOptions = {verbose: false};
  const baselineIds = await utils.getSnapshotNodeIdsFromFile(path.resolve(baselineFile), parseOptions);
  const targetIds = await utils.getSnapshotNodeIdsFromFile(path.resolve(targetFile), parseOptions);
  const targetAllocated = new Set();
  for (const id of targetIds) {
    if (!baselineIds.has(id)) targetAllocated.add(id);
  }
  const snapshot = await utils.getSnapshotFromFile(path.resolve(finalFile), {buildNodeIdIndex: true, verbose: false});
  const leaked = new core.NumericSet();
  snapshot.nodes.forEach(node => {
    if (targetAllocated.has(node.id)) leaked.add(node.id);
  });
  const before = Array.from(leaked).sort((a, b) => a - b);
  // preparePathFinder computes memlab's retained sizes, which the oversize
  // rule reads; it is what filterLeakPaths does before filtering.
  analysis.preparePathFinder(snapshot);
  const nodes = {};
  for (const id of before) {
    const node = snapshot.getNodeById(id);
    nodes[id] = [node.type, node.name.slice(0, 80), node.retainedSize];
  }
  analysis.filterLeakedObjects(leaked, snapshot);
  const after = Array.from(leaked).sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({before, after, nodes}) + '\n');
}

main().catch(error => {
  process.stderr.write(`memlab-candidates: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
