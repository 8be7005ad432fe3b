// Make heapsleuth's small Node.js heap snapshot samples (written by V8 itself, v8.writeHeapSnapshot).
//
//   node make-node-samples.mjs OUTDIR [SCENARIO ...]     (series, clean, tracked, strings; default all)
//
// Writes into OUTDIR:
//   node-leak-s1.heapsnapshot   one process: baseline (before the leaky action)
//   node-leak-s2.heapsnapshot   same process, after the leaky action
//   node-leak-s3.heapsnapshot   same process, after the action ran a second time
//   node-tracked.heapsnapshot   the leak scenario run under --track-heap-objects (trace sections filled)
//   node-clean-s1.heapsnapshot  another process: baseline, as node-leak-s1
//   node-clean-s2.heapsnapshot  same process, after the action ran and everything it kept was released
//                               (the control pair for heapsleuth-diff's CI gate: nothing should grow)
//   node-strings.heapsnapshot   awkward strings: Latin-1, CJK, emoji, lone surrogates, control chars,
//                               a property name with a tab, a > 1024-char string, cons + sliced strings;
//                               written with exposeNumericValues so heap numbers carry their values
//   node-timers-s1..s3.heapsnapshot        one process: timers pile up (setInterval onPoll, setTimeout
//                               onExpire, each capturing data), never cleared; baseline, 1 and 2 actions
//   node-timers-clean-s1..s3.heapsnapshot  another process: the same timers, cleared after each action
//                               (the control: no timer survives)
//   node-samples.json           node/V8 versions, sizes, counts, meta node_fields (with SCENARIOs given,
//                               the entries of the files made are replaced in an existing one)
//
// A snapshot contains the absolute path of the script that ran and of its folder, so the scenario
// scripts are written into a fresh scratch folder (fs.mkdtempSync under os.tmpdir()) and run from
// there with a minimal environment; the snapshots are written there and then copied to OUTDIR.
// Afterwards every file is checked: it parses as JSON, the intended objects are present, and it
// contains neither OUTDIR nor this script's folder.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCENARIOS = {
  series: ['node-leak-s1.heapsnapshot', 'node-leak-s2.heapsnapshot', 'node-leak-s3.heapsnapshot'],
  clean: ['node-clean-s1.heapsnapshot', 'node-clean-s2.heapsnapshot'],
  tracked: ['node-tracked.heapsnapshot'],
  strings: ['node-strings.heapsnapshot'],
  timers: ['node-timers-s1.heapsnapshot', 'node-timers-s2.heapsnapshot', 'node-timers-s3.heapsnapshot',
           'node-timers-clean-s1.heapsnapshot', 'node-timers-clean-s2.heapsnapshot', 'node-timers-clean-s3.heapsnapshot'],
};
const chosen = process.argv.slice(3).length ? process.argv.slice(3) : Object.keys(SCENARIOS);
if (!process.argv[2] || chosen.some((c) => !SCENARIOS[c])) {
  console.error('usage: node make-node-samples.mjs OUTDIR [series|clean|tracked|strings|timers ...]');
  process.exit(2);
}
const outDir = path.resolve(process.argv[2]);
const here = path.dirname(fileURLToPath(import.meta.url));
fs.mkdirSync(outDir, { recursive: true });

