// What the Chromium sample generators share: launching headless Chromium
// with a fresh profile, and taking a heap snapshot over the DevTools protocol.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Headless Chromium at `executablePath` with a fresh profile folder under the
// system's temporary directory and nothing that reaches the network. Returns
// the browser and the profile folder (the caller removes it after closing).
export async function launchChromium(puppeteer, executablePath) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'heapsleuth-chromium-'));
  const browser = await puppeteer.launch({
    executablePath, headless: true, userDataDir,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { browser, userDataDir };
}

// Takes a heap snapshot over the DevTools protocol into FILE, as DevTools
// does: a full GC first (HeapProfiler.collectGarbage), then the snapshot's
// chunks written as they arrive.

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
