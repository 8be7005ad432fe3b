// The README's picture of a report: the top of PAGE (summary, statistics
// chart, treemap) in headless Chromium, as a PNG.
//   node screenshot.mjs PAGE.html OUT.png
// docs/report.png: heapsleuth-report samples/node-leak-s3.heapsnapshot -o PAGE.html
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import puppeteer from 'puppeteer-core';

const [pagePath, outPath] = process.argv.slice(2);
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'heapsleuth-shot-'));
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium', headless: true, userDataDir,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--hide-scrollbars'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({width: 1100, height: 1020});
  await page.goto(pathToFileURL(path.resolve(pagePath)).href, {waitUntil: 'load'});
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.screenshot({path: outPath});
} finally {
  await browser.close();
  fs.rmSync(userDataDir, {recursive: true, force: true});
}