// ------------------------------------------------------------------ scenario: leak (CommonJS: a
// CommonJS entry point loads fewer internal modules than an ES module, so the snapshot is smaller)
const LEAK_CJS = String.raw`'use strict';
const v8 = require('v8');
const { EventEmitter } = require('events');

// Present from the start and never growing (not a leak).
class AppConfig { constructor() { this.name = 'heapsleuth-sample'; this.retries = 3; this.endpoints = ['alpha', 'beta']; } }
// Leak 1: records pushed to a global array and never removed.
class LeakyRecord {
  constructor(i) { this.id = i; this.label = 'record-' + i; this.createdAt = 1700000000000 + i * 1000; this.tags = ['a', 'b', i % 7]; }
}
// Leak 2: a Map used as a cache, never evicted.
class CacheEntry { constructor(key) { this.key = key; this.value = { body: 'payload:' + key, hits: 0 }; this.expires = 1700000000000 + key.length; } }
// Control: a bounded ring buffer of the 50 latest events (objects replaced, count stays 50).
class RecentEvent { constructor(seq) { this.seq = seq; this.kind = seq % 2 ? 'odd' : 'even'; } }
// Control: garbage made during the action and dropped before the snapshot.
class TransientThing { constructor(i) { this.n = i; this.text = 'transient-' + i; this.list = [i, i + 1]; } }

// Leak 3: listeners named onTick registered on an EventEmitter and never removed; each closure
// captures an array of 100000 small integers (800 KB backing store on x64 node, no pointer compression).
function makeTickHandler(n) {
  const bigArray = new Array(100000).fill(n);
  return function onTick() { return bigArray.length + n; };
}

globalThis.appConfig = new AppConfig();
globalThis.leakyRecords = [];
globalThis.recordCache = new Map();
globalThis.bus = new EventEmitter();
globalThis.recentEvents = [];
let seq = 0;

// Drops everything action() kept, as a well-behaved app would.
function release() {
  leakyRecords.length = 0;
  recordCache.clear();
  bus.removeAllListeners('tick');
  recentEvents.length = 0;
}

function action() {
  for (let i = 0; i < 300; i++) leakyRecords.push(new LeakyRecord(leakyRecords.length));
  for (let i = 0; i < 120; i++) { const k = 'key-' + recordCache.size; recordCache.set(k, new CacheEntry(k)); }
  for (let i = 0; i < 4; i++) bus.on('tick', makeTickHandler(bus.listenerCount('tick')));
  for (let i = 0; i < 50; i++) { recentEvents.push(new RecentEvent(seq++)); if (recentEvents.length > 50) recentEvents.shift(); }
  let tmp = [];
  for (let i = 0; i < 1000; i++) tmp.push(new TransientThing(i));
  tmp = null;
}

const mode = process.argv[2];
if (mode === 'series') {
  v8.writeHeapSnapshot('node-leak-s1.heapsnapshot');   // baseline (writeHeapSnapshot runs a full GC first)
  action();
  v8.writeHeapSnapshot('node-leak-s2.heapsnapshot');   // after the leaky action
  action();
  v8.writeHeapSnapshot('node-leak-s3.heapsnapshot');   // after the second action: the leak grew
} else if (mode === 'clean') {
  v8.writeHeapSnapshot('node-clean-s1.heapsnapshot');  // baseline
  action();
  release();
  v8.writeHeapSnapshot('node-clean-s2.heapsnapshot');  // after the action, all of it released
} else if (mode === 'tracked') {
  action();
  action();
  v8.writeHeapSnapshot('node-tracked.heapsnapshot');
} else {
  throw new Error('mode?');
}
`;

