// Takes a heap snapshot over the DevTools protocol into FILE, as DevTools
// does: a full GC first (HeapProfiler.collectGarbage), then the snapshot's
// chunks written as they arrive. Shared by the Chromium sample generators.
import fs from 'node:fs';

export async function takeSnapshot(cdp, file) {
  await cdp.send('HeapProfiler.collectGarbage');
  const fd = fs.openSync(file, 'w');
  const onChunk = ({ chunk }) => fs.writeSync(fd, chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    fs.closeSync(fd);
  }
}
