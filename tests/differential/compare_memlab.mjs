// Compares heapsleuth's leak candidates (leak_candidates_dump: "<id> <verdict>"
// per object of memlab's leaked set before its filters) with memlab's own
// (tests/memlab/memlab-candidates.cjs: {before, after, nodes}).
//
//   node compare_memlab.mjs MEMLAB.json OURS.txt
//
// Passes (exit 0) when:
// 1. the sets before filters are equal: same method, same ids;
// 2. every object memlab's filters drop, heapsleuth drops by one of memlab's
//    rules too (number, string, hidden, no-retained-size) - except a string
//    of at least 100,000 bytes, which heapsleuth keeps on purpose ("strings
//    unless large", leak_candidates.h);
// 3. every object memlab keeps, heapsleuth keeps, or drops for a reason of its
//    own that memlab does not have (code, object-shape, system-internal,
//    synthetic, native-not-detached, unreachable), or for no-retained-size:
//    DevTools moves the self size of an array or hidden node owned by one
//    object into its owner (calculateShallowSizes, REFERENCE.md) and memlab
//    does not, so such a node has retained size 0 for us and > 0 for memlab.
// Anything else is printed with memlab's view of the node and fails.
import fs from 'node:fs';

const [memlabFile, oursFile] = process.argv.slice(2);
const memlab = JSON.parse(fs.readFileSync(memlabFile, 'utf8'));
const ours = new Map();
for (const line of fs.readFileSync(oursFile, 'utf8').split('\n')) {
  if (!line) continue;
  const [id, verdict] = line.split(' ');
  ours.set(Number(id), verdict);
}
const memlabRules = new Set(['number', 'string', 'hidden', 'no-retained-size']);
const ourRules = new Set(['code', 'object-shape', 'system-internal', 'synthetic', 'native-not-detached', 'unreachable']);
const before = new Set(memlab.before);
const after = new Set(memlab.after);
const describe = id => JSON.stringify(memlab.nodes[id] ?? '(not in memlab\'s set)');

const problems = [];
for (const id of before) if (!ours.has(id)) problems.push(`@${id} is in memlab's leaked set only: ${describe(id)}`);
for (const id of ours.keys()) if (!before.has(id)) problems.push(`@${id} is in heapsleuth's leaked set only`);

const tally = new Map();
const count = key => tally.set(key, (tally.get(key) ?? 0) + 1);
for (const [id, verdict] of ours) {
  if (!before.has(id)) continue;
  const [type] = memlab.nodes[id];
  if (after.has(id)) {
    if (verdict === 'kept') count('both keep');
    else if (ourRules.has(verdict)) count(`memlab keeps, heapsleuth drops: ${verdict}`);
    else if (verdict === 'no-retained-size' && type === 'array') count('memlab keeps, heapsleuth drops: no-retained-size (an array whose self size DevTools moved to its owner)');
    else problems.push(`@${id} memlab keeps it, heapsleuth drops it by memlab's rule "${verdict}": ${describe(id)}`);
  } else if (memlabRules.has(verdict)) {
    count(`both drop (${verdict})`);
  } else if (verdict === 'kept' && ['string', 'concatenated string', 'sliced string'].includes(type)) {
    count('memlab drops, heapsleuth keeps: large string');
  } else {
    problems.push(`@${id} memlab drops it, heapsleuth says "${verdict}": ${describe(id)}`);
  }
}
console.log(`memlab: ${before.size} leaked before filters, ${after.size} after; heapsleuth: ${ours.size} before, ` +
            `${[...ours.values()].filter(v => v === 'kept').length} kept`);
for (const [key, n] of [...tally].sort()) console.log(`  ${String(n).padStart(6)}  ${key}`);
if (problems.length > 0) {
  console.log(`${problems.length} unexplained difference(s):`);
  for (const problem of problems.slice(0, 30)) console.log(`  ${problem}`);
  process.exit(1);
}
console.log('same leaked set; every filter difference explained');
