// End-to-end test of heapsleuth-report over a series (--baseline, --final) in
// headless Chromium: the page embeds heapsleuth-leaks' and heapsleuth-growth's
// own JSON for the same snapshots, draws one card per leak finding with the
// JSON's figures, its path and its source place, and one growth chart per
// class that rose at every step; no console error, no request besides the
// page. Saves OUT_DIR/<name>.png.
//   node e2e_series.mjs BIN_DIR BASELINE TARGET FINAL OUT_DIR
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {checkReport} from './browser.mjs';
import {pageData} from './page_data.mjs';

const [binDir, baseline, target, final, outDir] = process.argv.slice(2);
const name = `${path.basename(target).replace(/\.heapsnapshot(\.zst)?$/, '')}-series`;
fs.mkdirSync(outDir, {recursive: true});
const pagePath = path.resolve(outDir, `${name}.html`);

function run(tool, args, allowed = [0]) {
  const result = spawnSync(path.join(binDir, tool), args, {encoding: 'utf8', maxBuffer: 1 << 30});
  assert.ok(allowed.includes(result.status), `${tool} ${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
  return result.stdout;
}

run('heapsleuth-report', ['--quiet', target, '--baseline', baseline, '--final', final, '-o', pagePath]);
const data = pageData(fs.readFileSync(pagePath, 'utf8'));
const series = [baseline, target, final];
assert.deepEqual(data.leaks, JSON.parse(run('heapsleuth-leaks', ['--quiet', '--json', ...series])));
assert.deepEqual(data.growth, JSON.parse(run('heapsleuth-growth', ['--quiet', '--json', ...series])));
assert.deepEqual(data.summary, JSON.parse(run('heapsleuth-summary', ['--quiet', '--json', '--top', '1000', final])));
assert.ok(data.leaks.findings.length >= 1, 'the series has leaks');

await checkReport(name, pagePath, async ({page, pageUrl, requests}) => {
  const cards = await page.$$eval('#leaks article.finding', (nodes) => nodes.map((node) => ({
    kind: node.dataset.kind,
    title: node.querySelector('h3').textContent,
    retained: Number(node.querySelector('.retained').dataset.value),
    count: Number(node.querySelector('.count').dataset.value),
    path: node.querySelector('code.path')?.textContent ?? null,
  })));
  assert.equal(cards.length, data.leaks.findings.length, 'one card per finding');
  data.leaks.findings.forEach((finding, i) => {
    assert.equal(cards[i].kind, finding.kind);
    assert.ok(cards[i].title.includes(finding.subject), `card ${i + 1} names ${finding.subject}`);
    assert.equal(cards[i].retained, finding.retained_size);
    assert.equal(cards[i].count, finding.count);
    if (finding.path) {
      const last = finding.path.steps[finding.path.steps.length - 1].node;
      assert.ok(cards[i].path.endsWith(`${last.label} @${last.id}`), `card ${i + 1}'s path ends at its object`);
    }
  });
  const charts = await page.$$eval('#growth figure.growth', (nodes) => nodes.map((node) => node.dataset.key));
  assert.deepEqual(charts, data.growth.classes.slice(0, 24).map((row) => row.key), 'one chart per growing class');
  assert.ok(await page.$$eval('#growth figure.growth polyline', (lines) => lines.length) >= 2 * charts.length);
  // The rest of the page is the final snapshot's.
  assert.ok(await page.$$eval('#treemap-svg rect', (rects) => rects.length) > 1, 'the treemap draws');
  assert.deepEqual(requests, [pageUrl], 'no request besides the page');
  await page.screenshot({path: path.join(outDir, `${name}.png`), fullPage: true});
  console.log(`${name}: ${cards.length} findings, ${charts.length} growth charts; screenshot ${path.join(outDir, `${name}.png`)}`);
});
