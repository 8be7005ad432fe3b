// Make heapsleuth's Chromium snapshot *series* for the leak detectors: two series of three
// snapshots taken in one page each (so V8 object ids match across s1, s2, s3).
//
//   node make-chromium-series.mjs OUTDIR [chromiumPath]      (default /usr/bin/chromium)
//
// Writes into OUTDIR (run it from a `mktemp -d` folder; then `zstd -19` the files into samples/):
//   chromium-leak-s1..s3.heapsnapshot     s1 baseline, s2 after action(), s3 after action() again and
//                                         an attempted cleanup that misses the leaks:
//                                         - detached <div class="leaky-panel"> subtrees (6 <span> each)
//                                           kept by window.__detached.push(new DetachedHolder(div));
//                                         - detached <button class="leaky-button">s kept in
//                                           window.__buttons whose click listener `onLeakyClick`
//                                           captures `bigData` (~100 KB each), never removed.
//   chromium-control-s1..s3.heapsnapshot  s1 baseline, s2 after action() (panels and buttons attached,
//                                         each button with a listener), s3 after cleanup() done right
//                                         (listeners removed, DOM removed, references dropped).
//   chromium-series.json                  browser version, sizes, counts per file
//
// Same browser setup as make-chromium-samples.mjs: headless Debian `chromium` over the DevTools
// protocol with puppeteer-core, pages from page.setContent (about:blank, no network), a fresh
// profile folder, HeapProfiler.collectGarbage before each snapshot.
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, takeSnapshot } from './cdp-snapshot.mjs';

const outDir = path.resolve(process.argv[2] ?? '');
if (!process.argv[2]) { console.error('usage: node make-chromium-series.mjs OUTDIR [chromiumPath]'); process.exit(2); }
const executablePath = process.argv[3] ?? '/usr/bin/chromium';
fs.mkdirSync(outDir, { recursive: true });
const here = path.dirname(fileURLToPath(import.meta.url));

const PANELS = 25;    // detached panel subtrees per action
const SPANS = 6;      // <span> children per panel
const BUTTONS = 2;    // detached buttons with a listener per action
const BIG = 25600;    // small ints captured per listener: 25600 * 4 B (pointer compression) ~ 100 KB

const page = (title, script) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body>
<header class="attached-header"><h1>${title}</h1></header>
<nav class="attached-nav"><ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="#s${i}">section ${i}</a></li>`).join('')}</ul></nav>
<main id="app"><p class="attached-intro">app root</p></main>
<script>${script}</script>
</body></html>`;

const LEAK = `
  class DetachedHolder { constructor(el) { this.el = el; this.created = Date.now(); } }
  window.__detached = [];
  window.__buttons = [];
  window.action = () => {
    const app = document.getElementById('app');
    for (let i = 0; i < ${PANELS}; i++) {
      const div = document.createElement('div');
      div.className = 'leaky-panel';
      for (let j = 0; j < ${SPANS}; j++) {
        const span = document.createElement('span');
        span.textContent = 'item ' + i + '.' + j;
        div.appendChild(span);
      }
      app.appendChild(div);
      div.remove();                                   // removed from the document ...
      window.__detached.push(new DetachedHolder(div)); // ... but still referenced from JS
    }
    for (let i = 0; i < ${BUTTONS}; i++) {
      const btn = document.createElement('button');
      btn.className = 'leaky-button';
      btn.textContent = 'button ' + i;
      const bigData = new Array(${BIG}).fill(i);
      btn.addEventListener('click', function onLeakyClick() { return bigData.length; });
      app.appendChild(btn);
      btn.remove();                                   // detached; the listener is never removed
      window.__buttons.push(btn);
    }
  };
  // The attempted cleanup: empties #app, but the arrays still hold the detached DOM.
  window.cleanup = () => { document.getElementById('app').innerHTML = '<p class="attached-intro">app root</p>'; };`;

const CONTROL = `
  window.__tmp = [];
  window.action = () => {
    const app = document.getElementById('app');
    for (let i = 0; i < ${PANELS}; i++) {
      const div = document.createElement('div');
      div.className = 'clean-panel';
      for (let j = 0; j < ${SPANS}; j++) {
        const span = document.createElement('span');
        span.textContent = 'item ' + i + '.' + j;
        div.appendChild(span);
      }
      app.appendChild(div);
      window.__tmp.push({ div });
    }
    for (let i = 0; i < ${BUTTONS}; i++) {
      const btn = document.createElement('button');
      btn.className = 'clean-button';
      btn.textContent = 'button ' + i;
      const bigData = new Array(${BIG}).fill(i);
      const onClick = function onCleanClick() { return bigData.length; };
      btn.addEventListener('click', onClick);
      app.appendChild(btn);
      window.__tmp.push({ btn, onClick });
    }
  };
  // Cleanup done right: every listener removed, every element removed, every reference dropped.
  window.cleanup = () => {
    for (const t of window.__tmp) {
      if (t.btn) { t.btn.removeEventListener('click', t.onClick); t.btn.remove(); }
      if (t.div) t.div.remove();
    }
    window.__tmp = null;
  };`;

