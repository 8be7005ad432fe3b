// Cuts a real .heapsnapshot down to a small one for a fuzz seed corpus.
//
//   node cut_snapshot.mjs SAMPLE.heapsnapshot MAX_NODES > seed.heapsnapshot
//
// Keeps the first MAX_NODES nodes reached breadth-first from the root (so the
// seed has real objects, not only the synthetic roots that open every file),
// in their file order, the edges between them, the locations of kept nodes
// and the strings they use. The header text is kept byte for byte except the
// counts, sections are written in the file's order and layout (one node or
// edge row per line, the comma first, as V8 writes them), other sections
// (trace_tree, samples, scopes) are emptied, and non-ASCII characters are
// written as \uXXXX escapes as V8 does, so the result reads like a real file.
import fs from 'node:fs';

const [samplePath, maxNodesArg] = process.argv.slice(2);
const maxNodes = Number(maxNodesArg);
if (!samplePath || !(maxNodes > 0)) {
  console.error('usage: node cut_snapshot.mjs SAMPLE.heapsnapshot MAX_NODES');
  process.exit(2);
}
const text = fs.readFileSync(samplePath, 'utf8');
const snap = JSON.parse(text);
const meta = snap.snapshot.meta;
const nfc = meta.node_fields.length;
const efc = meta.edge_fields.length;
const nf = Object.fromEntries(meta.node_fields.map((name, i) => [name, i]));
const ef = Object.fromEntries(meta.edge_fields.map((name, i) => [name, i]));
const edgeTypes = meta.edge_types[ef.type];
const nodeCount = snap.nodes.length / nfc;
const firstEdge = new Uint32Array(nodeCount + 1);
for (let n = 0; n < nodeCount; ++n) firstEdge[n + 1] = firstEdge[n] + snap.nodes[n * nfc + nf.edge_count];
const rootOrdinal = (snap.snapshot.root_index ?? 0) / nfc;

// Breadth-first from the root, in edge order.
const kept = new Uint8Array(nodeCount);
const queue = [rootOrdinal];
kept[rootOrdinal] = 1;
let keptCount = 1;
for (let q = 0; q < queue.length && keptCount < maxNodes; ++q) {
  const n = queue[q];
  for (let e = firstEdge[n]; e < firstEdge[n + 1] && keptCount < maxNodes; ++e) {
    const to = snap.edges[e * efc + ef.to_node] / nfc;
    if (!kept[to]) {
      kept[to] = 1;
      ++keptCount;
      queue.push(to);
    }
  }
}
const newOrdinal = new Int32Array(nodeCount).fill(-1);
for (let n = 0, next = 0; n < nodeCount; ++n) if (kept[n]) newOrdinal[n] = next++;

const stringIds = new Map();  // Old string index -> new one.
const useString = (old) => {
  if (!stringIds.has(old)) stringIds.set(old, stringIds.size);
  return stringIds.get(old);
};
useString(0);
const nodeRows = [], edgeRows = [];
let edgeCount = 0;
for (let n = 0; n < nodeCount; ++n) {
  if (!kept[n]) continue;
  const row = snap.nodes.slice(n * nfc, (n + 1) * nfc);
  row[nf.name] = useString(row[nf.name]);
  let edges = 0;
  for (let e = firstEdge[n]; e < firstEdge[n + 1]; ++e) {
    const erow = snap.edges.slice(e * efc, (e + 1) * efc);
    const to = newOrdinal[erow[ef.to_node] / nfc];
    if (to < 0) continue;
    erow[ef.to_node] = to * nfc;
    const type = edgeTypes[erow[ef.type]];
    if (type !== 'element' && type !== 'hidden') erow[ef.name_or_index] = useString(erow[ef.name_or_index]);
    edgeRows.push(erow.join(','));
    ++edges;
  }
  row[nf.edge_count] = edges;
  edgeCount += edges;
  nodeRows.push(row.join(','));
}
const locationRows = [];
const lfc = meta.location_fields?.length ?? 0;
for (let i = 0; lfc && i < snap.locations.length; i += lfc) {
  const row = snap.locations.slice(i, i + lfc);
  const remap = (field) => {
    const at = meta.location_fields.indexOf(field);
    if (at < 0) return true;
    const to = newOrdinal[row[at] / nfc];
    row[at] = to * nfc;
    return to >= 0;
  };
  if (remap('object_index') && remap('script_object_index')) locationRows.push(row.join(','));
}
const oldStrings = [...stringIds.keys()];
const quote = (s) => '"' + s.replace(/[\u0000-\u001f"\\\u007f-\uffff]/g, (c) => {
  if (c === '"' || c === '\\') return '\\' + c;
  if (c === '\n') return '\\n';
  return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
}) + '"';

let header = text.slice(0, text.indexOf('"nodes":'));
header = header.replace(/"node_count":\d+/, `"node_count":${keptCount}`)
               .replace(/"edge_count":\d+/, `"edge_count":${edgeCount}`)
               .replace(/"trace_function_count":\d+/, '"trace_function_count":0');
const sections = [];
for (const key of Object.keys(snap)) {
  if (key === 'snapshot') continue;
  if (key === 'nodes') sections.push(`"nodes":[${nodeRows.join('\n,')}]`);
  else if (key === 'edges') sections.push(`"edges":[${edgeRows.join('\n,')}]`);
  else if (key === 'locations') sections.push(`"locations":[${locationRows.join('\n,')}]`);
  else if (key === 'strings') sections.push(`"strings":[${oldStrings.map((s) => quote(snap.strings[s])).join(',\n')}]`);
  else sections.push(`"${key}":[]`);
}
process.stdout.write(header + sections.join(',\n') + '}');
