// Make heapsleuth's React snapshot series: a small React app (react-app/src) whose components
// subscribe in a useEffect, mounted and unmounted several times in headless Chromium.
//
//   cd samples/react-app && npm ci && node ../make-react-samples.mjs OUTDIR [chromiumPath]
//
// For each React build (18.3.1 and 17.0.2, development and production, bundled with esbuild into
// one inline <script>) and each variant (leak: effects return no cleanup; clean: they do), one page
// and three snapshots of it (V8 ids match across s1..s3):
//   s1  the Dashboard mounted once (2 PriceChart, 1 LiveTicker, 1 StoreBadge)
//   s2  after 3 unmount/mount cycles  (leak: 3 unmounted Dashboards still alive)
//   s3  after 3 more cycles           (leak: 6 unmounted Dashboards still alive)
// The leaks: PriceChart adds a window 'resize' listener `onPriceChartResize`, LiveTicker a
// setInterval `tickLiveTicker`, StoreBadge a store subscription `onStoreBadgeChange`; each closure
// keeps the render's state (a series of {t, price} records) alive.
// Files: react<ver>-<dev|prod>-<leak|clean>-s<k>.heapsnapshot in OUTDIR (run it from a `mktemp -d`
// folder; then `zstd -19` the chosen files into samples/), and react-samples.json (counts per file).
//
// Browser setup as make-chromium-series.mjs: headless Debian `chromium` over the DevTools protocol
// with puppeteer-core, page.setContent (about:blank, no network), a fresh profile folder,
// HeapProfiler.collectGarbage before each snapshot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium, takeSnapshot } from './cdp-snapshot.mjs';

const outDir = path.resolve(process.argv[2] ?? '');
if (!process.argv[2]) { console.error('usage: node make-react-samples.mjs OUTDIR [chromiumPath]'); process.exit(2); }
const executablePath = process.argv[3] ?? '/usr/bin/chromium';
fs.mkdirSync(outDir, { recursive: true });
const here = path.dirname(fileURLToPath(import.meta.url));
const appDir = path.join(here, 'react-app');
const require = createRequire(path.join(appDir, 'package.json'));
// The packages live in react-app/node_modules (its package-lock.json pins them), not beside this file.
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const puppeteer = (await load('puppeteer-core')).default;
const esbuild = await load('esbuild');

const CYCLES = 3;
const builds = [
  { tag: 'react18-dev', entry: 'entry18.jsx', env: 'development', alias: {} },
  { tag: 'react18-prod', entry: 'entry18.jsx', env: 'production', alias: {} },
  { tag: 'react17-dev', entry: 'entry17.jsx', env: 'development', alias: { react: 'react17', 'react-dom': 'react-dom17' } },
  { tag: 'react17-prod', entry: 'entry17.jsx', env: 'production', alias: { react: 'react17', 'react-dom': 'react-dom17' } },
];

async function bundle(b) {
  // Production builds: React's own *.production.min.js files (minified by React, internal names
  // mangled) and the app with its whitespace removed; the app's identifiers are kept (esbuild's
  // syntax minifier drops function expression names) so the app's component names survive.
  const r = await esbuild.build({
    entryPoints: [path.join(appDir, 'src', b.entry)], bundle: true, write: false, format: 'iife',
    absWorkingDir: appDir, nodePaths: [path.join(appDir, 'node_modules')], alias: b.alias,
    define: { 'process.env.NODE_ENV': JSON.stringify(b.env) }, jsx: 'transform', loader: { '.jsx': 'jsx' },
    minifyWhitespace: b.env === 'production', legalComments: 'none',
  });
  return r.outputFiles[0].text;
}

const page = (title, clean, script) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body><div id="root"></div>
<script>window.__heapsleuthClean = ${clean};</script>
<script>${script.replace(/<\/script/g, '<\\/script')}</script>
</body></html>`;

const watched = ['PriceChart', 'LiveTicker', 'StoreBadge', 'Dashboard', 'onPriceChartResize', 'tickLiveTicker', 'onStoreBadgeChange', 'FiberNode', 'FiberRootNode'];
function summarize(file) {
  const s = JSON.parse(fs.readFileSync(file, 'utf8'));
  const meta = s.snapshot.meta, nf = meta.node_fields.length;
  const ix = Object.fromEntries(meta.node_fields.map((n, i) => [n, i]));
  const types = meta.node_types[0];
  const counts = {};
  for (let i = 0; i < s.nodes.length; i += nf) {
    const name = s.strings[s.nodes[i + ix.name]];
    if (!watched.includes(name)) continue;
    const key = types[s.nodes[i + ix.type]] + ':' + name;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return { file: path.basename(file), bytes: fs.statSync(file).size, node_count: s.snapshot.node_count,
    edge_count: s.snapshot.edge_count, counts };
}

const { browser, userDataDir } = await launchChromium(puppeteer, executablePath);
const t0 = Date.now();
const report = { generator: 'make-react-samples.mjs', browser: null,
  versions: { react: require('react/package.json').version, react17: require('react17/package.json').version,
    esbuild: esbuild.version }, samples: [] };
let failed = false;
try {
  report.browser = await browser.version();
  for (const b of builds) {
    const script = await bundle(b);
    for (const variant of ['leak', 'clean']) {
      const p = await browser.newPage();
      await p.setContent(page(`${b.tag} ${variant}`, variant === 'clean', script));
      const cdp = await p.createCDPSession();
      await cdp.send('HeapProfiler.enable');
      const steps = [() => p.evaluate(() => window.mountFirst()),
        () => p.evaluate((k) => window.cycle(k), CYCLES), () => p.evaluate((k) => window.cycle(k), CYCLES)];
      for (let k = 0; k < steps.length; k++) {
        await steps[k]();
        const file = path.join(outDir, `${b.tag}-${variant}-s${k + 1}.heapsnapshot`);
        await takeSnapshot(cdp, file);
        const sum = summarize(file);
        sum.build = b.tag; sum.variant = variant; sum.mounts = 1 + k * CYCLES;
        report.samples.push(sum);
        console.log(JSON.stringify(sum));
        // Every mount of the Dashboard leaves one closure per effect in the leak variant; only the
        // mounted Dashboard's in the clean one.
        const alive = variant === 'leak' ? sum.mounts : 1;
        const want = { 'closure:onPriceChartResize': 2 * alive, 'closure:tickLiveTicker': alive, 'closure:onStoreBadgeChange': alive };
        for (const [key, n] of Object.entries(want)) {
          if ((sum.counts[key] ?? 0) !== n) { console.error(`${sum.file}: expected ${n} ${key}, found ${sum.counts[key] ?? 0}`); failed = true; }
        }
      }
      await cdp.detach();
      await p.close();
    }
  }
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
const forbidden = [...new Set([outDir, here, path.dirname(here), process.cwd(), userDataDir])].filter((p) => p !== '/' && p !== os.tmpdir());
for (const sum of report.samples) {
  const text = fs.readFileSync(path.join(outDir, sum.file), 'utf8');
  for (const p of forbidden) if (text.includes(p)) { console.error(`${sum.file}: contains ${p}`); failed = true; }
}
report.seconds = (Date.now() - t0) / 1000;
fs.writeFileSync(path.join(outDir, 'react-samples.json'), JSON.stringify(report, null, 1) + '\n');
console.log(report.browser, 'took', report.seconds, 's');
if (failed) process.exit(1);
