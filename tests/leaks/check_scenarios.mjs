// heapsleuth-leaks end to end on the checked-in leak scenarios and their
// controls: each leak is found with the culprit in its subject, path and
// place, the largest first; the controls give no finding at all; every JSON
// document validates against schemas/leaks.schema.json; --fail-on-leaks
// exits 1 on a leak and 0 on a control; --markdown writes its report.
//
//   node check_scenarios.mjs BIN_DIR SAMPLES_DIR
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [binDir, samples] = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);
const schema = path.join(here, '../../schemas/leaks.schema.json');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'heapsleuth-leaks-'));
let failures = 0;

function check(condition, what) {
  if (!condition) {
    console.error(`FAIL ${what}`);
    failures++;
  }
}

function series(name) {
  const plain = [1, 2, 3].map(i => path.join(samples, `${name}-s${i}.heapsnapshot`));
  return plain.every(f => fs.existsSync(f)) ? plain : plain.map(f => `${f}.zst`);
}

// Runs the tool with --json; returns {status, doc}. Validates the document.
function leaks(name, files, extra = []) {
  const result = spawnSync(path.join(binDir, 'heapsleuth-leaks'), ['--quiet', '--json', ...extra, ...files],
                           {encoding: 'utf8', maxBuffer: 64 << 20});
  const out = path.join(scratch, `${name}.json`);
  fs.writeFileSync(out, result.stdout);
  const valid = spawnSync('node', [path.join(here, '../schema/validate.mjs'), schema, out], {encoding: 'utf8'});
  check(valid.status === 0, `${name}: JSON does not validate: ${valid.stdout}${valid.stderr}`);
  return {status: result.status, doc: JSON.parse(result.stdout), stderr: result.stderr};
}

const pathText = finding => (finding.path ? finding.path.steps.map(s => `${s.edge.name ?? s.edge.index}>${s.node.label}`).join(' ') : '');
const high = doc => doc.findings.filter(f => f.priority === 'high');

// node-leak: listeners piling up on an EventEmitter (each capturing 800 KB),
// a growing Array of LeakyRecord, a Map cache never evicted.
{
  const {status, doc} = leaks('node-leak', series('node-leak'), ['--fail-on-leaks']);
  check(status === 1, `node-leak: --fail-on-leaks exits ${status}, expected 1`);
  const [first] = doc.findings;
  check(first.kind === 'listener-accumulation' && first.subject.includes('onTick'), `node-leak: first is ${first.kind} ${first.subject}`);
  check(first.series.join() === '0,4,8', `node-leak: onTick listeners per snapshot ${first.series}`);
  check(pathText(first).includes('bus>') && pathText(first).includes('tick>'), `node-leak: onTick path ${pathText(first)}`);
  check(first.place && first.place.script.endsWith('leak.cjs') && first.place.line === 22, 'node-leak: onTick place');
  check(first.items.some(i => i.label.includes('bigArray')), 'node-leak: onTick captures bigArray');
  const records = doc.findings.find(f => f.subject === 'global.leakyRecords');
  check(records && records.kind === 'unbounded-collection' && records.series.join() === '0,300,600', 'node-leak: leakyRecords grows 0,300,600');
  check(records && records.place && records.place.function === 'LeakyRecord', 'node-leak: leakyRecords holds LeakyRecord');
  const cache = doc.findings.find(f => f.subject === 'global.recordCache');
  check(cache && cache.series.join() === '0,120,240', 'node-leak: recordCache grows 0,120,240');
  check(cache && cache.place && cache.place.function === 'CacheEntry', 'node-leak: recordCache holds CacheEntry');
  check(high(doc).length === 3, `node-leak: ${high(doc).length} leaks, expected 3 (one finding per leak)`);
  // RecentEvent (a bounded ring) and TransientThing (released) are controls inside the scenario.
  check(!JSON.stringify(doc).match(/RecentEvent|TransientThing/), 'node-leak: a control class is reported');
}

