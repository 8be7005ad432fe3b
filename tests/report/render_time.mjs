// How long a report page takes to draw in headless Chromium: from navigation
// start to the page's "ready" mark (data parsed, every section drawn), and to
// the first frame after it; and the page script's own share (its
// "heapsleuth-draw" measure). Figures to read, never a test.
//   node render_time.mjs PAGE.html
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import puppeteer from 'puppeteer-core';

const pagePath = path.resolve(process.argv[2]);
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'heapsleuth-time-'));
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium', headless: true, userDataDir,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({width: 1280, height: 1000});
  await page.goto(pathToFileURL(pagePath).href, {waitUntil: 'load'});
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const times = await page.evaluate(() => new Promise((resolve) => {
    const ready = performance.now();
    const script = performance.getEntriesByName('heapsleuth-draw')[0].duration;
    requestAnimationFrame(() => setTimeout(() => resolve({script, ready, painted: performance.now()}), 0));
  }));
  const counts = await page.evaluate(() => ({
    rects: document.querySelectorAll('#treemap-svg rect').length,
    rows: document.querySelectorAll('#class-table tbody tr').length,
  }));
  console.log(`${path.basename(pagePath)}: ${fs.statSync(pagePath).size} bytes; ready ${times.ready.toFixed(0)} ms, ` +
              `painted ${times.painted.toFixed(0)} ms after navigation start (the page's script: ` +
              `${times.script.toFixed(0)} ms); ${counts.rects} treemap rectangles, ` +
              `${counts.rows} class rows`);
} finally {
  await browser.close();
  fs.rmSync(userDataDir, {recursive: true, force: true});
}
