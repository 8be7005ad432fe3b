// Writes the malformed inputs of the corrupt-input test into a scratch dir and
// prints their manifest (one case per line) on stdout.
//
//   node make_cases.mjs SAMPLE.heapsnapshot SCRATCH_DIR > SCRATCH_DIR/cases.tsv
//
// Every case is the real sample with exactly one defect, made by text surgery
// at a byte offset found by scanning the sample, so the expected error offset
// is known exactly. The sample is handled as latin1 text: one char per byte,
// so string indices are byte offsets.
//
// Manifest columns, tab-separated, "-" for an empty field:
//   name  mode  file  expect  byte
// mode:   err (exit 3, one-line error with a place), io (exit 3, the place may
//         be just the path), stdin (like err, piped into `-`), rss (like err,
//         plus a peak RSS and wall-time bound), ok / ok-nodes (exit 0),
//         fifo / ok-fifo (like err / ok, the file written into a named pipe), grow (like err:
//         the file is extended by FILE.rest once the tool has mapped it),
//         maxmem / stdin-maxmem (like rss / stdin, with --max-memory 8MiB / 1MiB),
//         ok-same (exit 0 and heapsleuth-nodes prints what it prints for the
//         sample), ok-jsonl (exit 0 and heapsleuth-nodes --format jsonl prints
//         valid UTF-8 JSON lines).
// expect: an extended regex (grep -E) the message must match.
// byte:   the error's byte offset: N, or A-B for a range.
// run.sh creates zeros-1g.heapsnapshot (sparse) and a-directory.heapsnapshot
// itself before calling this script.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [samplePath, outDir] = process.argv.slice(2);
if (!samplePath || !outDir) {
  console.error('usage: node make_cases.mjs SAMPLE.heapsnapshot SCRATCH_DIR');
  process.exit(2);
}
const text = fs.readFileSync(samplePath).toString('latin1');
const size = text.length;

const rows = [];
function record(name, mode, file, expect, byte) {
  rows.push([name, mode, file, expect ?? '-', byte === undefined ? '-' : String(byte)].join('\t'));
}
// Writes `content` (latin1 text or a Buffer) as a case file and records it.
function add(name, content, expect, byte, mode = 'err') {
  const file = path.join(outDir, `${name}.heapsnapshot`);
  fs.writeFileSync(file, typeof content === 'string' ? Buffer.from(content, 'latin1') : content);
  record(name, mode, file, expect, byte);
}
// A regex that matches `s` literally.
const lit = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const replaceAt = (s, at, length, insert) => s.slice(0, at) + insert + s.slice(at + length);
function must(condition, what) {
  if (!condition) throw new Error(`make_cases: the sample does not fit the test: ${what}`);
}

// --- Layout of the sample -------------------------------------------------

// Offset of `"key":` at the top level (the first match after `from`).
function keyOffset(key, from = 0) {
  const at = text.indexOf(`"${key}":`, from);
  must(at >= 0, `no "${key}" section`);
  return at;
}
const nodesKey = keyOffset('nodes');
const header = JSON.parse(text.slice(0, nodesKey).replace(/,\s*$/, '') + '}').snapshot;
const meta = header.meta;
const nodeFieldCount = meta.node_fields.length;
const edgeFieldCount = meta.edge_fields.length;
const nodeCount = header.node_count;
const edgeCount = header.edge_count;
const nf = Object.fromEntries(meta.node_fields.map((name, i) => [name, i]));
const ef = Object.fromEntries(meta.edge_fields.map((name, i) => [name, i]));
const nodeTypes = meta.node_types[nf.type];
const edgeTypes = meta.edge_types[ef.type];
must(text.startsWith('{"snapshot":{'), 'starts with {"snapshot":{');
const metaOffset = '{"snapshot":'.length;  // Where errors about the header point.

// The unsigned integers of the array whose '[' is at `open`: their offsets,
// lengths and values, and the offset of the closing ']'.
function scanInts(open) {
  must(text[open] === '[', `'[' at ${open}`);
  const offsets = [], lengths = [], values = [];
  let p = open + 1;
  while (true) {
    while (' \n\r\t,'.includes(text[p])) ++p;
    if (text[p] === ']') return { open, offsets, lengths, values, close: p };
    const start = p;
    while (text[p] >= '0' && text[p] <= '9') ++p;
    must(p > start, `a digit at ${start}`);
    offsets.push(start);
    lengths.push(p - start);
    values.push(Number(text.slice(start, p)));
  }
}
const section = (key) => {
  const k = keyOffset(key, nodesKey);
  return { key: k, ...scanInts(k + key.length + 3) };
};
const nodes = section('nodes');
const edges = section('edges');
const locations = section('locations');
must(nodes.values.length === nodeCount * nodeFieldCount, 'nodes length');
must(edges.values.length === edgeCount * edgeFieldCount, 'edges length');
const traceTreeKey = keyOffset('trace_tree', edges.close);
const samplesKey = keyOffset('samples', edges.close);
const stringsKey = keyOffset('strings', locations.close);
const stringsOpen = stringsKey + '"strings":'.length;
const strings = JSON.parse(text.slice(stringsOpen, text.lastIndexOf(']') + 1));
must(text.endsWith(']}'), 'ends with ]}');
// Offsets of the opening quotes of all the strings.
const stringStarts = [];
for (let p = stringsOpen + 1; stringStarts.length < strings.length; ++p) {
  if (text[p] !== '"') continue;
  stringStarts.push(p);
  for (++p; text[p] !== '"'; ++p) if (text[p] === '\\') ++p;
}

