// Compares `heapsleuth-diff --json` with DevTools' Comparison view
// (tests/devtools/dump-diff.mjs): the same class keys, and for each one the
// same added/removed counts and sizes and deltas, and the same base count and
// shallow size (the base named with the NEW snapshot's interfaces).
//   node compare_diff.mjs DEVTOOLS.json HEAPSLEUTH.json
import fs from 'node:fs';

const [devtoolsPath, heapsleuthPath] = process.argv.slice(2);
const devtools = JSON.parse(fs.readFileSync(devtoolsPath, 'utf8')).classes;
const ours = JSON.parse(fs.readFileSync(heapsleuthPath, 'utf8'));
const problems = [];
if (!ours.process.same_process) problems.push('heapsleuth took the snapshots for two processes');

// DevTools lists a class when an object was added or removed; heapsleuth also
// lists classes whose retained size alone changed, marked in_devtools: false.
const ourClasses = new Map(ours.classes.filter(c => c.in_devtools).map(c => [c.key, c]));
const fields = ['added_count', 'removed_count', 'count_delta', 'added_size', 'removed_size', 'size_delta'];
let equal = 0;
for (const [key, expected] of Object.entries(devtools)) {
  const actual = ourClasses.get(key);
  if (!actual) {
    problems.push(`class ${JSON.stringify(key)}: in DevTools' comparison, not in heapsleuth's`);
    continue;
  }
  ourClasses.delete(key);
  const before = problems.length;
  for (const field of fields) {
    if (expected[field] !== actual[field]) {
      problems.push(`class ${JSON.stringify(key)} ${field}: DevTools ${expected[field]}, heapsleuth ${actual[field]}`);
    }
  }
  if (expected.base_count !== actual.base.count || expected.base_self_size !== actual.base.self_size) {
    problems.push(`class ${JSON.stringify(key)} base: DevTools ${expected.base_count} objects ` +
                  `${expected.base_self_size} B, heapsleuth ${actual.base.count} objects ${actual.base.self_size} B`);
  }
  if (problems.length === before) ++equal;
}
for (const key of ourClasses.keys()) {
  problems.push(`class ${JSON.stringify(key)}: in heapsleuth's comparison, not in DevTools'`);
}
const total = Object.keys(devtools).length;
if (problems.length) {
  for (const p of problems.slice(0, 30)) console.log(p);
  if (problems.length > 30) console.log(`... and ${problems.length - 30} more`);
  console.log(`comparison: ${equal} of ${total} DevTools classes equal: FAIL`);
  process.exit(1);
}
console.log(`comparison: all ${total} classes equal (new, deleted, count delta, alloc, freed, size delta, base)`);