// ------------------------------------------------------------------ scenario: strings
const STRINGS_CJS = String.raw`'use strict';
const v8 = require('v8');

// Strings are built at run time (not only literals) so they exist as separate heap strings.
const dyn = (s) => [...s].join('');
class StringSamples {}
class Ünïcödé { constructor() { this.label = 'class name with Latin-1 letters'; } }
function 处理器() { return 'a function with a CJK name'; }

const samples = new StringSamples();
samples.latin1 = dyn('café crème brûlée, naïve façade, ÿ ß ± ¿ ñ Ø');            // one-byte string
samples.cjk = dyn('漢字かなカナ 한국어 中文测试');                                    // two-byte string
samples.emoji = dyn('emoji 😀 🎉 👩‍💻 🇩🇪 (surrogate pairs, ZWJ, flag)');
samples.loneHigh = dyn('lone high [\uD800] end');                              // flat strings holding
samples.loneLow = dyn('lone low [\uDC00] end');                                // unpaired surrogates
samples.reversedPair = dyn('reversed pair [\uDE00\uD83D] end');
samples.controls = dyn('tab\there, newline\nhere, CRLF\r\n, "double quotes", \'single\', back\\slash, nul[\u0000], \u0001\u001f\u007f, line sep\u2028para sep\u2029');
samples.jsonish = dyn('{"key": "value", "list": [1, 2, 3], "esc": "\\n\\t\\u0041"}');
samples['key\twith tab'] = dyn('value of a property whose name has a tab');
samples['key "with" quotes and \\ backslash'] = dyn('quoted property name');
samples['ключ'] = dyn('значение (Cyrillic property name)');
samples['🔑'] = dyn('emoji property name');
samples['line\nbreak'] = dyn('property name with a newline');
// Longer than 1024 chars: V8 cuts string names in the snapshot.
samples.longAscii = dyn('LONG-ASCII-START ' + 'abcdefghij'.repeat(300) + ' LONG-ASCII-END');
// Long two-byte string whose 1024-char cut falls inside a surrogate pair (chars 1023/1024).
samples.longEmoji = dyn('x'.repeat(1023) + '😀'.repeat(200) + ' LONG-EMOJI-END');
// Cons string (V8 ConsString, type "concatenated string"): two flat halves joined at run time, kept unflattened.
const left = dyn('cons-left-half: the quick brown fox ');
const right = dyn('cons-right-half: jumps over the lazy dog');
samples.cons = left + right;
samples.consNested = (left + right) + dyn(' and then some more text');
samples.consUnicode = dyn('ユニコード左 ') + dyn('右 ünïcödé 😀');
// Sliced string (V8 SlicedString, type "sliced string"): a substring of >= 13 chars of a flat parent.
const parent = dyn('SLICE-PARENT ' + '0123456789'.repeat(20) + ' SLICE-PARENT-END');
samples.sliceParent = parent;
samples.sliced = parent.substring(13, 113);
samples.slicedUnicode = samples.cjk.repeat(3).substring(2, 30);
// Strings as Map keys and values; a Set of strings.
samples.map = new Map([[dyn('mäp-këy'), dyn('mäp-välue')], [dyn('😀-key'), dyn('\uD800-value')]]);
samples.set = new Set([dyn('sét-1'), dyn('сет-2'), dyn('セット-3')]);
samples.instance = new Ünïcödé();
samples.fn = 处理器;
// Heap numbers: with exposeNumericValues their values become node names.
samples.numbers = { pi: Math.PI, negZero: -0, big: 1.7e300, tiny: 5e-324, nan: NaN, inf: -Infinity, large: 2 ** 53 + 2 };
samples.bigint = 12345678901234567890123456789n;
globalThis.stringSamples = samples;

v8.writeHeapSnapshot('node-strings.heapsnapshot', { exposeNumericValues: true });
`;

// ------------------------------------------------------------------ scenario: timers
// Leak: each action starts 5 setInterval timers (callback onPoll, capturing a 20,000-int array,
// 160 KB of elements) and 3 long setTimeout timers (callback onExpire, capturing a 2,000-int array),
// and never clears them. Control ('clean'): the same timers, cleared at the end of each action.
// The delays are an hour, so no callback runs while the snapshots are taken.
const TIMERS_CJS = String.raw`'use strict';
const v8 = require('v8');

const HOUR = 3600 * 1000;
const handles = [];
function startPolling(n) {
  const samples = new Array(20000).fill(n);
  return setInterval(function onPoll() { return samples.length + n; }, HOUR);
}
function scheduleExpiry(n) {
  const pending = new Array(2000).fill(n);
  return setTimeout(function onExpire() { return pending.length + n; }, HOUR + n);
}
function action(clear) {
  for (let i = 0; i < 5; i++) handles.push(startPolling(handles.length));
  for (let i = 0; i < 3; i++) handles.push(scheduleExpiry(handles.length));
  if (clear) {
    for (const h of handles) { clearInterval(h); clearTimeout(h); }
    handles.length = 0;
  }
}

const prefix = process.argv[2] === 'clean' ? 'node-timers-clean' : 'node-timers';
const clear = process.argv[2] === 'clean';
v8.writeHeapSnapshot(prefix + '-s1.heapsnapshot');  // baseline
action(clear);
v8.writeHeapSnapshot(prefix + '-s2.heapsnapshot');  // after one action
action(clear);
v8.writeHeapSnapshot(prefix + '-s3.heapsnapshot');  // after a second one
process.exit(0);  // The timers would keep the process alive for an hour.
`;