const nodeValue = (node, field) => node * nodeFieldCount + nf[field];
const edgeValue = (edge, field) => edge * edgeFieldCount + ef[field];
// Replaces value `i` of `array` with `insert`; returns the new text.
const setValue = (array, i, insert) => replaceAt(text, array.offsets[i], array.lengths[i], insert);
// Replaces the first `from` (which must be in the header) with `to`.
function editHeader(from, to) {
  const at = text.indexOf(from);
  must(at >= 0 && at < nodesKey, `${from} in the header`);
  return replaceAt(text, at, from.length, to);
}

// The parser's guard in front of each big allocation: a section of `values`
// integers whose '[' is at `open` must fit in the bytes left, 2 per value.
const fits = (values, open, fileSize) => values <= Math.floor((fileSize - open) / 2) + 1;

// A fixed-seed generator (mulberry32), so random cases are reproducible.
function randomBytes(count, seed) {
  const out = Buffer.alloc(count);
  let a = seed >>> 0;
  for (let i = 0; i < count; ++i) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

// --- The harness checks itself --------------------------------------------

record('sample-ok', 'ok', path.resolve(samplePath), '-', undefined);
record('sample-ok-nodes', 'ok-nodes', path.resolve(samplePath), '-', undefined);

// --- Not a snapshot at all ------------------------------------------------

add('empty', '', lit('byte 0: empty file'), 0);
record('a-directory', 'io', path.join(outDir, 'a-directory.heapsnapshot'), 'is a directory', undefined);
record('nonexistent', 'io', path.join(outDir, 'no-such-file.heapsnapshot'),
       'cannot open: No such file or directory', undefined);
record('zeros-1g-sparse', 'rss', path.join(outDir, 'zeros-1g.heapsnapshot'),
       lit("expected '{', found byte 0x00"), 0);
for (const [name, count, seed] of [['random-4k', 4096, 1], ['random-1m', 1 << 20, 2]]) {
  const bytes = randomBytes(count, seed);
  must(!' \n\r\t{'.includes(String.fromCharCode(bytes[0])), `${name} starts with a non-JSON byte`);
  add(name, bytes, lit("expected '{', found "), 0);
}
add('whitespace-only', ' \n\t\r\n', lit("expected '{', found end of input"), 5);
add('utf8-bom', '\xef\xbb\xbf' + text, lit("expected '{', found byte 0xef"), 0);
add('json-empty-object', '{}', lit('no "snapshot" section'), 1);
add('json-empty-array', '[]', lit("expected '{', found '['"), 0);
add('json-null', 'null', lit("expected '{', found 'n'"), 0);
const notSnapshot = '{"name":"heapsleuth","version":[0,1,0],"private":true,"deps":{"absl":null}}\n';
add('json-not-a-snapshot', notSnapshot, lit('no "snapshot" section'), notSnapshot.length);
add('snapshot-not-an-object', '{"snapshot":5}', lit('snapshot: expected an object'), metaOffset);

// --- Truncations ----------------------------------------------------------

// Cut at `at` bytes. An error at the cut itself says end of input; a cut in
// nodes or edges far enough from the end is refused before reading, at '['.
function truncationExpect(at) {
  let expect = 'end of input|unterminated string', byte = at;
  for (const [array, values] of [[nodes, nodes.values.length], [edges, edges.values.length]]) {
    if (at >= array.open && at <= array.close && !fits(values, array.open, at)) {
      expect = lit(`${array === nodes ? 'nodes' : 'edges'}: the header promises ${values} values`);
      byte = array.open;
    }
  }
  return { expect, byte };
}
function truncation(name, at, mode = 'err') {
  const { expect, byte } = truncationExpect(at);
  if (mode === 'stdin') {
    const file = path.join(outDir, `${name}.heapsnapshot`);
    fs.writeFileSync(file, Buffer.from(text.slice(0, at), 'latin1'));
    record(name, 'stdin', file, expect, byte);
  } else {
    add(name, text.slice(0, at), expect, byte, mode);
  }
}
for (let k = 1; k <= 20; ++k) truncation(`cut-${k}of21`, Math.floor((size * k) / 21));
truncation('cut-at-1', 1);
truncation('cut-in-meta-key', text.indexOf('"node_types"') + 5);
truncation('cut-in-meta-number', text.indexOf('"node_count":') + 15);
truncation('cut-before-nodes-key', nodesKey);
truncation('cut-in-nodes-key', nodesKey + 3);
truncation('cut-nodes-open', nodes.open + 1);
truncation('cut-in-last-node', nodes.offsets[nodes.offsets.length - 3]);
truncation('cut-before-nodes-close', nodes.close);
truncation('cut-after-nodes', nodes.close + 1);
truncation('cut-edges-open', edges.open + 1);
truncation('cut-in-last-edge', edges.offsets[edges.offsets.length - 2] + 1);
truncation('cut-in-trace-tree', traceTreeKey + '"trace_tree":['.length);
truncation('cut-in-locations', locations.offsets[5] + 1);
truncation('cut-strings-open', stringsOpen + 1);
truncation('cut-in-string', stringStarts[2] + 4);
truncation('cut-after-string', stringStarts[3]);
// A real \u escape, not "\\u" (an escaped backslash, then a "u").
const uEscape = /(?<!\\)(?:\\\\)*\\u[0-9a-fA-F]{4}/g;
uEscape.lastIndex = stringsOpen;
const escape = uEscape.exec(text);
must(escape, 'a \\u escape in the strings');
truncation('cut-in-u-escape', escape.index + escape[0].length - 6 + 4);  // Ends "\u00".
truncation('cut-end-minus-1', size - 1);
// (Offsets scale down for small samples: tests/fuzz seeds its corpus with
// these cases made from cut-down snapshots.)
truncation('stdin-cut-in-edges', edges.offsets[Math.max(0, edges.offsets.length - 1000)], 'stdin');

// --- Inconsistent header --------------------------------------------------

add('node-count-plus-1', editHeader(`"node_count":${nodeCount}`, `"node_count":${nodeCount + 1}`),
    lit(`nodes: ${nodeCount * nodeFieldCount} values, expected node_count (${nodeCount + 1})`), nodes.close);
add('node-count-minus-1', editHeader(`"node_count":${nodeCount}`, `"node_count":${nodeCount - 1}`),
    lit(`nodes: more than node_count (${nodeCount - 1}) x ${nodeFieldCount} values`),
    nodes.offsets[(nodeCount - 1) * nodeFieldCount]);
add('node-count-zero', editHeader(`"node_count":${nodeCount}`, '"node_count":0'),
    lit('snapshot.node_count: is 0'), metaOffset);
{
  // The last node with edges is where a smaller edge_count is first exceeded.
  let last = nodeCount - 1;
  while (nodes.values[nodeValue(last, 'edge_count')] === 0) --last;
  add('edge-count-minus-1', editHeader(`"edge_count":${edgeCount}`, `"edge_count":${edgeCount - 1}`),
      lit(`node ${last}: edge_count values add up to more than snapshot.edge_count (${edgeCount - 1})`),
      nodes.offsets[nodeValue(last, 'edge_count')]);
  add('edge-count-plus-1', editHeader(`"edge_count":${edgeCount}`, `"edge_count":${edgeCount + 1}`),
      lit(`nodes: edge_count values add up to ${edgeCount}, but snapshot.edge_count is ${edgeCount + 1}`),
      nodes.close);
  // One node claims one edge more: the same place, by the sum.
  const i = nodeValue(12, 'edge_count');
  const more = String(nodes.values[i] + 1);
  add('node-edge-count-sum-over', setValue(nodes, i, more),
      lit(`node ${last}: edge_count values add up to more than snapshot.edge_count (${edgeCount})`),
      nodes.offsets[nodeValue(last, 'edge_count')] + more.length - nodes.lengths[i]);
  let j = nodeValue(0, 'edge_count');  // The root has edges.
  must(nodes.values[j] > 0, 'the root has edges');
  const fewer = String(nodes.values[j] - 1);
  add('node-edge-count-sum-under', setValue(nodes, j, fewer),
      lit(`nodes: edge_count values add up to ${edgeCount - 1}, but snapshot.edge_count is ${edgeCount}`),
      nodes.close + fewer.length - nodes.lengths[j]);
}
add('node-fields-no-id', editHeader('"id","self_size"', '"ix","self_size"'),
    lit('snapshot.meta.node_fields: has no "id" field'), metaOffset);
add('node-types-missing', editHeader('"node_types":', '"node_typez":'),
    lit('snapshot.meta.node_types: missing or not an array'), metaOffset);
add('edge-fields-no-to-node', editHeader('"to_node"]', '"to_nodx"]'),
    lit('snapshot.meta.edge_fields: has no "to_node" field'), metaOffset);
add('edge-types-repeated-name', editHeader('"shortcut","weak"]', '"shortcut","element"]'),
    lit('snapshot.meta.edge_types[0]: type name "element" appears twice'), metaOffset);
add('node-fields-not-strings', editHeader('"node_fields":["type",', '"node_fields":[1,'),
    lit('snapshot.meta.node_fields: expected an array of strings'), metaOffset);
add('node-count-negative', editHeader(`"node_count":${nodeCount}`, `"node_count":-${nodeCount}`),
    lit('snapshot.node_count: expected an unsigned integer'), metaOffset);
add('node-count-float', editHeader(`"node_count":${nodeCount}`, `"node_count":${nodeCount}.5`),
    lit('snapshot.node_count: expected an unsigned integer'), metaOffset);
add('node-count-25-digits', editHeader(`"node_count":${nodeCount}`, '"node_count":1234567890123456789012345'),
    lit('snapshot: not valid JSON'), metaOffset);
add('root-index-not-multiple', editHeader('"node_count":', '"root_index":5,"node_count":'),
    lit('snapshot.root_index: 5 is not a node index'), metaOffset);
add('root-index-past-end', editHeader('"node_count":', `"root_index":${nodeCount * nodeFieldCount},"node_count":`),
    lit(`snapshot.root_index: ${nodeCount * nodeFieldCount} is not a node index`), metaOffset);
{
  // Deep nesting in the header: skipped iteratively, refused by simdjson.
  const deep = '"deep":' + '['.repeat(100000) + ']'.repeat(100000) + ',';
  add('meta-nested-100k-deep', editHeader('"meta":', deep + '"meta":'), lit('snapshot: not valid JSON'), metaOffset);
}

// Small files whose header promises far more than they hold: refused before
// allocating (the harness checks peak RSS).
{
  const head = text.slice(0, nodesKey);
  const tail = '"nodes":[' + nodes.values.slice(0, nodeFieldCount).map(() => 0).join(',') +
               '],\n"edges":[],\n"strings":[""]}';
  const small = (count) => head.replace(`"node_count":${nodeCount}`, `"node_count":${count}`) + tail;
  add('node-count-1e15-small-file', small('1000000000000000'), lit('snapshot.node_count: exceeds 2^32 - 2'),
      metaOffset, 'rss');
  const maxCount = 2 ** 32 - 2;
  const s = small(String(maxCount));
  add('node-count-max-small-file', s, lit(`nodes: the header promises ${maxCount * nodeFieldCount} values`),
      s.indexOf('"nodes":[') + 8, 'rss');
  // Edges before nodes, so nothing else is checked first.
  const e = head.replace(`"edge_count":${edgeCount}`, '"edge_count":4000000000') +
            '"edges":[0,0,0],\n"nodes":[],\n"strings":[""]}';
  add('edge-count-4e9-small-file', e, lit(`edges: the header promises ${4000000000 * edgeFieldCount} values`),
      e.indexOf('"edges":[') + 8, 'rss');
}

// --- Bad values in nodes and edges ----------------------------------------

{
  const i = nodeValue(12, 'self_size');
  add('nodes-negative', setValue(nodes, i, '-1'), lit("expected an unsigned integer, found '-'"), nodes.offsets[i]);
  add('nodes-float', setValue(nodes, i, '1.5'), lit("expected ',' or ']' in an integer array, found '.'"),
      nodes.offsets[i] + 1);
  add('nodes-25-digits', setValue(nodes, i, '1234567890123456789012345'), lit('integer too large'), nodes.offsets[i]);
  add('nodes-null', setValue(nodes, i, 'null'), lit("expected an unsigned integer, found 'n'"), nodes.offsets[i]);
  const t = nodeValue(12, 'type');
  add('node-type-out-of-range', setValue(nodes, t, String(nodeTypes.length)),
      lit(`node 12: type ${nodeTypes.length} is out of range`), nodes.offsets[t]);
  const n = nodeValue(12, 'name');
  add('node-name-out-of-range', setValue(nodes, n, String(strings.length)),
      lit(`nodes[12].name: string index ${strings.length} is out of range (${strings.length} strings)`));
  add('node-id-over-32-bits', setValue(nodes, nodeValue(12, 'id'), '4294967296'),
      lit('node 12: id 4294967296 is out of range'), nodes.offsets[nodeValue(12, 'id')]);
}
{
  const edge = 100;
  const to = edgeValue(edge, 'to_node');
  const target = edges.values[to];
  add('edge-to-node-not-multiple', setValue(edges, to, String(target + 1)),
      lit(`edge ${edge}: to_node ${target + 1} is not a multiple of the node field count ${nodeFieldCount}`),
      edges.offsets[to]);
  const past = nodeCount * nodeFieldCount;
  add('edge-to-node-past-end', setValue(edges, to, String(past)),
      lit(`edge ${edge}: to_node ${past} is past the last node (node_count ${nodeCount})`), edges.offsets[to]);
  const t = edgeValue(edge, 'type');
  add('edge-type-out-of-range', setValue(edges, t, String(edgeTypes.length)),
      lit(`edge ${edge}: type ${edgeTypes.length} is out of range (${edgeTypes.length} edge types)`),
      edges.offsets[t]);
  // The first edge whose name is a string (not element or hidden).
  let named = 0;
  while (['element', 'hidden'].includes(edgeTypes[edges.values[edgeValue(named, 'type')]])) ++named;
  add('edge-name-out-of-range', setValue(edges, edgeValue(named, 'name_or_index'), String(strings.length)),
      lit(`edges[${named}].name_or_index: string index ${strings.length} is out of range`));
}
{
  const extra = ',1,1,0';
  add('edges-one-too-many', replaceAt(text, edges.close, 0, extra),
      lit(`edges: more than edge_count (${edgeCount}) x ${edgeFieldCount} values`), edges.close + 1);
  const lastEdge = edges.offsets[edges.offsets.length - edgeFieldCount];
  const cut = text.lastIndexOf(',', lastEdge);
  const lessText = text.slice(0, cut) + text.slice(edges.close);
  add('edges-one-too-few', lessText,
      lit(`edges: ${(edgeCount - 1) * edgeFieldCount} values, expected edge_count (${edgeCount})`),
      cut);
  const lastValue = nodes.offsets[nodes.offsets.length - 1];
  const nodesCut = text.lastIndexOf(',', lastValue);
  add('nodes-one-value-short', text.slice(0, nodesCut) + text.slice(nodes.close),
      lit(`nodes: ${nodeCount * nodeFieldCount - 1} values, expected node_count (${nodeCount})`), nodesCut);
  must(locations.values.length >= 4 && meta.location_fields[0] === 'object_index', 'locations rows');
  add('location-not-a-node', setValue(locations, 0, String(locations.values[0] + 1)),
      lit(`locations: object_index ${locations.values[0] + 1} is not a node index`), locations.offsets[0]);
}

// --- Broken JSON ----------------------------------------------------------

{
  const row = nodes.offsets[5 * nodeFieldCount];
  must(text[row - 1] === ',', 'rows start with a comma');
  add('nodes-missing-comma', replaceAt(text, row - 1, 1, ' '),
      lit(`expected ',' or ']' in an integer array, found '${text[row]}'`), row);
  const lastQuote = text.lastIndexOf('"');
  add('string-unterminated', replaceAt(text, lastQuote, 1, ''), lit('unterminated string'), size - 1);
  const s = stringStarts[10] + 1;
  add('string-invalid-escape', replaceAt(text, s, 0, '\\x41'), lit('invalid escape in a string'), s);
  add('string-control-char', replaceAt(text, s, 0, '\x01'), lit('control character inside a string'), s);
  add('string-bad-u-escape', replaceAt(text, s, 0, '\\u12G4'), lit('invalid \\u escape in a string'), s);
  add('trailing-garbage', text + 'xyz', lit('unexpected data after the snapshot object'), size);
  const dup = ',\n"nodes":[]';
  add('duplicate-nodes', replaceAt(text, nodes.close + 1, 0, dup), lit('duplicate "nodes" section'),
      nodes.close + 3);
  add('duplicate-snapshot', replaceAt(text, nodesKey, 0, `"snapshot":{},\n`), lit('duplicate "snapshot" section'),
      nodesKey);
  const nodesText = text.slice(nodesKey, nodes.close + 1);
  const snapshotText = text.slice(1, nodesKey).replace(/,\s*$/, '');
  add('nodes-before-snapshot',
      '{' + nodesText + ',\n' + snapshotText + ',\n' + text.slice(edges.key),
      lit('"nodes" comes before "snapshot"'), 1);
  add('missing-edges', text.slice(0, edges.key) + text.slice(edges.close + 3), lit('no "edges" section'),
      size - (edges.close + 3 - edges.key));
  const noStrings = text.slice(0, stringsKey).replace(/,\s*$/, '') + '}';
  add('missing-strings', noStrings, lit('no "strings" section'), noStrings.length);
  const colon = edges.key + '"edges"'.length;
  add('missing-colon', replaceAt(text, colon, 1, ''), lit("expected ':', found '['"), colon);
  // An unknown section (skipped, like trace_tree) nested 1M deep and left
  // open by one: no recursion, and the next key is taken for a value.
  const depth = 1000000;
  const deep = `"x_deep":${'['.repeat(depth)}${']'.repeat(depth - 1)},\n`;
  add('unknown-section-1m-deep', replaceAt(text, samplesKey, 0, deep), lit("expected ',' or ']', found ':'"),
      samplesKey + deep.length + '"samples"'.length);
  const at = nodes.offsets[Math.min(40000, nodes.offsets.length >> 2)];
  const noise = randomBytes(Math.min(4096, nodes.close - at), 3);
  add('random-in-nodes', Buffer.concat([Buffer.from(text.slice(0, at), 'latin1'), noise,
                                        Buffer.from(text.slice(at + noise.length), 'latin1')]),
      '.', `${at}-${at + noise.length}`);
}

// --- Every section boundary (issue 7) -------------------------------------

// The offset just past the JSON value that starts at `p` (brackets matched,
// strings skipped).
function valueEnd(p) {
  if (text[p] !== '[' && text[p] !== '{') {
    while (!',}]'.includes(text[p])) ++p;
    return p;
  }
  let depth = 0;
  for (;; ++p) {
    const c = text[p];
    if (c === '"') {
      for (++p; text[p] !== '"'; ++p) if (text[p] === '\\') ++p;
    } else if (c === '[' || c === '{') {
      ++depth;
    } else if ((c === ']' || c === '}') && --depth === 0) {
      return p + 1;
    }
  }
}
{
  // The top-level keys, in file order: each cut before the key, inside it,
  // after its colon, inside the opening bracket, before the closing one and
  // after the value.
  let p = 1;
  let sections = 0;
  while (text[p] === '"') {
    const key = text.slice(p + 1, text.indexOf('"', p + 1));
    const value = p + key.length + 3;
    const end = valueEnd(value);
    for (const [where, at] of [['before-key', p], ['in-key', p + 2], ['after-colon', value],
                               ['after-open', value + 1], ['before-close', end - 1], ['after-value', end]]) {
      truncation(`cut-${key}-${where}`, at);
    }
    ++sections;
    p = end;
    while (',\n\r\t '.includes(text[p])) ++p;
  }
  must(sections >= 6 && p === size - 1, 'top-level sections found');
}

// --- Fields and sections in an unexpected order ---------------------------

// V8 resolves nothing by position and neither do we: a file whose node and
// edge fields are listed (and laid out) in another order, or whose sections
// come in another order, is the same snapshot, node for node.
{
  // Node fields reversed, in the header and in every row.
  const order = meta.node_fields.map((_, i) => i).reverse();
  const fieldsText = JSON.stringify(meta.node_fields);
  const typesText = JSON.stringify(meta.node_types);
  const rows = [];
  for (let n = 0; n < nodeCount; ++n) rows.push(order.map((f) => nodes.values[n * nodeFieldCount + f]).join(','));
  let t = replaceAt(text, nodes.open + 1, nodes.close - nodes.open - 1, rows.join('\n,'));
  t = t.replace(fieldsText, JSON.stringify(order.map((f) => meta.node_fields[f])))
       .replace(typesText, JSON.stringify(order.map((f) => meta.node_types[f])));
  must(t.indexOf(typesText) < 0, 'node types rewritten');
  add('node-fields-reordered', t, undefined, undefined, 'ok-same');
  // The same header with the rows left as they were: now "type" is read
  // from the last column (detachedness or trace_node_id), "name" from the
  // one before, and so on, until a value is out of range for its new field.
  const headerOnly = text.replace(fieldsText, JSON.stringify(order.map((f) => meta.node_fields[f])))
                         .replace(typesText, JSON.stringify(order.map((f) => meta.node_types[f])));
  add('node-fields-reordered-header-only', headerOnly, 'node [0-9]+: .* is out of range|edge_count values add up',
      `${nodes.open}-${nodes.close}`);
  // Sections: strings first, then edges, then nodes; header keys reversed.
  const section = (key, end) => text.slice(keyOffset(key, nodesKey), end);
  const stringsText = text.slice(stringsKey, size - 1);
  const edgesText = text.slice(edges.key, edges.close + 1);
  const nodesText = text.slice(nodesKey, nodes.close + 1);
  const headerObject = JSON.parse(text.slice(metaOffset, nodesKey).replace(/,\s*$/, ''));
  const reversedHeader = JSON.stringify(Object.fromEntries(Object.entries(headerObject).reverse()));
  must(section('locations', locations.close + 1).length > 0, 'locations');
  add('sections-reordered',
      `{"snapshot":${reversedHeader},\n${stringsText},\n${edgesText},\n${nodesText},\n` +
      `${text.slice(locations.key, locations.close + 1)}}`, undefined, undefined, 'ok-same');
}

// --- Huge claimed counts --------------------------------------------------

{
  // One node claims 2^32 - 1 edges: refused at that value, not allocated.
  const i = nodeValue(12, 'edge_count');
  add('node-edge-count-huge', setValue(nodes, i, '4294967295'),
      lit(`node 12: edge_count values add up to more than snapshot.edge_count (${edgeCount})`), nodes.offsets[i]);
  // A header that promises 2^32 - 2 nodes and 4e9 edges in the real file:
  // under --max-memory, refused at the header by the memory estimate.
  const big = editHeader(`"node_count":${nodeCount}`, `"node_count":${2 ** 32 - 2}`);
  add('node-count-max-with-max-memory', big,
      'snapshot: loading 4294967294 nodes, .* needs up to [0-9]+ bytes of memory, more than the limit of 8388608 bytes',
      metaOffset, 'maxmem');
  // The real sample needs more than 8 MiB: refused before loading.
  record('sample-over-max-memory', 'maxmem', path.resolve(samplePath),
         'needs up to [0-9]+ bytes of memory, more than the limit of 8388608 bytes', metaOffset);
  // Stdin is read into memory, so --max-memory bounds it too.
  const file = path.join(outDir, 'stdin-over-max-memory.heapsnapshot');
  fs.writeFileSync(file, Buffer.from(text, 'latin1'));
  record('stdin-over-max-memory', 'stdin-maxmem', file,
         lit('input that cannot be mapped as it is (stdin, a pipe, a compressed file) is limited to 1048576 bytes'), 1048576);
}

// --- Deep nesting where values are expected -------------------------------

{
  const depth = 100000;
  const i = nodes.offsets[nodeValue(3, 'self_size')];
  add('nodes-nested-100k-deep', replaceAt(text, i, 0, '['.repeat(depth)),
      lit("expected an unsigned integer, found '['"), i);
  const s = stringStarts[5];
  add('strings-nested-100k-deep', replaceAt(text, s, 0, '['.repeat(depth)), lit("expected a string, found '['"), s);
}

// --- Escapes, surrogates and bytes that are not UTF-8 ---------------------

// The string that names node `node`, and where its text starts.
const nameOf = (node) => nodes.values[nodeValue(node, 'name')];
function editName(node, insert) {
  const quote = stringStarts[nameOf(node)];
  return replaceAt(text, quote + 1, 0, insert);
}
{
  // Lone surrogates are valid: V8 writes them (a name cut at 1024 UTF-16
  // units inside a pair) and DevTools keeps them. Output turns them into
  // U+FFFD, so the JSON lines stay valid UTF-8.
  add('string-lone-high-surrogate', editName(20, '\\ud800'), undefined, undefined, 'ok-jsonl');
  add('string-lone-low-surrogate', editName(20, '\\udc00x'), undefined, undefined, 'ok-jsonl');
  add('string-surrogates-reversed', editName(20, '\\udc00\\ud800'), undefined, undefined, 'ok-jsonl');
  add('string-high-surrogate-at-end', editName(20, 'abc\\ud83d'), undefined, undefined, 'ok-jsonl');
  // Raw bytes that are not UTF-8, inside a string: DevTools reads the file
  // with a UTF-8 decoder that replaces them; we keep the bytes and output
  // replaces them, so the result is the same and valid.
  add('string-invalid-utf8-bytes', editName(20, '\xff\xfe\xc0\x80\xed\xa0\x80'), undefined, undefined, 'ok-jsonl');
  add('string-truncated-utf8', editName(20, '\xe4\xb8'), undefined, undefined, 'ok-jsonl');
  const s = stringStarts[10] + 1;
  add('string-escape-at-quote', replaceAt(text, s, 0, '\\'), 'invalid escape in a string|unterminated string', s);
  add('string-u-escape-short', replaceAt(text, s, 0, '\\u12"'), lit('invalid \\u escape in a string'), s);
  add('string-u-escape-after-high-surrogate', replaceAt(text, s, 0, '\\ud800\\uZZZZ'),
      lit('invalid \\u escape in a string'), s + 6);
  add('string-escaped-nul', replaceAt(text, s, 0, '\\u0000'), undefined, undefined, 'ok');
  // Bytes that are not UTF-8 outside strings are not JSON.
  const at = nodes.offsets[nodeValue(7, 'id')];
  add('nodes-byte-0xff', replaceAt(text, at, 0, '\xff'), lit('expected an unsigned integer, found byte 0xff'), at);
  add('utf16le-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(0, 4096), 'utf16le')]),
      lit("expected '{', found byte 0xff"), 0);
  // In a key, it makes another key: an unknown section, skipped, so the
  // edges are missing.
  add('key-invalid-utf8', replaceAt(text, edges.key + 1, 0, '\xc3'), lit('no "edges" section'), size + 1);
}

// --- Valid but hostile shapes ---------------------------------------------

// A chain 300,000 nodes deep (root -> 1 -> 2 -> ...), each node also pointing
// back at the root: any recursive graph walk overflows the stack on it
// (under ASan first), so it checks that every algorithm is iterative.
{
  const n = 300000;
  const objectType = nodeTypes.indexOf('object'), syntheticType = nodeTypes.indexOf('synthetic');
  const propertyType = edgeTypes.indexOf('property'), internalType = edgeTypes.indexOf('internal');
  must(objectType >= 0 && syntheticType >= 0 && propertyType >= 0 && internalType >= 0, 'object/property types');
  const rows = [], edgeRows = [];
  for (let i = 0; i < n; ++i) {
    const row = new Array(nodeFieldCount).fill(0);
    row[nf.type] = i === 0 ? syntheticType : objectType;
    row[nf.name] = i === 0 ? 0 : 1;
    row[nf.id] = i * 2 + 1;
    row[nf.self_size] = i === 0 ? 0 : 16;
    row[nf.edge_count] = (i + 1 < n ? 1 : 0) + (i > 0 ? 1 : 0);
    rows.push(row.join(','));
    const edge = (type, name, to) => {
      const e = new Array(edgeFieldCount).fill(0);
      e[ef.type] = type; e[ef.name_or_index] = name; e[ef.to_node] = to * nodeFieldCount;
      edgeRows.push(e.join(','));
    };
    if (i + 1 < n) edge(propertyType, 2, i + 1);
    if (i > 0) edge(internalType, 3, 0);
  }
  const head = text.slice(0, nodesKey).replace(`"node_count":${nodeCount}`, `"node_count":${n}`)
                                      .replace(`"edge_count":${edgeCount}`, `"edge_count":${edgeRows.length}`);
  add('deep-chain-300k', `${head}"nodes":[${rows.join('\n,')}],\n"edges":[${edgeRows.join('\n,')}],\n` +
      '"strings":["","Chained","next","root"]}', undefined, undefined, 'ok');
}

// --- Pipes and files that change ------------------------------------------

// A FIFO (run.sh makes it and writes the file into it): read, not mapped,
// and a cut in it is the same error as in a file.
{
  const cut = edges.offsets[Math.floor(edges.offsets.length / 2)];
  const { expect, byte } = truncationExpect(cut);
  const file = path.join(outDir, 'fifo-cut-in-edges.heapsnapshot');
  fs.writeFileSync(file, Buffer.from(text.slice(0, cut), 'latin1'));
  record('fifo-cut-in-edges', 'fifo', file, expect, byte);
  const whole = path.join(outDir, 'fifo-whole.heapsnapshot');
  fs.writeFileSync(whole, Buffer.from(text, 'latin1'));
  record('fifo-whole', 'ok-fifo', whole, undefined, undefined);
}
// A file that grows while read (a snapshot still being written): the tool
// reads the size it saw when it opened the file, and reports the cut there.
{
  const cut = stringStarts[Math.floor(strings.length / 2)] + 3;
  const { expect, byte } = truncationExpect(cut);
  const file = path.join(outDir, 'growing-while-read.heapsnapshot');
  fs.writeFileSync(file, Buffer.from(text.slice(0, cut), 'latin1'));
  fs.writeFileSync(`${file}.rest`, Buffer.from(text.slice(cut), 'latin1'));
  record('growing-while-read', 'grow', file, expect, byte);
}

// --- Compressed input and decompression bombs -----------------------------

// Compressed snapshots are read (tests/compressed checks they load); these
// are bombs that would inflate to 1 GiB. Each must be refused fast and small
// (the harness checks time and peak RSS): zeros at byte 0 are not a JSON
// object, and a '{' followed by zeros inflates far more than JSON does.
{
  // gzip: 1 GiB of zeros deflated is ~1 MB; a 64 MiB member repeated 16
  // times is the same stream (gzip concatenates members) for less work here.
  const member = zlib.gzipSync(Buffer.alloc(64 << 20), { level: 9 });
  add('gzip-bomb-1g', Buffer.concat(Array(16).fill(member)),
      lit("byte 0: expected '{', found byte 0x00"), 0, 'rss');
  const brace = zlib.gzipSync(Buffer.from('{'));
  add('gzip-bomb-after-brace', Buffer.concat([brace, ...Array(16).fill(member)]),
      ' bytes inflate to [0-9]+, more than 500 times their size: a decompression bomb', undefined, 'rss');
  // zstd: one frame of 8192 RLE blocks of 128 KiB zeros (RFC 8878 3.1.1),
  // 4 bytes each: 32 KB that inflates to 1 GiB.
  const blocks = 8192, blockSize = 128 << 10;
  const frame = Buffer.alloc(4 + 1 + 1 + 8 + blocks * 4);
  frame.writeUInt32LE(0xfd2fb528, 0);          // Magic.
  frame[4] = 0xc0;                             // 8-byte content size, not single-segment.
  frame[5] = (17 - 10) << 3;                   // Window: 2^17 bytes.
  frame.writeBigUInt64LE(BigInt(blocks * blockSize), 6);
  for (let b = 0; b < blocks; ++b) {
    const last = b === blocks - 1 ? 1 : 0;
    const header = last | (1 << 1) | (blockSize << 3);  // RLE block.
    frame.writeUIntLE(header, 14 + b * 4, 3);
    frame[14 + b * 4 + 3] = 0;                 // The repeated byte.
  }
  add('zstd-bomb-1g', frame, lit("byte 0: expected '{', found byte 0x00"), 0, 'rss');
}

process.stdout.write(rows.join('\n') + '\n');