// node-timers: setInterval callbacks that are never cleared.
{
  const {doc} = leaks('node-timers', series('node-timers'));
  const [first] = doc.findings;
  check(first.kind === 'timer-accumulation' && first.subject.includes('onPoll'), `node-timers: first is ${first.kind} ${first.subject}`);
  check(first.items.some(i => i.label === 'samples'), 'node-timers: onPoll captures samples');
  check(doc.findings.some(f => f.subject.includes('onExpire')), 'node-timers: onExpire timers');
}

// chromium-leak: detached panels held by DetachedHolder in __detached, and
// detached buttons in __buttons whose click listener captures bigData.
{
  const {doc} = leaks('chromium-leak', series('chromium-leak'));
  const buttons = doc.findings.find(f => f.kind === 'detached-dom' && f.subject.includes('leaky-button'));
  check(buttons && buttons.count === 4 && pathText(buttons).includes('__buttons>'), 'chromium-leak: 4 detached buttons held by __buttons');
  const panels = doc.findings.find(f => f.kind === 'detached-dom' && f.subject.includes('leaky-panel'));
  check(panels && panels.count === 50 && pathText(panels).includes('__detached>') && pathText(panels).includes('el>'),
        'chromium-leak: 50 detached panels held by DetachedHolder.el in __detached');
  const listener = doc.findings.find(f => f.kind === 'detached-listener');
  check(listener && listener.subject.startsWith('onLeakyClick') && listener.count === 4 &&
            listener.items.some(i => i.label === 'bigData'),
        'chromium-leak: 4 onLeakyClick listeners capturing bigData');
  check(doc.findings[0].kind === 'detached-dom' || doc.findings[0].kind === 'detached-listener',
        `chromium-leak: first is ${doc.findings[0].kind}`);
}

// React (samples/react-app): components whose useEffect subscribes without cleanup, the Dashboard
// unmounted 3 and 6 times. Each component is named with its unmounted instances and its culprit,
// in the React 18 series and in single snapshots of React 18 production and React 17.
const reactWant = [
  ['PriceChart', 'onPriceChartResize', 'event listener', 12, '0,6,12'],
  ['LiveTicker', 'tickLiveTicker', 'timer', 6, '0,3,6'],
  ['StoreBadge', 'onStoreBadgeChange', 'subscription', 6, '0,3,6'],
];
for (const [name, files] of [
       ['react18-dev-leak', series('react18-dev-leak')],
       ['react18-prod-leak-s3', ['--snapshot', path.join(samples, 'react18-prod-leak-s3.heapsnapshot.zst')]],
       ['react17-dev-leak-s3', ['--snapshot', path.join(samples, 'react17-dev-leak-s3.heapsnapshot.zst')]],
     ]) {
  const {status, doc} = leaks(name, files, ['--fail-on-leaks']);
  check(status === 1, `${name}: --fail-on-leaks exits ${status}, expected 1`);
  const react = doc.findings.filter(f => f.kind === 'react-component');
  check(react.length === 3, `${name}: ${react.length} react-component findings, expected 3`);
  for (const [component, culprit, kind, count, perSnapshot] of reactWant) {
    const f = react.find(x => x.subject === component);
    check(f && f.count === count, `${name}: ${component} unmounted instances ${f && f.count}, expected ${count}`);
    if (!f) continue;
    check(f.items[0].label.startsWith(`${culprit} (${kind}`), `${name}: ${component} culprit ${f.items[0].label}`);
    check(f.place && f.place.function === culprit, `${name}: ${component} place ${JSON.stringify(f.place)}`);
    check(pathText(f).endsWith(`>${f.path.steps.at(-1).node.label}`) && pathText(f).includes(culprit), `${name}: ${component} path ${pathText(f)}`);
    if (!files.includes('--snapshot')) check(f.series.join() === perSnapshot, `${name}: ${component} per snapshot ${f.series}`);
  }
}
{
  const {status, doc} = leaks('react18-dev-clean-s3', ['--fail-on-leaks', '--snapshot', path.join(samples, 'react18-dev-clean-s3.heapsnapshot.zst')]);
  check(status === 0 && doc.findings.length === 0, `react clean twin: ${doc.findings.length} findings: ${doc.findings.map(f => f.subject)}`);
}
// Memory per component: heapsleuth-summary --react; "no React found" on heaps without it.
{
  const summary = (args) => spawnSync(path.join(binDir, 'heapsleuth-summary'), ['--quiet', '--react', ...args], {encoding: 'utf8'});
  const text = summary([path.join(samples, 'react18-dev-leak-s3.heapsnapshot.zst')]).stdout;
  check(/PriceChart\s+2\s+2\s+14\s+12\s/.test(text), `summary --react: PriceChart row in\n${text}`);
  const out = path.join(scratch, 'react.json');
  fs.writeFileSync(out, summary(['--json', path.join(samples, 'react17-dev-leak-s3.heapsnapshot.zst')]).stdout);
  const valid = spawnSync('node', [path.join(here, '../schema/validate.mjs'), path.join(here, '../../schemas/react.schema.json'), out], {encoding: 'utf8'});
  check(valid.status === 0, `summary --react --json does not validate: ${valid.stdout}${valid.stderr}`);
  const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
  const ticker = doc.components.find(c => c.name === 'LiveTicker');
  check(doc.react_found && ticker && ticker.mounted === 1 && ticker.unmounted_alive === 6, 'summary --react --json: LiveTicker 1 mounted, 6 unmounted');
  for (const name of ['chromium-clean.heapsnapshot', 'chromium-detached-dom.heapsnapshot', 'node-leak-s3.heapsnapshot', 'chromium-leak-s3.heapsnapshot.zst']) {
    const r = summary([path.join(samples, name)]);
    check(r.status === 0 && r.stdout.trim().endsWith('no React found'), `summary --react ${name}: ${r.stdout}`);
  }
}

