// Loads a .heapsnapshot with memlab's heap-analysis API, the way a memlab
// analysis does, and prints what it loaded.
//
//   node --max-old-space-size=MB memlab-load.mjs FILE.heapsnapshot
//
// getFullHeapFromFile() parses the file (memlab's own streaming parser) and
// builds memlab's IHeapSnapshot with the node-id index, then runs
// preparePathFinder (its retainer-path / dominator preparation). Prints one
// JSON line on stdout: {"nodes":N,"edges":M,"seconds":S,"max_rss_mb":R}.
// On failure prints {"error":"..."} and exits 1 (run.sh records the message).
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node memlab-load.mjs FILE.heapsnapshot\n');
  process.exit(2);
}

const start = performance.now();
try {
  const {getFullHeapFromFile} = require('@memlab/heap-analysis');
  const heap = await getFullHeapFromFile(file);
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(JSON.stringify({
    nodes: heap.nodes.length,
    edges: heap.edges.length,
    seconds: +seconds.toFixed(2),
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n');
  process.exit(0);
} catch (e) {
  const message = String(e?.message ?? e).split('\n')[0];
  process.stdout.write(JSON.stringify({error: `${e?.name ?? 'Error'}: ${message}`}) + '\n');
  process.exit(1);
}
