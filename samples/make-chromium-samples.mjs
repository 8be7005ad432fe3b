// Make heapsleuth's small Chromium (Blink + V8) heap snapshot samples.
//
//   node make-chromium-samples.mjs OUTDIR [chromiumPath]      (default /usr/bin/chromium)
//
// Writes into OUTDIR:
//   chromium-detached-dom.heapsnapshot  detached <div class="leaky-panel"> subtrees kept in a JS array,
//                                       a detached <button> whose click listener captures ~100 KB,
//                                       plus some DOM that stays attached
//   chromium-clean.heapsnapshot         control: the same kind of DOM created, then removed and released
//   chromium-tracked.heapsnapshot       the detached-DOM page again, with allocation tracking on
//                                       (HeapProfiler.startTrackingHeapObjects before the actions)
//   chromium-samples.json               browser version, sizes, counts, meta node_fields
//
// Headless Debian `chromium` is driven over the DevTools protocol with puppeteer-core (which never
// downloads a browser). Each page comes from page.setContent (about:blank, no network). Before each
// snapshot, HeapProfiler.collectGarbage runs; the snapshot chunks are streamed into the file.
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, takeSnapshot } from './cdp-snapshot.mjs';

const outDir = path.resolve(process.argv[2] ?? '');
if (!process.argv[2]) { console.error('usage: node make-chromium-samples.mjs OUTDIR [chromiumPath]'); process.exit(2); }
const executablePath = process.argv[3] ?? '/usr/bin/chromium';
fs.mkdirSync(outDir, { recursive: true });
const here = path.dirname(fileURLToPath(import.meta.url));

// ------------------------------------------------------------------ pages
// Every page: some attached DOM (a header, a nav list, an <main id="app">), and a script that
// defines window.action(). The test driver calls action() twice, then takes the snapshot.
const page = (title, script) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body>
<header class="attached-header"><h1>${title}</h1></header>
<nav class="attached-nav"><ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="#s${i}">section ${i}</a></li>`).join('')}</ul></nav>
<main id="app"><p class="attached-intro">app root</p></main>
<script>${script}</script>
</body></html>`;

const DETACHED_DOM = `
  // Leak 1: <div class="leaky-panel"> subtrees added to the document, removed again, but kept
  // alive by a JS array (through PanelHolder objects) -> detached DOM.
  class PanelHolder { constructor(el, i) { this.el = el; this.index = i; this.title = 'panel ' + i; } }
  window.leakedPanels = [];
  // Leak 2: a <button> whose click listener closure captures ~100 KB (25600 small ints;
  // 4 bytes each with pointer compression), removed from the document, still referenced.
  window.leakedButtons = [];
  window.action = () => {
    const app = document.getElementById('app');
    for (let i = 0; i < 25; i++) {
      const n = window.leakedPanels.length;
      const div = document.createElement('div');
      div.className = 'leaky-panel';
      div.id = 'leaky-panel-' + n;
      for (let j = 0; j < 6; j++) {
        const span = document.createElement('span');
        span.textContent = 'leaky item ' + n + '.' + j;
        div.appendChild(span);
      }
      app.appendChild(div);
      div.remove();                                   // removed from the document ...
      window.leakedPanels.push(new PanelHolder(div, n)); // ... but still referenced from JS
    }
    const btn = document.createElement('button');
    btn.className = 'leaky-button';
    btn.textContent = 'leaky button ' + window.leakedButtons.length;
    const bigCapture = new Array(25600).fill(7);     // ~100 KB captured by the listener
    btn.addEventListener('click', function onLeakyClick() { return bigCapture.length; });
    app.appendChild(btn);
    btn.remove();                                     // detached; listener never removed
    window.leakedButtons.push(btn);
    // Attached DOM that stays (not a leak): one more <section> per action.
    const sec = document.createElement('section');
    sec.className = 'attached-panel';
    sec.innerHTML = '<h2>kept</h2><p>this section stays in the document</p>';
    app.appendChild(sec);
  };`;

const CLEAN = `
  // Control: the same kind of DOM and listener is created, used, then removed AND released.
  window.action = () => {
    const app = document.getElementById('app');
    let tmp = [];
    for (let i = 0; i < 25; i++) {
      const div = document.createElement('div');
      div.className = 'clean-panel';
      for (let j = 0; j < 6; j++) {
        const span = document.createElement('span');
        span.textContent = 'clean item ' + i + '.' + j;
        div.appendChild(span);
      }
      app.appendChild(div);
      tmp.push(div);
    }
    const btn = document.createElement('button');
    btn.className = 'clean-button';
    const bigCapture = new Array(25600).fill(7);
    const onCleanClick = function onCleanClick() { return bigCapture.length; };
    btn.addEventListener('click', onCleanClick);
    app.appendChild(btn);
    // ... cleanup done right:
    btn.removeEventListener('click', onCleanClick);
    btn.remove();
    for (const div of tmp) div.remove();
    tmp = null;
    const sec = document.createElement('section');
    sec.className = 'attached-panel';
    sec.innerHTML = '<h2>kept</h2><p>this section stays in the document</p>';
    app.appendChild(sec);
  };`;

const samples = [
  { file: 'chromium-detached-dom.heapsnapshot', title: 'detached dom', script: DETACHED_DOM, track: false },
  { file: 'chromium-clean.heapsnapshot', title: 'clean control', script: CLEAN, track: false },
  { file: 'chromium-tracked.heapsnapshot', title: 'detached dom tracked', script: DETACHED_DOM, track: true },
];

