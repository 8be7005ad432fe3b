// Compares `heapsleuth-retainers --json --paths 0 --tree --depth 1 --limit 0` with
// DevTools' Retainers view (tests/devtools/dump-retainers.mjs): for every
// target, the same retainers (edge type and name, retaining node), in the
// same order, with the same distances (DevTools gives an unreachable
// retainer 200000000 where heapsleuth writes the node's distance, -5).
//   node compare_retainers.mjs DEVTOOLS.jsonl HEAPSLEUTH.json
import fs from 'node:fs';

const [devtoolsPath, oursPath] = process.argv.slice(2);
const expected = new Map(fs.readFileSync(devtoolsPath, 'utf8').split('\n').filter(Boolean).map(line => {
  const {id, retainers} = JSON.parse(line);
  return [id, retainers];
}));
const ours = JSON.parse(fs.readFileSync(oursPath, 'utf8'));
const problems = [];
let rows = 0;
for (const target of ours.targets) {
  const id = target.node.id;
  const want = expected.get(id);
  if (!want) {
    problems.push(`@${id}: not in DevTools' dump`);
    continue;
  }
  const got = target.retainers.rows.map(row => [row.edge.type, row.edge.name ?? String(row.edge.index), row.node.id,
                                                row.node.distance < 0 ? 200000000 : row.node.distance]);
  if (target.retainers.count !== want.length) {
    problems.push(`@${id}: ${target.retainers.count} retainers, DevTools ${want.length}`);
  }
  for (let i = 0; i < Math.max(got.length, want.length); ++i) {
    const [a, b] = [got[i], want[i]];
    // DevTools shows a shortcut edge's numeric name as a number ("02" -> "2").
    const sameName = a && b && (a[1] === b[1] || (a[0] === 'shortcut' && String(parseInt(a[1], 10)) === b[1]));
    if (!a || !b || a[0] !== b[0] || !sameName || a[2] !== b[2] || a[3] !== b[3]) {
      problems.push(`@${id}: retainer ${i}: heapsleuth ${JSON.stringify(a)}, DevTools ${JSON.stringify(b)}`);
      break;
    }
  }
  rows += got.length;
  expected.delete(id);
}
for (const id of expected.keys()) problems.push(`@${id}: missing from heapsleuth's output`);
if (problems.length) {
  for (const p of problems.slice(0, 20)) console.error(p);
  console.error(`${problems.length} targets differ from DevTools' Retainers view`);
  process.exit(1);
}
console.log(`retainers: ${ours.targets.length} targets, ${rows} rows in DevTools' order`);
