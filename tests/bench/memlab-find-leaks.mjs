// memlab's own leak finder on three snapshots, for tests/bench/leaks.sh:
// `findLeaksBySnapshotFilePaths` (what `memlab find-leaks --baseline --target
// --final` runs), with --trace-all-objects' settings so that it reports the
// objects of a Node.js leak too. Prints {"clusters": N} (or {"error": ...}).
//
//   node memlab-find-leaks.mjs BASELINE TARGET FINAL
import {createRequire} from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const [baseline, target, final] = process.argv.slice(2);
try {
  const {findLeaksBySnapshotFilePaths} = require('@memlab/api');
  const {config} = require('@memlab/core');
  config.oversizeObjectAsLeak = true;
  config.oversizeThreshold = 0;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlab-bench-'));
  const leaks = await findLeaksBySnapshotFilePaths(baseline, target, final, {workDir, consoleMode: 'SILENT'});
  fs.rmSync(workDir, {recursive: true, force: true});
  console.log(JSON.stringify({clusters: leaks.length}));
} catch (error) {
  console.log(JSON.stringify({error: String(error && error.message || error).slice(0, 300)}));
}
