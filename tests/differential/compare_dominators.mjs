// Compares `heapsleuth-dominators --json` listings with DevTools' own
// dominator tree and retained sizes (tests/devtools/dump-nodes.mjs TSV).
//
//   node compare_dominators.mjs DEVTOOLS.tsv DEVTOOLS-SUMMARY.json LISTING.json [LISTING.json ...]
//
// For every listed row: retained and shallow size and distance equal
// DevTools'; each child's DevTools dominator is the row it is listed under;
// child_count is the number of nodes DevTools says it immediately dominates,
// dominated_count the size of its DevTools dominator subtree (itself
// excluded); total_size is DevTools' totalSize (dump-nodes.mjs --summary) and
// share is retained / that total. Where a listing shows all
// children (limit 0, min_size 0, within depth), every dominated node is
// listed, by retained size descending; otherwise the omitted count and size
// make up the difference. Exit 0 only when all of it holds.
import fs from 'node:fs';

const [devtoolsPath, summaryPath, ...listingPaths] = process.argv.slice(2);
if (!devtoolsPath || !summaryPath || listingPaths.length === 0) {
  console.error('usage: node compare_dominators.mjs DEVTOOLS.tsv DEVTOOLS-SUMMARY.json LISTING.json [LISTING.json ...]');
  process.exit(2);
}

// id -> {retained, self, distance, dominator}; children per dominator.
const rows = fs.readFileSync(devtoolsPath, 'utf8').split('\n');
const header = rows[0].split('\t');
const col = name => header.indexOf(name);
const [cId, cSelf, cRetained, cDistance, cDominator] =
    ['id', 'self_size', 'retained_size', 'distance', 'dominator_id'].map(col);
const nodes = new Map();
const children = new Map();
let rootId = null;
for (let i = 1; i < rows.length; ++i) {
  if (!rows[i]) continue;
  const f = rows[i].split('\t');
  const id = Number(f[cId]);
  const dominator = Number(f[cDominator]);
  nodes.set(id, {retained: Number(f[cRetained]), self: Number(f[cSelf]), distance: Number(f[cDistance]), dominator});
  if (rootId === null) rootId = id;  // The root comes first and dominates itself.
  if (id !== rootId) {
    if (!children.has(dominator)) children.set(dominator, []);
    children.get(dominator).push(id);
  }
}
// Subtree sizes, without recursion: a node's dominator is visited first.
const subtree = new Map();
const order = [rootId];
for (let i = 0; i < order.length; ++i) for (const child of children.get(order[i]) ?? []) order.push(child);
for (let i = order.length - 1; i >= 0; --i) {
  const id = order[i];
  let size = 1;
  for (const child of children.get(id) ?? []) size += subtree.get(child);
  subtree.set(id, size);
}
if (order.length !== nodes.size) {
  console.error(`DevTools' dominator tree reaches ${order.length} of ${nodes.size} nodes`);
  process.exit(1);
}

const problems = [];
let checked = 0;
for (const path of listingPaths) {
  const listing = JSON.parse(fs.readFileSync(path, 'utf8'));
  const total = JSON.parse(fs.readFileSync(summaryPath, 'utf8')).total_size;
  if (listing.total_size !== total) problems.push(`${path}: total_size ${listing.total_size}, DevTools ${total}`);
  const {limit, min_size: minSize} = listing.options;
  const fail = (row, what) => problems.push(`${path}: @${row.node.id}: ${what}`);
  const visit = (row, parentId) => {
    ++checked;
    const id = row.node.id;
    const expected = nodes.get(id);
    if (!expected) return fail(row, 'no such node in DevTools');
    if (row.node.retained_size !== expected.retained) {
      fail(row, `retained size ${row.node.retained_size}, DevTools ${expected.retained}`);
    }
    if (row.node.self_size !== expected.self) fail(row, `shallow size ${row.node.self_size}, DevTools ${expected.self}`);
    if (row.node.distance !== expected.distance) fail(row, `distance ${row.node.distance}, DevTools ${expected.distance}`);
    if (parentId !== null && expected.dominator !== parentId) {
      fail(row, `listed under @${parentId}, DevTools' dominator is @${expected.dominator}`);
    }
    const dominated = children.get(id) ?? [];
    if (row.child_count !== dominated.length) fail(row, `child_count ${row.child_count}, DevTools ${dominated.length}`);
    if (row.dominated_count !== subtree.get(id) - 1) {
      fail(row, `dominated_count ${row.dominated_count}, DevTools ${subtree.get(id) - 1}`);
    }
    const share = total === 0 ? 0 : expected.retained / total;
    if (Math.abs(row.share - share) > 1e-5 * Math.max(share, 1e-9) + 1e-12) fail(row, `share ${row.share}, expected ${share}`);
    const listed = row.children ?? [];
    const omittedSize = dominated.reduce((sum, child) => sum + nodes.get(child).retained, 0) -
        listed.reduce((sum, child) => sum + child.node.retained_size, 0);
    if (listed.length + row.omitted.count !== dominated.length) {
      fail(row, `${listed.length} listed + ${row.omitted.count} omitted != ${dominated.length} dominated`);
    }
    if (row.omitted.retained_size !== omittedSize) {
      fail(row, `omitted retained size ${row.omitted.retained_size}, DevTools ${omittedSize}`);
    }
    if (row.children && limit === 0 && minSize === 0 && row.omitted.count !== 0) fail(row, 'children omitted');
    for (let i = 1; i < listed.length; ++i) {
      if (listed[i - 1].node.retained_size < listed[i].node.retained_size) fail(row, 'children not by retained size');
    }
    for (const child of listed) {
      if (child.node.retained_size < minSize) fail(child, `listed below --min-size ${minSize}`);
      visit(child, id);
    }
  };
  visit(listing.tree, null);
}
if (problems.length) {
  for (const p of problems.slice(0, 20)) console.error(p);
  console.error(`${problems.length} differences from DevTools (${checked} rows checked)`);
  process.exit(1);
}
console.log(`dominators: ${checked} listed rows agree with DevTools`);