function summarize(file) {
  const s = JSON.parse(fs.readFileSync(file, 'utf8'));
  const meta = s.snapshot.meta, nf = meta.node_fields.length;
  const ix = Object.fromEntries(meta.node_fields.map((n, i) => [n, i]));
  const types = meta.node_types[0];
  const count = (pred) => { let c = 0; for (let i = 0; i < s.nodes.length; i += nf) if (pred(i)) c++; return c; };
  const nameIs = (i, re) => re.test(s.strings[s.nodes[i + ix.name]]);
  const detachedness = {};
  if (ix.detachedness !== undefined) for (let i = 0; i < s.nodes.length; i += nf) { const d = s.nodes[i + ix.detachedness]; detachedness[d] = (detachedness[d] ?? 0) + 1; }
  return {
    file: path.basename(file), bytes: fs.statSync(file).size,
    node_count: s.snapshot.node_count, edge_count: s.snapshot.edge_count,
    node_fields: meta.node_fields, trace_function_count: s.snapshot.trace_function_count,
    trace_function_infos_len: s.trace_function_infos.length, trace_tree_len: s.trace_tree.length,
    samples_len: s.samples.length, locations_len: s.locations.length,
    detachedness,
    // Blink names DOM nodes like `<div class="leaky-panel" id="leaky-panel-3">` (type native);
    // detachedness: 0 unknown, 1 attached, 2 detached. Ids are folded to id="*" here.
    detached_by_name: (() => {
      const m = {};
      if (ix.detachedness !== undefined) for (let i = 0; i < s.nodes.length; i += nf) {
        if (s.nodes[i + ix.detachedness] !== 2) continue;
        const k = types[s.nodes[i + ix.type]] + ':' + s.strings[s.nodes[i + ix.name]].replace(/ id="[^"]*"/, ' id="*"');
        m[k] = (m[k] ?? 0) + 1;
      }
      return m;
    })(),
    PanelHolder: count((i) => types[s.nodes[i + ix.type]] === 'object' && nameIs(i, /^PanelHolder$/)),
    onLeakyClick: count((i) => types[s.nodes[i + ix.type]] === 'closure' && nameIs(i, /^onLeakyClick$/)),
    onCleanClick: count((i) => types[s.nodes[i + ix.type]] === 'closure' && nameIs(i, /^onCleanClick$/)),
  };
}

// ------------------------------------------------------------------ driver
const { browser, userDataDir } = await launchChromium(puppeteer, executablePath);
const t0 = Date.now();
const report = { generator: 'make-chromium-samples.mjs', browser: null, samples: [] };
try {
  report.browser = await browser.version();
  for (const sm of samples) {
    const p = await browser.newPage();
    await p.setContent(page(sm.title, sm.script));
    const cdp = await p.createCDPSession();
    await cdp.send('HeapProfiler.enable');
    if (sm.track) await cdp.send('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
    if (sm.track) {
      // Like DevTools' "allocation instrumentation on timeline": let the heap-stats timer tick
      // between the actions so the snapshot's `samples` section gets entries too.
      const pause = () => new Promise((r) => setTimeout(r, 250));
      await pause(); await p.evaluate(() => window.action());
      await pause(); await p.evaluate(() => window.action());
      await pause();
    } else {
      await p.evaluate(() => { window.action(); window.action(); });
    }
    const file = path.join(outDir, sm.file);
    await takeSnapshot(cdp, file);
    await cdp.detach();
    await p.close();
    const sum = summarize(file);
    report.samples.push(sum);
    console.log(JSON.stringify(sum));
  }
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
// ------------------------------------------------------------------ checks
const expect = {
  'chromium-detached-dom.heapsnapshot': { PanelHolder: 50, onLeakyClick: 2, div: 50, span: 300, button: 2 },
  'chromium-clean.heapsnapshot': { PanelHolder: 0, onLeakyClick: 0, onCleanClick: 0, div: 0, span: 0, button: 0 },
  'chromium-tracked.heapsnapshot': { PanelHolder: 50, onLeakyClick: 2, div: 50, span: 300, button: 2 },
};
const forbidden = [...new Set([outDir, here, path.dirname(here), process.cwd(), userDataDir])].filter((p) => p !== '/' && p !== os.tmpdir());
let failed = false;
for (const sum of report.samples) {
  const d = sum.detached_by_name;
  const got = { PanelHolder: sum.PanelHolder, onLeakyClick: sum.onLeakyClick, onCleanClick: sum.onCleanClick,
    div: d['native:<div class="leaky-panel" id="*">'] ?? 0, span: d['native:<span>'] ?? 0, button: d['native:<button class="leaky-button">'] ?? 0 };
  for (const [k, v] of Object.entries(expect[sum.file])) if (got[k] !== v) { console.error(`${sum.file}: expected ${v} ${k}, found ${got[k]}`); failed = true; }
  if (sum.file === 'chromium-tracked.heapsnapshot' && !(sum.node_fields.includes('trace_node_id') && sum.trace_function_infos_len > 0)) { console.error('chromium-tracked: no allocation traces'); failed = true; }
  if (sum.bytes >= 5 * 1024 * 1024) { console.error(`${sum.file}: ${sum.bytes} bytes, over 5 MB`); failed = true; }
  const text = fs.readFileSync(path.join(outDir, sum.file), 'utf8');
  for (const p of forbidden) if (text.includes(p)) { console.error(`${sum.file}: contains ${p}`); failed = true; }
}
report.seconds = (Date.now() - t0) / 1000;
fs.writeFileSync(path.join(outDir, 'chromium-samples.json'), JSON.stringify(report, null, 1) + '\n');
console.log(report.browser, 'took', report.seconds, 's');
if (failed) process.exit(1);
