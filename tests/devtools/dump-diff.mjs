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
// Each snapshot is loaded as in dump-nodes.mjs: 10,000,000-byte chunks through
// HeapSnapshotLoader, buildSnapshot(port) with the secondary init in a second
// worker thread.
//
// Output: {"classes": {KEY: {name, added_count, removed_count, count_delta,
// added_size, removed_size, size_delta, base_count, base_self_size}}}, where
// base_count/base_self_size are the base aggregate's (from aggregatesForDiff;
// 0 when the class is only in NEW).
import {openSync, readSync, closeSync} from 'node:fs';
import {isMainThread, MessageChannel, Worker, workerData} from 'node:worker_threads';

import {bundlePath, ensureBuilt} from './build.mjs';

const CHUNK_BYTES = 10_000_000;  // HeapSnapshotView.ts: new ChunkedFileReader(file, 10000000)

async function load(HeapSnapshotLoader, file) {
  const {port1, port2} = new MessageChannel();
  const secondWorker = new Worker(new URL(import.meta.url), {workerData: {port: port2}, transferList: [port2]});
  secondWorker.on('error', e => {
    process.stderr.write(`second worker failed: ${e?.stack ?? e}\n`);
    process.exit(1);
  });
  const loader = new HeapSnapshotLoader.HeapSnapshotLoader(undefined);
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new TextDecoder();
  for (;;) {
    const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    const text = decoder.decode(buffer.subarray(0, n), {stream: n > 0});
    if (text) {
      loader.write(text);
    }
    if (n === 0) {
      break;
    }
    await new Promise(setImmediate);
  }
  closeSync(fd);
  loader.close();
  const snapshot = await loader.buildSnapshot(port1);
  await secondWorker.terminate();
  port1.close();
  return snapshot;
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length !== 2 || files.some(f => f.startsWith('--'))) {
    process.stderr.write('usage: node dump-diff.mjs BASE.heapsnapshot NEW.heapsnapshot\n');
    process.exit(2);
  }
  await ensureBuilt({quiet: true});
  const {HeapSnapshotLoader} = await import(bundlePath);
  const base = await load(HeapSnapshotLoader, files[0]);
  const now = await load(HeapSnapshotLoader, files[1]);

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
if (!isMainThread) {
  // The second worker: what HeapSnapshotWorkerDispatcher does on 'setupForSecondaryInit'.
  const {HeapSnapshot} = await import(bundlePath);
  new HeapSnapshot.SecondaryInitManager(workerData.port);
} else {
  await main();
}
