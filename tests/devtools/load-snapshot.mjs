// Loads a .heapsnapshot with Chrome DevTools' own worker code (bundled by
// build.mjs), as the DevTools UI does: HeapSnapshotView reads the file with a
// ChunkedFileReader (10,000,000-byte chunks, streaming TextDecoder), each chunk
// goes to HeapSnapshotLoader.write(), then close() and buildSnapshot(port).
// buildSnapshot runs the full JSHeapSnapshot.initialize(). Its "secondary
// init" (retainers, dominators, retained sizes, dominated nodes) runs, as in
// DevTools, in a second worker that holds a SecondaryInitManager on the other
// end of a MessageChannel: here a node worker thread running this same file.
import {openSync, readSync, closeSync} from 'node:fs';
import {isMainThread, MessageChannel, Worker, workerData} from 'node:worker_threads';

import {bundlePath} from './build.mjs';

const CHUNK_BYTES = 10_000_000;  // HeapSnapshotView.ts: new ChunkedFileReader(file, 10000000)

// `HeapSnapshotLoader` is the bundle's module (the caller has ensured it is built).
export async function loadSnapshot(HeapSnapshotLoader, file) {
  const {port1, port2} = new MessageChannel();
  const secondWorker = new Worker(new URL(import.meta.url), {workerData: {port: port2}, transferList: [port2]});
  secondWorker.on('error', e => {
    process.stderr.write(`second worker failed: ${e?.stack ?? e}\n`);
    process.exit(1);
  });
  // No dispatcher: HeapSnapshotProgress then drops progress events (as in DevTools' tests).
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
    // Let the parser consume this chunk before the next one arrives, as in the
    // UI where each write() is an awaited message to the worker.
    await new Promise(setImmediate);
  }
  closeSync(fd);
  loader.close();
  const snapshot = await loader.buildSnapshot(port1);
  await secondWorker.terminate();
  port1.close();
  return snapshot;
}

if (!isMainThread) {
  // The second worker: what HeapSnapshotWorkerDispatcher does on 'setupForSecondaryInit'.
  const {HeapSnapshot} = await import(bundlePath);
  new HeapSnapshot.SecondaryInitManager(workerData.port);
}
