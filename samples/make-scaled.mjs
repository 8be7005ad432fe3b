// Make a V8-format heap snapshot of any size from a real one (for the scale benchmark; never
// checked in). V8 cannot write a 10 GB snapshot on a 24 GB machine, so this repeats a real
// snapshot's graph K times instead: every copy keeps the seed's exact shape (type mix, edge
// fan-out, sizes, deep chains and cycles, locations) and all copies share one string table, as
// a real heap shares its strings.
//
//   node make-scaled.mjs SEED.heapsnapshot OUT.heapsnapshot MB
//
// Copy 0 is the seed itself; copy k's nodes follow it with new ids above the seed's largest,
// one per node, each keeping its original's odd/even parity (V8's ids are not dense: a node
// process's reach hundreds of millions, so shifting them per copy would overflow 32 bits). The root gets an element edge
// to every other copy's root, and the node with the most edges in each copy k >= 1 gets a
// "next" property edge to its twin in copy k - 1: the copies form one graph with a chain K
// long across them, not K islands. The file is written as a stream; memory is the seed's.
// The size lands within about 20% of MB (later copies have longer numbers); the real one is printed.
import fs from 'node:fs';

const [seedPath, outPath, mbArg] = process.argv.slice(2);
if (!seedPath || !outPath || !(+mbArg > 0)) {
  console.error('usage: node make-scaled.mjs SEED.heapsnapshot OUT.heapsnapshot MB');
  process.exit(2);
}
const t0 = process.hrtime.bigint();
const seed = JSON.parse(fs.readFileSync(seedPath, 'utf8'));
const meta = seed.snapshot.meta;
const nodeFields = meta.node_fields.length;
const edgeFields = meta.edge_fields.length;
const nf = Object.fromEntries(meta.node_fields.map((name, i) => [name, i]));
const ef = Object.fromEntries(meta.edge_fields.map((name, i) => [name, i]));
const nodeCount = seed.snapshot.node_count;
const edgeCount = seed.snapshot.edge_count;
const nodes = seed.nodes, edges = seed.edges;
const locations = seed.locations ?? [];
const locationFields = (meta.location_fields ?? []).length;
const edgeTypes = meta.edge_types[ef.type];
const elementType = edgeTypes.indexOf('element');
const propertyType = edgeTypes.indexOf('property');

// How many copies: the seed's bytes per copy (nodes, edges, locations as text) into the target.
// A value and its comma, plus a newline per row.
const sectionBytes = (array, rowLength) =>
  array.reduce((sum, value) => sum + String(value).length + 1, 0) + (rowLength > 0 ? array.length / rowLength : 0);
const stringBytes = JSON.stringify(seed.strings).length;
const copyBytes = sectionBytes(nodes, nodeFields) + sectionBytes(edges, edgeFields) +
                  sectionBytes(locations, locationFields);
const copies = Math.max(1, Math.round((+mbArg * 1e6 - stringBytes) / copyBytes));

let maxId = 0;
let busiest = 0;  // The node with the most edges: it gets the "next" edge.
for (let i = 0; i < nodeCount; ++i) {
  maxId = Math.max(maxId, nodes[i * nodeFields + nf.id]);
  if (nodes[i * nodeFields + nf.edge_count] > nodes[busiest * nodeFields + nf.edge_count] && i !== 0) busiest = i;
}
const idBase = maxId + 2 - (maxId % 2);  // Even, above every seed id.
if (idBase + 2 * nodeCount * copies > 2 ** 32 - 1) {
  console.error(`make-scaled: ${copies} copies of ${nodeCount} nodes do not fit in 32-bit ids above ${maxId}`);
  process.exit(1);
}
const rootOrdinal = (seed.snapshot.root_index ?? 0) / nodeFields;
const strings = seed.strings.slice();
const nextName = strings.length;
strings.push('next');

const out = fs.openSync(outPath, 'w');
let buffer = [];
let buffered = 0;
function write(text) {
  buffer.push(text);
  buffered += text.length;
  if (buffered > (8 << 20)) flush();
}
function flush() {
  fs.writeSync(out, buffer.join(''));
  buffer = [];
  buffered = 0;
}

const snapshot = { ...seed.snapshot, node_count: nodeCount * copies, edge_count: edgeCount * copies + 2 * (copies - 1) };
write(`{"snapshot":${JSON.stringify(snapshot)},\n"nodes":[`);
for (let k = 0; k < copies; ++k) {
  const row = new Array(nodeFields);
  for (let i = 0; i < nodeCount; ++i) {
    for (let f = 0; f < nodeFields; ++f) row[f] = nodes[i * nodeFields + f];
    if (k > 0) row[nf.id] = idBase + 2 * ((k - 1) * nodeCount + i) + (row[nf.id] % 2);
    if (k === 0 && i === rootOrdinal) row[nf.edge_count] += copies - 1;
    if (k > 0 && i === busiest) row[nf.edge_count] += 1;
    write((k === 0 && i === 0 ? '' : ',') + row.join(',') + '\n');
  }
}
write('],\n"edges":[');
let first = true;
for (let k = 0; k < copies; ++k) {
  const shift = k * nodeCount * nodeFields;
  let edge = 0;
  for (let i = 0; i < nodeCount; ++i) {
    const count = nodes[i * nodeFields + nf.edge_count];
    for (let e = 0; e < count; ++e, ++edge) {
      const row = [];
      for (let f = 0; f < edgeFields; ++f) row.push(edges[edge * edgeFields + f]);
      row[ef.to_node] += shift;
      write((first ? '' : ',') + row.join(',') + '\n');
      first = false;
    }
    const extra = [];
    if (k === 0 && i === rootOrdinal) {
      for (let j = 1; j < copies; ++j) extra.push([elementType, j, (j * nodeCount + rootOrdinal) * nodeFields]);
    }
    if (k > 0 && i === busiest) extra.push([propertyType, nextName, ((k - 1) * nodeCount + busiest) * nodeFields]);
    for (const [type, name, to] of extra) {
      const row = new Array(edgeFields);
      row[ef.type] = type;
      row[ef.name_or_index] = name;
      row[ef.to_node] = to;
      write(',' + row.join(',') + '\n');
    }
  }
}
write('],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[');
first = true;
for (let k = 0; k < copies && locationFields > 0; ++k) {
  const objectIndex = meta.location_fields.indexOf('object_index');
  for (let r = 0; r < locations.length; r += locationFields) {
    const row = locations.slice(r, r + locationFields);
    row[objectIndex] += k * nodeCount * nodeFields;
    write((first ? '' : ',') + row.join(',') + '\n');
    first = false;
  }
}
write('],\n"strings":[');
for (let s = 0; s < strings.length; ++s) write((s === 0 ? '' : ',\n') + JSON.stringify(strings[s]));
write(']}\n');
flush();
fs.closeSync(out);
const bytes = fs.statSync(outPath).size;
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`wrote ${outPath}: ${(bytes / 1e6).toFixed(1)} MB, ${copies} copies of ${seedPath} ` +
            `(${nodeCount * copies} nodes, ${snapshot.edge_count} edges) in ${seconds.toFixed(1)} s`);
