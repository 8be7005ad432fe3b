// Opens a report page in headless Chromium (Debian's /usr/bin/chromium via
// puppeteer-core) and records what must not happen: console errors, page
// errors, requests for anything but the page itself.
//
//   const session = await openReport(pagePath);
//   ... session.page ...; session.failures; session.requests; session.pageUrl
//   await session.close();
//
// or, for a test script, checkReport(NAME, PAGE, async ({page, pageUrl, requests}) => { ... }).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import puppeteer from 'puppeteer-core';

export async function openReport(pagePath) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'heapsleuth-e2e-'));
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium', headless: true, userDataDir,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions'],
  });
  const failures = [];
  const requests = [];
  const page = await browser.newPage();
  await page.setViewport({width: 1280, height: 1000});
  const pageUrl = pathToFileURL(pagePath).href;
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  await page.goto(pageUrl, {waitUntil: 'load'});
  await page.waitForFunction(() => document.body.dataset.ready === 'true', {timeout: 30000});
  const close = async () => {
    await browser.close();
    fs.rmSync(userDataDir, {recursive: true, force: true});
  };
  return {page, pageUrl, failures, requests, close};
}

// Runs `checks` on the opened page. A thrown error (a failed assertion) and
// what the page recorded are printed as "NAME: ..." lines and exit 1; else
// "NAME: ok".
export async function checkReport(name, pagePath, checks) {
  const session = await openReport(pagePath);
  try {
    await checks(session);
  } catch (error) {
    session.failures.push(error.stack || String(error));
  } finally {
    await session.close();
  }
  if (session.failures.length) {
    for (const failure of session.failures) console.error(`${name}: ${failure}`);
    process.exit(1);
  }
  console.log(`${name}: ok`);
}
