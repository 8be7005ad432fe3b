// Cross-checks heapsleuth-query against heapsleuth-nodes filtered here, in JS.
//
//   node crosscheck.mjs BIN_DIR SNAPSHOT
//
// For every case: the expected rows are heapsleuth-nodes' TSV lines picked by
// a predicate written by hand in JS (not by our parser), sorted with JS's
// stable sort (ties keep file order), cut to the limit; heapsleuth-query
// --format tsv must print exactly those lines. Fields heapsleuth-nodes does
// not print (edge_count, trace_node_id, locations) are read from the snapshot
// file itself. --count, --json totals and --fail-if-any are checked too; the
// retained total is recomputed by walking dominator_id chains.
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [binDir, snapshotPath] = process.argv.slice(2);
const query = path.join(binDir, 'heapsleuth-query');

function run(tool, args) {
  return execFileSync(path.join(binDir, tool), ['--quiet', ...args], {encoding: 'utf8', maxBuffer: 1 << 30});
}

function unescapeTsv(text) {
  return text.replace(/\\(u00[0-9a-f]{2}|[\\tnr])/g, (_, e) =>
      e === '\\' ? '\\' : e === 't' ? '\t' : e === 'n' ? '\n' : e === 'r' ? '\r' : String.fromCharCode(parseInt(e.slice(1), 16)));
}

// heapsleuth-nodes, row i = node ordinal i.
const nodesTsv = run('heapsleuth-nodes', ['--format', 'tsv', snapshotPath]).split('\n');
const header = nodesTsv[0];
const rows = nodesTsv.slice(1).filter(line => line.length > 0).map((line, ordinal) => {
  const f = line.split('\t');
  return {
    tsv: line, ordinal, id: +f[0], type: f[1], name: unescapeTsv(f[2]), class_name: unescapeTsv(f[3]), self_size: +f[4],
    raw_self_size: +f[5], retained_size: +f[6], distance: +f[7], dominator_id: +f[8], detachedness: +f[9],
  };
});

// The snapshot itself, for what heapsleuth-nodes does not print.
const snapshot = JSON.parse(fs.readFileSync(snapshotPath, 'utf8'));
const meta = snapshot.snapshot.meta;
const nodeFieldCount = meta.node_fields.length;
const edgeCountAt = meta.node_fields.indexOf('edge_count');
const traceAt = meta.node_fields.indexOf('trace_node_id');
if (rows.length * nodeFieldCount !== snapshot.nodes.length) throw new Error('node count differs from heapsleuth-nodes');
for (const row of rows) {
  row.edge_count = snapshot.nodes[row.ordinal * nodeFieldCount + edgeCountAt];
  row.trace_node_id = traceAt < 0 ? 0 : snapshot.nodes[row.ordinal * nodeFieldCount + traceAt];
}
const lf = meta.location_fields;
for (let i = 0; i < snapshot.locations.length; i += lf.length) {
  const row = rows[snapshot.locations[i + lf.indexOf('object_index')] / nodeFieldCount];
  row.script_id = snapshot.locations[i + lf.indexOf('script_id')];
  row.line = snapshot.locations[i + lf.indexOf('line')];
  row.column = snapshot.locations[i + lf.indexOf('column')];
}
const byId = new Map(rows.map(row => [row.id, row]));

const numeric = (key, desc) => (a, b) => {
  const absentA = a[key] === undefined, absentB = b[key] === undefined;
  if (absentA || absentB) return absentA - absentB;  // Absent last, both directions.
  return desc ? b[key] - a[key] : a[key] - b[key];
};
const bytes = (key, desc) => (a, b) => {
  const x = Buffer.from(a[key]), y = Buffer.from(b[key]);
  return desc ? Buffer.compare(y, x) : Buffer.compare(x, y);
};

