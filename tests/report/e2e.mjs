// End-to-end test of heapsleuth-report's page in headless Chromium (Debian's
// /usr/bin/chromium, driven by puppeteer-core): the report of SAMPLE loads
// with no console error and no request besides itself, the figures shown are
// the embedded JSON's (and that JSON is heapsleuth-summary's), the treemap
// draws and zooms on a click and back, the class table sorts by the clicked
// column and filters. Saves OUT_DIR/<sample>.png (the test artifact) and
// prints the page's load time (never asserted).
//   node e2e.mjs BIN_DIR SAMPLE OUT_DIR
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {checkReport} from './browser.mjs';
import {pageData} from './page_data.mjs';

const [binDir, sample, outDir] = process.argv.slice(2);
const name = path.basename(sample, '.heapsnapshot');
fs.mkdirSync(outDir, {recursive: true});
const pagePath = path.resolve(outDir, `${name}.html`);

function run(tool, args) {
  const result = spawnSync(path.join(binDir, tool), args, {encoding: 'utf8', maxBuffer: 1 << 30});
  assert.equal(result.status, 0, `${tool} ${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
  return result.stdout;
}

run('heapsleuth-report', ['--quiet', sample, '-o', pagePath]);
const html = fs.readFileSync(pagePath, 'utf8');
const data = pageData(html);
// The page's summary is the tool's own JSON, figure for figure.
assert.deepEqual(data.summary, JSON.parse(run('heapsleuth-summary', ['--quiet', '--json', '--top', '1000', sample])));
const tree = data.dominator_tree;
console.log(`${name}: page ${html.length} bytes, ${tree.nodes.length} tree nodes, ${data.summary.classes.length} classes`);

await checkReport(name, pagePath, async ({page, pageUrl, requests}) => {
  const loadMs = await page.evaluate(() => performance.now());
  console.log(`${name}: ready ${loadMs.toFixed(0)} ms after navigation start (not asserted)`);

  // Figures: the summary cards and the statistics legend.
  const stats = data.summary.statistics;
  const value = (selector) => page.$eval(selector, (node) => Number(node.dataset.value));
  assert.equal(await value('#stat-total'), stats.total);
  assert.equal(await value('#stat-v8heap'), stats.v8heap.total);
  assert.equal(await value('#stat-native'), stats.native.total);
  const slices = await page.$$eval('#stats-legend td[data-value]', (cells) => cells.map((c) => Number(c.dataset.value)));
  assert.equal(slices.reduce((a, b) => a + b, 0), stats.total, 'the statistics slices add up to the total');
  assert.ok(await page.$$eval('#stats-chart circle', (circles) => circles.length) >= 1, 'the statistics chart draws');

  // The treemap draws, from the root.
  const svg = '#treemap-svg';
  assert.ok(await page.$$eval(`${svg} rect`, (rects) => rects.length) > 1, 'the treemap draws rectangles');
  assert.equal(await page.$eval(svg, (node) => node.getAttribute('data-root')), '0');
  const crumbText = () => page.$$eval('#treemap-crumbs [data-index]', (nodes) => nodes.map((n) => n.dataset.index));
  assert.deepEqual(await crumbText(), ['0']);
  // The largest zoomable rectangle: hover shows its exact retained size, a
  // click on its header zooms into it.
  const target = await page.$$eval(`${svg} rect.zoomable`, (rects) => {
    let best = null;
    for (const rect of rects) {
      const area = rect.width.baseVal.value * rect.height.baseVal.value;
      if (!best || area > best.area) best = {area, index: Number(rect.dataset.index)};
    }
    return best;
  });
  assert.ok(target, 'some rectangle is zoomable');
  const rect = await page.$(`${svg} rect[data-index="${target.index}"]`);
  const box = await rect.boundingBox();
  await page.mouse.move(box.x + 5, box.y + 5);
  const tip = await page.$eval('#treemap-tooltip', (node) => node.textContent);
  const node = tree.nodes[target.index];
  assert.ok(tip.includes(`${node.retained_size.toLocaleString('en-US')} B`), `tooltip "${tip}" shows the retained size`);
  await page.mouse.click(box.x + 5, box.y + 5);
  assert.equal(await page.$eval(svg, (n) => n.getAttribute('data-root')), String(target.index), 'a click zooms');
  const expectedPath = [];
  for (let i = target.index; i !== null; i = tree.nodes[i].parent) expectedPath.unshift(String(i));
  assert.deepEqual(await crumbText(), expectedPath, 'the breadcrumb shows the path from the root');
  assert.ok(await page.$$eval(`${svg} rect`, (rects) => rects.length) >= 1);
  await page.click('#treemap-crumbs button[data-index="0"]');
  assert.equal(await page.$eval(svg, (n) => n.getAttribute('data-root')), '0', 'the breadcrumb zooms out');

  // The class table: every row's figures are the JSON's.
  const tableRows = () => page.$$eval('#class-table tbody tr', (rows) => rows.map((row) => ({
    index: Number(row.dataset.row), name: row.cells[0].textContent,
    values: [...row.cells].slice(1).map((cell) => Number(cell.dataset.value)),
  })));
  const classes = data.summary.classes;
  let rows = await tableRows();
  assert.equal(rows.length, classes.length);
  for (const row of rows) {
    const c = classes[row.index];
    assert.equal(row.name, c.name);
    assert.deepEqual(row.values, [c.distance, c.count, c.self_size, c.retained_size]);
  }
  const initial = rows.map((row) => row.index);
  // Sorting: by objects, descending then ascending; by name.
  const sortedBy = (list, key, sign) =>
      list.every((row, i) => i === 0 || sign * (classes[list[i - 1].index][key] - classes[row.index][key]) >= 0);
  await page.click('#class-table th[data-key="count"]');
  rows = await tableRows();
  assert.ok(sortedBy(rows, 'count', 1), 'sorted by count, descending');
  assert.notDeepEqual(rows.map((row) => row.index), initial, 'the order changed');
  assert.equal(await page.$eval('#class-table th[data-key="count"]', (th) => th.getAttribute('aria-sort')), 'descending');
  await page.click('#class-table th[data-key="count"]');
  rows = await tableRows();
  assert.ok(sortedBy(rows, 'count', -1), 'sorted by count, ascending');
  await page.click('#class-table th[data-key="name"]');
  rows = await tableRows();
  assert.ok(rows.every((row, i) => i === 0 || rows[i - 1].name <= row.name), 'sorted by name');
  // Filtering: the rows whose name holds the text, whatever the case.
  const needle = classes.find((c) => c.name.length >= 4 && /^[A-Za-z]/.test(c.name))?.name.slice(0, 4) ?? 'a';
  await page.type('#class-filter', needle.toUpperCase());
  rows = await tableRows();
  const expected = classes.filter((c) => c.name.toLowerCase().includes(needle.toLowerCase())).length;
  assert.equal(rows.length, expected, `filter "${needle.toUpperCase()}"`);
  assert.ok(expected >= 1 && expected < classes.length);
  await page.$eval('#class-filter', (input) => { input.value = ''; input.dispatchEvent(new Event('input')); });
  await page.click('#class-table th[data-key="retained_size"]');

  // Nothing fetched but the page itself.
  assert.deepEqual(requests, [pageUrl], 'no request besides the page');
  await page.screenshot({path: path.join(outDir, `${name}.png`), fullPage: true});
  console.log(`${name}: screenshot ${path.join(outDir, `${name}.png`)}`);
});
