// heapsleuth-leaks on the shared corpus (../shared/corpus: real node and
// Chromium leak scenarios, each s1/s2/s3 with an EXPECTED.md): each leak is
// ranked first and names its culprit; the controls give no finding. Run by
// hand when the corpus is there; ctest runs check_scenarios.mjs on samples/.
//
//   node run_corpus.mjs BIN_DIR [CORPUS_DIR]
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const [binDir, corpus = path.join(here, '../../../shared/corpus')] = process.argv.slice(2);
if (!fs.existsSync(corpus)) {
  console.log(`no corpus at ${corpus}; nothing to check`);
  process.exit(0);
}

// Scenario → what the first finding must say (kind and a word of its subject,
// path or place), or null for a control that must give nothing.
const expected = {
  'node/array-growth': {kind: 'unbounded-collection', words: ['__records', 'LeakyRecord']},
  'node/array-growth-tracked': {kind: 'unbounded-collection', words: ['__records', 'LeakyRecord']},
  'node/map-cache': {kind: 'unbounded-collection', words: ['__cache', 'CacheEntry']},
  'node/closure-capture': {kind: 'closure-capture', words: ['captureHuge', 'huge']},
  'node/event-listeners': {kind: 'listener-accumulation', words: ['onTick', 'buf']},
  'node/control-transient': null,
  'chromium/detached-dom': {kind: 'detached-dom', words: ['leaky-panel', '__detached', 'DetachedHolder']},
  'chromium/detached-dom-tracked': {kind: 'detached-dom', words: ['leaky-panel', '__detached', 'DetachedHolder']},
  'chromium/detached-listener': {kind: 'detached-', words: ['button', '__buttons']},
  'chromium/control-clean': null,
};

let failures = 0;
for (const [scenario, want] of Object.entries(expected)) {
  const files = [1, 2, 3].map(i => path.join(corpus, scenario, `s${i}.heapsnapshot.zst`));
  const run = spawnSync(path.join(binDir, 'heapsleuth-leaks'), ['--quiet', '--json', ...files],
                        {encoding: 'utf8', maxBuffer: 256 << 20});
  if (run.status !== 0) {
    console.log(`FAIL ${scenario}: exit ${run.status}: ${run.stderr}`);
    failures++;
    continue;
  }
  const {findings} = JSON.parse(run.stdout);
  const summary = findings.map(f => `${f.kind}: ${f.subject} (${f.count}, ${f.retained_size} B)`);
  if (want === null) {
    const ok = findings.length === 0;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${scenario}: ${ok ? 'no finding' : summary.join('; ')}`);
    failures += ok ? 0 : 1;
    continue;
  }
  const first = findings[0];
  const text = first ? JSON.stringify([first.subject, first.path, first.place, first.items]) : '';
  const ok = first && first.kind.startsWith(want.kind) && want.words.every(w => text.includes(w));
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${scenario}: ${summary.slice(0, 3).join('; ')}`);
  failures += ok ? 0 : 1;
}
console.log(failures === 0 ? 'all corpus scenarios pass' : `${failures} corpus scenarios failed`);
process.exit(failures === 0 ? 0 : 1);