// [expression, extra arguments, predicate, comparator or null]
const cases = [
  ['retained > 10kB', ['--sort', 'retained', '--limit', '25'], r => r.retained_size > 10000, numeric('retained_size', true)],
  ['retained >= 1MiB or self > 64KiB', [], r => r.retained_size >= 1048576 || r.self_size > 65536, null],
  ['type == closure and name ~ /^on[A-Z]/', ['--sort', '+retained'], r => r.type === 'closure' && /^on[A-Z]/.test(r.name), numeric('retained_size', false)],
  ['class ~ /leak|cache/i and not type == string', ['--sort', 'class'], r => /leak|cache/i.test(r.class_name) && r.type !== 'string', bytes('class_name', false)],
  ['detached', [], r => r.detachedness === 2, null],
  ['not detached and detachedness != 0', [], r => r.detachedness === 1, null],
  ['distance > 10 and self == 0', ['--sort=-distance', '--limit', '40'], r => r.distance > 10 && r.self_size === 0, numeric('distance', true)],
  ['distance == -5 or distance >= 100000000', ['--sort', 'id'], r => r.distance === -5 || r.distance >= 100000000, numeric('id', false)],
  ['self != raw_self_size', ['--sort', 'self'], r => r.self_size !== r.raw_self_size, numeric('self_size', true)],
  ['raw_self > self and type == "array"', ['--sort', 'raw_self'], r => r.raw_self_size > r.self_size && r.type === 'array', numeric('raw_self_size', true)],
  ['edges >= 50 and (type == object or type == native)', ['--sort', 'edges', '--limit', '10'], r => r.edge_count >= 50 && (r.type === 'object' || r.type === 'native'), numeric('edge_count', true)],
  ['line < 20 and column > 0', ['--sort', 'line'], r => r.line < 20 && r.column > 0, numeric('line', false)],
  ['script_id != 0 and class == "Function"', ['--sort=-column', '--limit', '30'], r => r.script_id !== undefined && r.script_id !== 0 && r.class_name === 'Function', numeric('column', true)],
  ['trace_node_id > 0 and name !~ /^(system|\\(.*\\))/', ['--sort', 'trace_node_id', '--limit', '50'], r => r.trace_node_id > 0 && !/^(system|\(.*\))/.test(r.name), numeric('trace_node_id', false)],
  ['name == "" or name ~ /^<[a-z]+ /', ['--sort', '-name', '--limit', '60'], r => r.name === '' || /^<[a-z]+ /.test(r.name), bytes('name', true)],
  ['id < 100 or id % 2', null, null, null],  // A bad expression: exit 2 and a column.
];

let failures = 0, checked = 0;
const fail = (message) => { console.error(`${path.basename(snapshotPath)}: ${message}`); failures++; };

for (const [expression, args, predicate, compare] of cases) {
  if (predicate === null) {
    const bad = spawnSync(query, ['--quiet', snapshotPath, expression], {encoding: 'utf8'});
    if (bad.error) throw bad.error;
    if (bad.status !== 2 || !/^heapsleuth-query: error: query: column \d+: /.test(bad.stderr)) {
      fail(`${expression}: expected exit 2 and a column error, got ${bad.status}: ${bad.stderr}`);
    }
    continue;
  }
  let expected = rows.filter(predicate);
  const all = expected;
  if (compare) expected = [...expected].sort(compare);
  const limitAt = args.indexOf('--limit');
  if (limitAt >= 0) expected = expected.slice(0, +args[limitAt + 1]);
  const actual = run('heapsleuth-query', [...args, '--format', 'tsv', snapshotPath, expression]).split('\n');
  const want = [header, ...expected.map(r => r.tsv), ''];
  if (actual.join('\n') !== want.join('\n')) {
    const at = actual.findIndex((line, i) => line !== want[i]);
    fail(`${expression} ${args.join(' ')}: ${actual.length - 2} rows, expected ${want.length - 2}; first difference at line ${at}:\n  got  ${actual[at]}\n  want ${want[at]}`);
    continue;
  }
  // --count and --fail-if-any in one run: the number, and exit 1 when it is not 0.
  const ci = spawnSync(query, ['--quiet', '--count', '--fail-if-any', snapshotPath, expression], {encoding: 'utf8'});
  if (ci.error) throw ci.error;
  if (+ci.stdout !== all.length) fail(`${expression}: --count ${ci.stdout.trim()}, expected ${all.length}`);
  if (ci.status !== (all.length > 0 ? 1 : 0)) fail(`${expression}: --fail-if-any exit ${ci.status} with ${all.length} matches`);
  const doc = JSON.parse(run('heapsleuth-query', ['--json', '--limit', '1', snapshotPath, expression]));
  const matched = new Set(all.map(r => r.id));
  const selfTotal = all.reduce((sum, r) => sum + r.self_size, 0);
  // A match counts in the retained total unless a dominator of it matches.
  let retainedTotal = 0;
  for (const r of all) {
    let covered = false;
    for (let d = byId.get(r.dominator_id); d !== r; d = byId.get(d.dominator_id)) {
      if (matched.has(d.id)) { covered = true; break; }
      if (d.dominator_id === d.id) break;  // The root.
    }
    if (!covered) retainedTotal += r.retained_size;
  }
  if (doc.match_count !== all.length || doc.totals.self_size !== selfTotal || doc.totals.retained_size !== retainedTotal ||
      doc.nodes.length !== Math.min(1, all.length)) {
    fail(`${expression}: --json ${JSON.stringify({match_count: doc.match_count, totals: doc.totals})}, expected ` +
         `${JSON.stringify({match_count: all.length, self_size: selfTotal, retained_size: retainedTotal})}`);
  }
  checked++;
  console.log(`ok ${String(all.length).padStart(6)} matches, ${String(expected.length).padStart(5)} printed: ${expression} ${args.join(' ')}`);
}
if (failures) {
  console.error(`${failures} failure(s)`);
  process.exit(1);
}
console.log(`${path.basename(snapshotPath)}: ${checked} queries agree with heapsleuth-nodes`);
