// Compares two per-node TSVs as written by dump-nodes.mjs, line by line.
//
// Usage: node compare.mjs [--columns a,b,c] EXPECTED.tsv ACTUAL.tsv
//
// Both files must have the same header and the same number of lines. For each
// compared column it prints the number of mismatching rows and the first 10 of
// them (line number, id, both values). Exit 0 only if everything matches,
// 1 on any difference, 2 on usage errors.
import {closeSync, openSync, readSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';

const MAX_EXAMPLES = 10;

function usage(message) {
  if (message) {
    process.stderr.write(message + '\n');
  }
  process.stderr.write('usage: node compare.mjs [--columns a,b,c] EXPECTED.tsv ACTUAL.tsv\n');
  process.exit(2);
}

// Synchronous line reader over big chunks: much faster than readline for
// millions of short lines. Lines are split on LF only (fields escape CR/LF).
function* lines(path) {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(1 << 22);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
    const parts = (rest + decoder.write(buffer.subarray(0, n))).split('\n');
    rest = parts.pop();
    yield* parts;
  }
  closeSync(fd);
  rest += decoder.end();
  if (rest) {
    yield rest;
  }
}

const args = process.argv.slice(2);
let wanted = null;
const files = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--columns') {
    wanted = (args[++i] ?? usage('--columns needs a value')).split(',').filter(Boolean);
  } else if (args[i].startsWith('--columns=')) {
    wanted = args[i].slice('--columns='.length).split(',').filter(Boolean);
  } else if (args[i].startsWith('--')) {
    usage(`unknown option ${args[i]}`);
  } else {
    files.push(args[i]);
  }
}
if (files.length !== 2) {
  usage();
}

const expected = lines(files[0]);
const actual = lines(files[1]);
const expectedHeader = expected.next().value ?? '';
const actualHeader = actual.next().value ?? '';
if (expectedHeader !== actualHeader) {
  process.stdout.write(`header mismatch:\n  expected: ${expectedHeader}\n  actual:   ${actualHeader}\n`);
  process.exit(1);
}
const header = expectedHeader.split('\t');
const idColumn = header.indexOf('id');
const columns = (wanted ?? header).map(name => {
  const index = header.indexOf(name);
  if (index === -1) {
    usage(`no column "${name}" in header: ${header.join(', ')}`);
  }
  return {name, index, mismatches: 0, examples: []};
});

let lineNumber = 1;
let lengthProblem = null;
for (;;) {
  const e = expected.next();
  const a = actual.next();
  if (e.done || a.done) {
    if (!e.done || !a.done) {
      let expectedLines = lineNumber, actualLines = lineNumber;
      for (let r = e; !r.done; r = expected.next()) ++expectedLines;
      for (let r = a; !r.done; r = actual.next()) ++actualLines;
      lengthProblem = `line count differs: expected ${expectedLines}, actual ${actualLines} (incl. header)`;
    }
    break;
  }
  ++lineNumber;
  if (e.value === a.value) {
    continue;  // Fast path: identical lines.
  }
  const ef = e.value.split('\t');
  const af = a.value.split('\t');
  for (const column of columns) {
    const ev = ef[column.index];
    const av = af[column.index];
    if (ev !== av) {
      if (column.mismatches++ < MAX_EXAMPLES) {
        column.examples.push({lineNumber, id: ef[idColumn] ?? af[idColumn], ev, av});
      }
    }
  }
}

const nameWidth = Math.max(...columns.map(c => c.name.length), 'column'.length);
let out = `${'column'.padEnd(nameWidth)}  mismatches   (${lineNumber - 1} rows compared)\n`;
for (const c of columns) {
  out += `${c.name.padEnd(nameWidth)}  ${c.mismatches}\n`;
}
for (const c of columns) {
  if (c.mismatches) {
    out += `\nfirst mismatches in ${c.name}:\n`;
    for (const x of c.examples) {
      // Values are printed as they appear in the TSV (already escaped, so one line each).
      out += `  line ${x.lineNumber} id ${x.id}\n    expected: ${x.ev ?? '(missing)'}\n    actual:   ${x.av ?? '(missing)'}\n`;
    }
  }
}
if (lengthProblem) {
  out += `\n${lengthProblem}\n`;
}
const ok = !lengthProblem && columns.every(c => c.mismatches === 0);
out += ok ? '\nall compared columns match\n' : '\nMISMATCH\n';
process.stdout.write(out);
process.exitCode = ok ? 0 : 1;
