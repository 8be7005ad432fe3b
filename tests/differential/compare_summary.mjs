// Compares `heapsleuth-summary --json` with DevTools' Statistics and Summary
// aggregates (tests/devtools/dump-nodes.mjs --summary): every statistic, and
// every class key's count, self size, retained size and distance.
//   node compare_summary.mjs DEVTOOLS.json HEAPSLEUTH.json
import fs from 'node:fs';

const [devtoolsPath, heapsleuthPath] = process.argv.slice(2);
const devtools = JSON.parse(fs.readFileSync(devtoolsPath, 'utf8'));
const ours = JSON.parse(fs.readFileSync(heapsleuthPath, 'utf8'));
const problems = [];
const expectEqual = (what, expected, actual) => {
  if (expected !== actual) problems.push(`${what}: DevTools ${expected}, heapsleuth ${actual}`);
};

const s = devtools.statistics;
const o = ours.statistics;
expectEqual('statistics.total', s.total, o.total);
expectEqual('statistics.native.total', s.native.total, o.native.total);
expectEqual('statistics.native.typedArrays', s.native.typedArrays, o.native.typed_arrays);
expectEqual('statistics.v8heap.total', s.v8heap.total, o.v8heap.total);
expectEqual('statistics.v8heap.code', s.v8heap.code, o.v8heap.code);
expectEqual('statistics.v8heap.jsArrays', s.v8heap.jsArrays, o.v8heap.js_arrays);
expectEqual('statistics.v8heap.strings', s.v8heap.strings, o.v8heap.strings);
expectEqual('statistics.v8heap.system', s.v8heap.system, o.v8heap.system);
expectEqual('node_count', devtools.node_count, ours.snapshot.node_count);
expectEqual('edge_count', devtools.edge_count, ours.snapshot.edge_count);

const ourClasses = new Map(ours.classes.map(c => [c.key, c]));
expectEqual('class count', devtools.classes.length, ours.class_count);
for (const expected of devtools.classes) {
  const actual = ourClasses.get(expected.class_key);
  if (!actual) {
    problems.push(`class ${JSON.stringify(expected.class_key)}: missing`);
    continue;
  }
  for (const field of ['count', 'self_size', 'retained_size', 'distance']) {
    expectEqual(`class ${JSON.stringify(expected.class_key)} ${field}`, expected[field], actual[field]);
  }
  expectEqual(`class ${JSON.stringify(expected.class_key)} name`, expected.name, actual.name);
}
if (problems.length) {
  console.log(`summary: ${problems.length} differences`);
  for (const p of problems.slice(0, 20)) console.log('  ' + p);
  process.exit(1);
}
console.log(`summary: statistics and ${devtools.classes.length} classes match`);
