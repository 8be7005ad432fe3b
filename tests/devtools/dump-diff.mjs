// Loads two .heapsnapshot files with Chrome DevTools' own worker code (bundled
// by build.mjs) and prints DevTools' Comparison view between them as JSON:
// calculateSnapshotDiff per class key, as HeapSnapshotView does it.
//
// Usage: node dump-diff.mjs BASE.heapsnapshot NEW.heapsnapshot
//
// What the UI does (HeapSnapshotDiffDataGrid.setBaseDataSource): it asks the
// base snapshot for aggregatesForDiff(<the NEW snapshot's interfaceDefinitions()>)
// — so the base's plain objects are named by the new snapshot's inferred
// interfaces — and hands them to the new snapshot's calculateSnapshotDiff().
// Each snapshot is loaded by load-snapshot.mjs, as the UI loads it.
//
// Output: {"classes": {KEY: {name, added_count, removed_count, count_delta,
// added_size, removed_size, size_delta, base_count, base_self_size}}}, where
// base_count/base_self_size are the base aggregate's (from aggregatesForDiff;
// 0 when the class is only in NEW).
import {bundlePath, ensureBuilt} from './build.mjs';
import {loadSnapshot} from './load-snapshot.mjs';

async function main() {
  const files = process.argv.slice(2);
  if (files.length !== 2 || files.some(f => f.startsWith('--'))) {
    process.stderr.write('usage: node dump-diff.mjs BASE.heapsnapshot NEW.heapsnapshot\n');
    process.exit(2);
  }
  await ensureBuilt({quiet: true});
  const {HeapSnapshotLoader} = await import(bundlePath);
  const base = await loadSnapshot(HeapSnapshotLoader, files[0]);
  const now = await loadSnapshot(HeapSnapshotLoader, files[1]);

  const baseAggregates = base.aggregatesForDiff(now.interfaceDefinitions());
  const diff = now.calculateSnapshotDiff(1, baseAggregates);
  const classes = {};
  for (const key of Object.keys(diff).sort()) {
    const d = diff[key];
    const b = baseAggregates[key];
    classes[key] = {
      name: d.name,
      added_count: d.addedCount,
      removed_count: d.removedCount,
      count_delta: d.countDelta,
      added_size: d.addedSize,
      removed_size: d.removedSize,
      size_delta: d.sizeDelta,
      base_count: b ? b.ids.length : 0,
      base_self_size: b ? b.selfSizes.reduce((x, y) => x + y, 0) : 0,
    };
  }
  process.stdout.write(JSON.stringify({classes}, null, 1) + '\n');
}

// At the end, so that everything above is initialized when main() runs.
await main();
