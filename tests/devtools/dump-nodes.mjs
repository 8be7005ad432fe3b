// Loads a .heapsnapshot with Chrome DevTools' own worker code (bundled by
// build.mjs) and prints DevTools' per-node results as TSV, or with --summary
// the statistics and Summary-view class aggregates as JSON.
//
// Usage: node dump-nodes.mjs [--summary] [--timing] FILE.heapsnapshot
//
// Loading follows the DevTools UI (load-snapshot.mjs).
import {bundlePath, ensureBuilt} from './build.mjs';
import {loadSnapshot} from './load-snapshot.mjs';

async function main() {
  const args = process.argv.slice(2);
  const summary = args.includes('--summary');
  const timing = args.includes('--timing');
  const files = args.filter(a => !a.startsWith('--'));
  if (files.length !== 1 || args.some(a => a.startsWith('--') && a !== '--summary' && a !== '--timing')) {
    process.stderr.write('usage: node dump-nodes.mjs [--summary] [--timing] FILE.heapsnapshot\n');
    process.exit(2);
  }

  await ensureBuilt({quiet: true});
  const {HeapSnapshot, HeapSnapshotLoader, HeapSnapshotModel} = await import(bundlePath);

  // initialize() overwrites self sizes (calculateShallowSizes) and the names of
  // detached DOM nodes (propagateDOMState) in place, in the nodes array. To also
  // report the values as written in the file, copy them just before
  // initialize() runs. This wraps the call; it changes nothing DevTools does.
  let raw = null;
  const initialize = HeapSnapshot.JSHeapSnapshot.prototype.initialize;
  HeapSnapshot.JSHeapSnapshot.prototype.initialize = function(port) {
    raw = captureRawFields(this.profile);
    return initialize.call(this, port);
  };

  const start = performance.now();
  const snapshot = await loadSnapshot(HeapSnapshotLoader, files[0]);
  const elapsed = (performance.now() - start) / 1000;
  if (timing) {
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    process.stderr.write(`load+initialize: ${elapsed.toFixed(2)} s, peak RSS: ${maxRssMB.toFixed(0)} MB\n`);
  }

  // A closed pipe (e.g. "| head") is a normal way to stop reading.
  process.stdout.on('error', e => process.exit(e.code === 'EPIPE' ? 0 : 1));
  const out = new Output();
  if (summary) {
    await out.write(JSON.stringify(summarize(snapshot, HeapSnapshotModel), null, 1) + '\n');
  } else {
    await dumpNodes(snapshot, raw, out);
  }
  await out.flush();
}

function captureRawFields(profile) {
  const fields = profile.snapshot.meta.node_fields;
  const fieldCount = fields.length;
  const nameOffset = fields.indexOf('name');
  const selfSizeOffset = fields.indexOf('self_size');
  const nodes = profile.nodes;
  const nodeCount = nodes.length / fieldCount;
  const nameIndex = new Uint32Array(nodeCount);
  const selfSize = new Uint32Array(nodeCount);
  for (let i = 0, base = 0; i < nodeCount; ++i, base += fieldCount) {
    nameIndex[i] = nodes.getValue(base + nameOffset);
    selfSize[i] = nodes.getValue(base + selfSizeOffset);
  }
  return {nameIndex, selfSize};
}

const HEADER = ['id', 'type', 'name', 'class_name', 'self_size', 'raw_self_size', 'retained_size', 'distance',
                'dominator_id', 'detachedness'];

async function dumpNodes(snapshot, raw, out) {
  // Strings only get appended during initialize(), so the file's indexes still hold.
  const strings = snapshot.strings;
  const node = snapshot.createNode(0);
  const dominator = snapshot.createNode(0);
  const fieldCount = snapshot.nodeFieldCount;
  await out.write(HEADER.join('\t') + '\n');
  for (let ordinal = 0; ordinal < snapshot.nodeCount; ++ordinal) {
    node.nodeIndex = ordinal * fieldCount;
    dominator.nodeIndex = node.dominatorIndex();  // The root is its own dominator.
    const pending = out.write(
        node.id() + '\t' + node.type() + '\t' + escapeText(strings[raw.nameIndex[ordinal]]) + '\t' +
        escapeText(node.className()) + '\t' + node.selfSize() + '\t' + raw.selfSize[ordinal] + '\t' +
        node.retainedSize() + '\t' + node.distance() + '\t' + dominator.id() + '\t' + node.detachedness() + '\n');
    if (pending) {
      await pending;
    }
  }
}

function summarize(snapshot, HeapSnapshotModel) {
  // What the Summary view shows with no filter: HeapSnapshotConstructorsDataGrid
  // calls aggregatesWithFilter(new NodeFilter()). DevTools' own
  // calculateClassesRetainedSize fills maxRet ("Retained" column), counting an
  // instance only if no dominator ancestor has the same class key.
  const aggregates = snapshot.aggregatesWithFilter(new HeapSnapshotModel.NodeFilter());
  const classes = Object.entries(aggregates).map(([key, a]) => ({
    class_key: key,
    name: a.name,
    count: a.count,
    self_size: a.self,
    retained_size: a.maxRet,
    distance: a.distance,
  }));
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  classes.sort((a, b) => b.retained_size - a.retained_size || cmp(a.name, b.name) || cmp(a.class_key, b.class_key));
  return {
    statistics: snapshot.getStatistics(),
    total_size: snapshot.totalSize,
    node_count: snapshot.nodeCount,
    edge_count: snapshot.containmentEdges.length / snapshot.edgeFieldsCount,
    classes,
  };
}

// One record per line: escape backslash and all control characters.
const ESCAPES = new Map([['\\', '\\\\'], ['\t', '\\t'], ['\n', '\\n'], ['\r', '\\r']]);
for (let c = 0; c < 0x20; ++c) {
  const ch = String.fromCharCode(c);
  if (!ESCAPES.has(ch)) {
    ESCAPES.set(ch, '\\u' + c.toString(16).padStart(4, '0'));
  }
}
const NEEDS_ESCAPE = /[\x00-\x1f\\]/;
const TO_ESCAPE = /[\x00-\x1f\\]/g;
export function escapeText(s) {
  return NEEDS_ESCAPE.test(s) ? s.replace(TO_ESCAPE, ch => ESCAPES.get(ch)) : s;
}

// Collects output into ~4 MB pieces and writes them with backpressure.
// (node's utf8 encoding turns lone surrogates into U+FFFD.)
class Output {
  #parts = [];
  #length = 0;
  write(s) {
    this.#parts.push(s);
    this.#length += s.length;
    return this.#length >= (1 << 22) ? this.flush() : undefined;
  }
  async flush() {
    const text = this.#parts.join('');
    this.#parts = [];
    this.#length = 0;
    if (text && !process.stdout.write(text)) {
      await new Promise(resolve => process.stdout.once('drain', resolve));
    }
  }
}

// At the end, so that everything above is initialized when main() runs.
await main();
