// Prints DevTools' Retainers view for some nodes, in the view's default order,
// using DevTools' own worker code (bundled by build.mjs).
//
// Usage: node dump-retainers.mjs FILE.heapsnapshot IDS.txt
//
// IDS.txt holds node ids, one per line. For each, what the Retainers view asks
// the worker for: createRetainingEdgesProvider(node) (which applies
// JSHeapSnapshot.retainingEdgesFilter: no weak edges, none from the root),
// sorted with the view's default comparator ('!edgeDistance' ascending, then
// 'name' ascending, as HeapSnapshotRetainingObjectNode.comparator() makes it
// from the Distance column), then every item serialized. Output, JSON Lines:
//   {"id": TARGET, "retainers": [[edge type, edge name, retainer id, retainer distance], ...]}
//
// The snapshot is loaded as in dump-nodes.mjs, but in one thread: the
// secondary init's SecondaryInitManager listens on the other end of a
// MessageChannel in this same thread (as DevTools' createJSHeapSnapshotForTesting).
import {readFileSync} from 'node:fs';
import {MessageChannel} from 'node:worker_threads';

import {bundlePath, ensureBuilt} from './build.mjs';

const [file, idsFile] = process.argv.slice(2);
if (!file || !idsFile) {
  process.stderr.write('usage: node dump-retainers.mjs FILE.heapsnapshot IDS.txt\n');
  process.exit(2);
}
await ensureBuilt({quiet: true});
const {HeapSnapshot, HeapSnapshotLoader, HeapSnapshotModel} = await import(bundlePath);

const loader = new HeapSnapshotLoader.HeapSnapshotLoader(undefined);
loader.write(readFileSync(file, 'utf8'));
loader.close();
const {port1, port2} = new MessageChannel();
new HeapSnapshot.SecondaryInitManager(port2);
const snapshot = await loader.buildSnapshot(port1);
port1.close();
port2.close();

const nodeIndexById = new Map();
const node = snapshot.createNode(0);
for (let ordinal = 0; ordinal < snapshot.nodeCount; ++ordinal) {
  node.nodeIndex = ordinal * snapshot.nodeFieldCount;
  nodeIndexById.set(node.id(), node.nodeIndex);
}
const comparator = new HeapSnapshotModel.ComparatorConfig('!edgeDistance', true, 'name', true);
const out = [];
for (const line of readFileSync(idsFile, 'utf8').split('\n')) {
  if (!line) continue;
  const id = Number(line);
  const nodeIndex = nodeIndexById.get(id);
  if (nodeIndex === undefined) throw new Error(`no node has id ${id}`);
  const provider = snapshot.createRetainingEdgesProvider(nodeIndex);
  provider.sortAndRewind(comparator);
  const range = provider.serializeItemsRange(0, Number.MAX_SAFE_INTEGER);
  const retainers = range.items.map(edge => [edge.type, String(edge.name), edge.node.id, edge.node.distance]);
  out.push(JSON.stringify({id, retainers}));
}
process.stdout.write(out.join('\n') + '\n');