// ------------------------------------------------------------------ run in a scratch folder
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'heapsleuth-node-'));
const childEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' }; // nothing from the caller's cwd/env
function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: scratch, env: childEnv, stdio: 'inherit' });
  if (r.status !== 0) { console.error('failed:', args.join(' ')); process.exit(r.status ?? 1); }
}
const t0 = Date.now();
fs.writeFileSync(path.join(scratch, 'leak.cjs'), LEAK_CJS);
fs.writeFileSync(path.join(scratch, 'strings.cjs'), STRINGS_CJS);
fs.writeFileSync(path.join(scratch, 'timers.cjs'), TIMERS_CJS);
if (chosen.includes('series')) run(['leak.cjs', 'series']);
if (chosen.includes('clean')) run(['leak.cjs', 'clean']);
if (chosen.includes('tracked')) run(['--track-heap-objects', 'leak.cjs', 'tracked']);
if (chosen.includes('strings')) run(['strings.cjs']);
if (chosen.includes('timers')) { run(['timers.cjs', 'leak']); run(['timers.cjs', 'clean']); }
const files = chosen.flatMap((c) => SCENARIOS[c]);
for (const f of files) { fs.copyFileSync(path.join(scratch, f), path.join(outDir, f)); fs.chmodSync(path.join(outDir, f), 0o644); }
fs.rmSync(scratch, { recursive: true, force: true });