const series = [
  { prefix: 'chromium-leak', title: 'leak series', script: LEAK,
    steps: [[], ['action'], ['action', 'cleanup']] },
  { prefix: 'chromium-control', title: 'control series', script: CONTROL,
    steps: [[], ['action'], ['cleanup']] },
];

function summarize(file) {
  const s = JSON.parse(fs.readFileSync(file, 'utf8'));
  const meta = s.snapshot.meta, nf = meta.node_fields.length;
  const ix = Object.fromEntries(meta.node_fields.map((n, i) => [n, i]));
  const types = meta.node_types[0];
  const detachedness = {};
  const byName = {};
  const detachedByName = {};
  const watch = /^(DetachedHolder|onLeakyClick|onCleanClick|V8EventListener|<div class="(leaky|clean)-panel">|<span>|<button class="(leaky|clean)-button">)$/;
  for (let i = 0; i < s.nodes.length; i += nf) {
    const d = ix.detachedness === undefined ? 0 : s.nodes[i + ix.detachedness];
    detachedness[d] = (detachedness[d] ?? 0) + 1;
    const name = s.strings[s.nodes[i + ix.name]];
    const key = types[s.nodes[i + ix.type]] + ':' + name;
    if (watch.test(name)) byName[key] = (byName[key] ?? 0) + 1;
    if (d === 2) detachedByName[key] = (detachedByName[key] ?? 0) + 1;
  }
  return {
    file: path.basename(file), bytes: fs.statSync(file).size,
    node_count: s.snapshot.node_count, edge_count: s.snapshot.edge_count,
    node_fields: meta.node_fields, locations_len: s.locations.length,
    detachedness, counts: byName, detached_by_name: detachedByName,
  };
}

const { browser, userDataDir } = await launchChromium(puppeteer, executablePath);
const t0 = Date.now();
const report = { generator: 'make-chromium-series.mjs', browser: null, samples: [] };
try {
  report.browser = await browser.version();
  for (const se of series) {
    const p = await browser.newPage();
    await p.setContent(page(se.title, se.script));
    const cdp = await p.createCDPSession();
    await cdp.send('HeapProfiler.enable');
    for (let k = 0; k < se.steps.length; k++) {
      for (const fn of se.steps[k]) await p.evaluate((f) => window[f](), fn);
      const file = path.join(outDir, `${se.prefix}-s${k + 1}.heapsnapshot`);
      await takeSnapshot(cdp, file);
      const sum = summarize(file);
      report.samples.push(sum);
      console.log(JSON.stringify(sum));
    }
    await cdp.detach();
    await p.close();
  }
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

// ------------------------------------------------------------------ checks
const P = PANELS, S = PANELS * SPANS, B = BUTTONS;
const expect = {
  'chromium-leak-s1.heapsnapshot': { holder: 0, div: 0, span: 0, button: 0, listener: 0 },
  'chromium-leak-s2.heapsnapshot': { holder: P, div: P, span: S, button: B, listener: B },
  'chromium-leak-s3.heapsnapshot': { holder: 2 * P, div: 2 * P, span: 2 * S, button: 2 * B, listener: 2 * B },
  'chromium-control-s1.heapsnapshot': { detached: 0, clean: 0 },
  'chromium-control-s2.heapsnapshot': { detached: 0, clean: B },
  'chromium-control-s3.heapsnapshot': { detached: 0, clean: 0 },
};
const forbidden = [...new Set([outDir, here, path.dirname(here), process.cwd(), userDataDir])].filter((p) => p !== '/' && p !== os.tmpdir());
let failed = false;
for (const sum of report.samples) {
  const d = sum.detached_by_name, c = sum.counts;
  const got = {
    holder: c['object:DetachedHolder'] ?? 0, div: d['native:<div class="leaky-panel">'] ?? 0,
    span: d['native:<span>'] ?? 0, button: d['native:<button class="leaky-button">'] ?? 0,
    listener: c['closure:onLeakyClick'] ?? 0, detached: sum.detachedness[2] ?? 0,
    clean: c['closure:onCleanClick'] ?? 0,
  };
  for (const [k, v] of Object.entries(expect[sum.file])) if (got[k] !== v) { console.error(`${sum.file}: expected ${v} ${k}, found ${got[k]}`); failed = true; }
  if (sum.bytes >= 5 * 1024 * 1024) { console.error(`${sum.file}: ${sum.bytes} bytes, over 5 MB`); failed = true; }
  const text = fs.readFileSync(path.join(outDir, sum.file), 'utf8');
  for (const p of forbidden) if (text.includes(p)) { console.error(`${sum.file}: contains ${p}`); failed = true; }
}
report.seconds = (Date.now() - t0) / 1000;
fs.writeFileSync(path.join(outDir, 'chromium-series.json'), JSON.stringify(report, null, 1) + '\n');
console.log(report.browser, 'took', report.seconds, 's');
if (failed) process.exit(1);