// The controls: nothing at all, and --fail-on-leaks passes.
for (const [name, files] of [
       ['node-clean', ['node-clean-s1', 'node-clean-s1', 'node-clean-s2'].map(f => path.join(samples, `${f}.heapsnapshot`))],
       ['node-timers-clean', series('node-timers-clean')],
       ['chromium-control', series('chromium-control')],
     ]) {
  const {status, doc} = leaks(name, files, ['--fail-on-leaks']);
  check(status === 0, `${name}: --fail-on-leaks exits ${status}, expected 0`);
  check(doc.findings.length === 0, `${name}: ${doc.findings.length} findings, expected none: ${doc.findings.map(f => f.subject)}`);
}
for (const name of ['node-leak', 'node-timers', 'chromium-leak']) {
  const {doc} = leaks(`${name}-no-react`, series(name));
  check(!doc.findings.some(f => f.kind === 'react-component'), `${name}: a react-component finding on a heap without React`);
}
for (const name of ['chromium-clean', 'node-clean-s2', 'node-leak-s1']) {
  const {doc} = leaks(`${name}-alone`, ['--snapshot', path.join(samples, `${name}.heapsnapshot`)]);
  check(doc.findings.length === 0, `${name} alone: ${doc.findings.length} findings, expected none`);
}

// The Markdown report is written whole, and names the leak.
{
  const md = path.join(scratch, 'report.md');
  execFileSync(path.join(binDir, 'heapsleuth-leaks'), ['--quiet', '--markdown', md, ...series('node-leak')], {stdio: 'ignore'});
  const text = fs.readFileSync(md, 'utf8');
  check(text.startsWith('## heapsleuth-leaks') && text.includes('onTick') && text.includes('leak.cjs:22:25'), 'markdown report');
}

fs.rmSync(scratch, {recursive: true, force: true});
if (failures > 0) {
  console.error(`${failures} checks failed`);
  process.exit(1);
}
console.log('all leak scenarios pass');