// ------------------------------------------------------------------ verify + summarize
const forbidden = [...new Set([outDir, here, path.dirname(here), process.cwd()])].filter((p) => p !== '/' && p !== os.tmpdir());
const report = { generator: 'make-node-samples.mjs', node: process.version, v8: process.versions.v8, samples: [] };
let failed = false;
for (const f of files) {
  const file = path.join(outDir, f);
  const text = fs.readFileSync(file, 'utf8');
  for (const p of forbidden) if (text.includes(p) || text.includes(JSON.stringify(p).slice(1, -1))) { console.error(`${f}: contains ${p}`); failed = true; }
  const s = JSON.parse(text);
  const meta = s.snapshot.meta, nf = meta.node_fields.length, types = meta.node_types[0];
  const ix = Object.fromEntries(meta.node_fields.map((n, i) => [n, i]));
  const byName = new Map();
  for (let i = 0; i < s.nodes.length; i += nf) {
    const k = types[s.nodes[i + ix.type]] + ':' + s.strings[s.nodes[i + ix.name]];
    byName.set(k, (byName.get(k) ?? 0) + 1);
  }
  const c = (k) => byName.get(k) ?? 0;
  let typeCounts = {};
  for (const [k, n] of byName) { const t = k.slice(0, k.indexOf(':')); typeCounts[t] = (typeCounts[t] ?? 0) + n; }
  const sum = {
    file: f, bytes: fs.statSync(file).size, node_count: s.snapshot.node_count, edge_count: s.snapshot.edge_count,
    node_fields: meta.node_fields, trace_function_count: s.snapshot.trace_function_count,
    trace_function_infos_len: s.trace_function_infos.length, trace_tree_len: s.trace_tree.length,
    samples_len: s.samples.length, locations_len: s.locations.length, strings_len: s.strings.length,
    objects: {
      AppConfig: c('object:AppConfig'), LeakyRecord: c('object:LeakyRecord'), CacheEntry: c('object:CacheEntry'),
      onTick: c('closure:onTick'), RecentEvent: c('object:RecentEvent'), TransientThing: c('object:TransientThing'),
      onPoll: c('closure:onPoll'), onExpire: c('closure:onExpire'), Timeout: c('object:Timeout'),
      StringSamples: c('object:StringSamples'), 'Ünïcödé': c('object:Ünïcödé'), '处理器': c('closure:处理器'),
    },
    string_types: { 'concatenated string': typeCounts['concatenated string'] ?? 0, 'sliced string': typeCounts['sliced string'] ?? 0 },
  };
  if (f === 'node-strings.heapsnapshot') sum.StringSamples_properties = propsOf(s, 'StringSamples');
  report.samples.push(sum);
  console.log(JSON.stringify(sum));
}
// property name -> "type:name(first 40 chars)" of the target, for the first object node called `name`
function propsOf(s, name) {
  const meta = s.snapshot.meta, nf = meta.node_fields.length, ef = meta.edge_fields.length;
  const T = meta.node_types[0], E = meta.edge_types[0], out = {};
  for (let i = 0, e = 0; i < s.nodes.length; e += s.nodes[i + 4], i += nf) {
    if (T[s.nodes[i]] !== 'object' || s.strings[s.nodes[i + 1]] !== name) continue;
    for (let k = 0; k < s.nodes[i + 4]; k++) {
      const j = (e + k) * ef, to = s.edges[j + 2];
      if (E[s.edges[j]] === 'property') out[s.strings[s.edges[j + 1]]] = T[s.nodes[to]] + ':' + s.strings[s.nodes[to + 1]].slice(0, 40);
    }
    break;
  }
  return out;
}
// Expected object counts (the point of each sample); fail loudly if V8 changes behaviour.
const expect = {
  'node-leak-s1.heapsnapshot': { AppConfig: 1, LeakyRecord: 0, CacheEntry: 0, onTick: 0, RecentEvent: 0, TransientThing: 0 },
  'node-leak-s2.heapsnapshot': { AppConfig: 1, LeakyRecord: 300, CacheEntry: 120, onTick: 4, RecentEvent: 50, TransientThing: 0 },
  'node-leak-s3.heapsnapshot': { AppConfig: 1, LeakyRecord: 600, CacheEntry: 240, onTick: 8, RecentEvent: 50, TransientThing: 0 },
  'node-clean-s1.heapsnapshot': { AppConfig: 1, LeakyRecord: 0, CacheEntry: 0, onTick: 0, RecentEvent: 0, TransientThing: 0 },
  'node-clean-s2.heapsnapshot': { AppConfig: 1, LeakyRecord: 0, CacheEntry: 0, onTick: 0, RecentEvent: 0, TransientThing: 0 },
  'node-tracked.heapsnapshot': { AppConfig: 1, LeakyRecord: 600, CacheEntry: 240, onTick: 8, RecentEvent: 50, TransientThing: 0 },
  'node-strings.heapsnapshot': { StringSamples: 1, 'Ünïcödé': 1, '处理器': 1 },
  'node-timers-s1.heapsnapshot': { onPoll: 0, onExpire: 0 },
  'node-timers-s2.heapsnapshot': { onPoll: 5, onExpire: 3 },
  'node-timers-s3.heapsnapshot': { onPoll: 10, onExpire: 6 },
  'node-timers-clean-s1.heapsnapshot': { onPoll: 0, onExpire: 0 },
  'node-timers-clean-s2.heapsnapshot': { onPoll: 0, onExpire: 0 },
  'node-timers-clean-s3.heapsnapshot': { onPoll: 0, onExpire: 0 },
};
for (const sum of report.samples) {
  for (const [k, v] of Object.entries(expect[sum.file] ?? {})) {
    if (sum.objects[k] !== v) { console.error(`${sum.file}: expected ${v} ${k}, found ${sum.objects[k]}`); failed = true; }
  }
  if (sum.file === 'node-tracked.heapsnapshot' && !(sum.trace_function_infos_len > 0 && sum.trace_tree_len > 0)) { console.error('node-tracked: trace sections empty'); failed = true; }
  if (sum.bytes >= 5 * 1024 * 1024) { console.error(`${sum.file}: ${sum.bytes} bytes, over 5 MB`); failed = true; }
}
report.seconds = (Date.now() - t0) / 1000;
const reportPath = path.join(outDir, 'node-samples.json');
if (chosen.length < Object.keys(SCENARIOS).length && fs.existsSync(reportPath)) {
  // Only some files were made: keep the other files' entries.
  const previous = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  const made = new Set(files);
  report.samples = [...previous.samples.filter((s) => !made.has(s.file)), ...report.samples];
}
fs.writeFileSync(reportPath, JSON.stringify(report, null, 1) + '\n');
console.log(process.version, 'took', report.seconds, 's');
if (failed) process.exit(1);
