// Make one big, realistic Node.js heap snapshot (for benchmarks; never checked in).
//
//   node make-big.mjs OUT.heapsnapshot MB [--units N] [--series]
//
// With --series, three snapshots of one process for the leaks benchmark (tests/bench/leaks.sh):
// OUT with -s1, -s2, -s3 before .heapsnapshot. s1 is the graph above; before s2 and again before
// s3 an action adds 5% more units (users indexed and listed, sessions cached, handlers kept), so
// the user list, the index and the session cache grow at every step: an unbounded-collection leak
// at production size. MB is then the size of s1.
//
// One node process builds a live object graph of N "units", then v8.writeHeapSnapshot(OUT).
// A unit is a small app-like graph: a User record (string and number properties) with an orders
// array of Order objects (each pointing back to its user: a cycle), a Map of tags, a Set of
// roles, a shared Org (many users per org; the org's Set points back at its users: cycles), a
// shared config object (one for all), a closure onUserEvent capturing the user (every 4th unit),
// a bigger array every 16th unit, an index Map (second path to every user) and a session cache
// that only grows (a leak-like Map holding every 8th user's Session).
// N is computed from MB (about 1.95 KB of snapshot per unit over a ~4 MB bare-process base;
// calibrated on node v20.20.2) unless --units is given. The real size is printed; it lands
// within a few percent of MB.
// The graph is built in a child process with a big enough --max-old-space-size. Peak memory is
// about 6.5x the file size (RSS 0.66 GB for a 100 MB file), so a 500 MB file needs ~3.3 GB of RAM.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import fs from 'node:fs';
import path from 'node:path';

const BASE_BYTES = 3.95e6;      // bare node 20 process
const BYTES_PER_UNIT = 1945;    // measured with node v20.20.2

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(args[1], +args[2], args[3] === 'series');
} else {
  const [out, mbArg] = args;
  const ui = args.indexOf('--units');
  if (!out || !(+mbArg > 0 || ui > 0)) { console.error('usage: node make-big.mjs OUT.heapsnapshot MB [--units N] [--series]'); process.exit(2); }
  const series = args.includes('--series');
  const mb = +mbArg || 0;
  const units = ui > 0 ? +args[ui + 1] : Math.max(1, Math.round((mb * 1e6 - BASE_BYTES) / BYTES_PER_UNIT));
  // The live JS heap is ~0.7x the file size; leave generous headroom.
  const heapMB = Math.max(2048, Math.ceil(mb * 2) + 1024);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMB}`, fileURLToPath(import.meta.url), '--child', path.resolve(out), String(units), series ? 'series' : 'one'], { stdio: 'inherit' });
  if (r.status !== 0) { console.error('child failed', r.status, r.signal ?? ''); process.exit(r.status ?? 1); }
  if (series) process.exit(0);  // The child printed each file.
  const bytes = fs.statSync(out).size;
  const total = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`wrote ${out}: ${(bytes / 1e6).toFixed(1)} MB (asked ${mb || '-'} MB), ${units} units, total ${total.toFixed(1)} s`);
}

function child(out, units, series) {
  class User {
    constructor(i, org) {
      this.id = i; this.name = 'user-' + i; this.email = `u${i}@example.test`; this.score = i * 1.5;
      this.age = 18 + (i % 60); this.org = org; this.orders = []; this.tags = new Map(); this.roles = new Set();
    }
  }
  class Order {
    constructor(i, user) {
      this.orderId = i; this.total = (i % 1000) / 10; this.status = ['new', 'paid', 'shipped'][i % 3];
      this.user = user; this.items = [i, i + 1, i + 2];
    }
  }
  class Org { constructor(i) { this.orgId = i; this.title = 'org-' + i; this.members = new Set(); } }
  class Session { constructor(user, i) { this.user = user; this.token = 'tok-' + i.toString(36) + '-' + (i * 7919).toString(16); this.startedAt = 1700000000000 + i; } }

  const t0 = process.hrtime.bigint();
  const orgs = Array.from({ length: Math.max(1, units >> 8) }, (_, i) => new Org(i)); // shared objects
  const shared = { config: { locale: 'en', flags: [1, 2, 3], limits: { maxOrders: 100 } } };
  const users = [];
  const index = new Map();
  const handlers = [];
  const sessionCache = new Map();
  const roleNames = ['admin', 'editor', 'viewer', 'billing'];
  const addUnit = i => {
    const org = orgs[i % orgs.length];
    const u = new User(i, org);
    org.members.add(u);                                    // cycle user <-> org
    for (let k = 0; k < 3; k++) u.orders.push(new Order(i * 3 + k, u)); // cycles order -> user
    u.tags.set('tier', i % 5).set('label', 'lbl-' + (i % 97)).set('cfg', shared.config); // sharing
    u.roles.add(roleNames[i % 4]); if (i % 3 === 0) u.roles.add(roleNames[(i + 1) % 4]);
    index.set(u.name, u);
    if (i % 4 === 0) handlers.push(function onUserEvent(ev) { return u.id + ev; }); // closures capturing u
    if (i % 8 === 0) sessionCache.set(u.email, new Session(u, i));                  // grows, never evicted
    if (i % 16 === 0) u.blob = new Array(32).fill(i);                               // some bigger arrays
    return u;
  };
  for (let i = 0; i < units; i++) addUnit(i);
  for (const u of index.values()) users.push(u);           // second path to every user
  globalThis.__big = { orgs, users, index, handlers, shared, sessionCache };
  const write = file => {
    const t1 = process.hrtime.bigint();
    v8.writeHeapSnapshot(file);
    const t2 = process.hrtime.bigint();
    const mu = process.memoryUsage();
    console.log(JSON.stringify({
      file: path.basename(file), units: index.size, bytes: fs.statSync(file).size,
      build_seconds: +(Number(t1 - t0) / 1e9).toFixed(2), write_seconds: +(Number(t2 - t1) / 1e9).toFixed(2),
      heapUsed_MB: Math.round(mu.heapUsed / 1e6), rss_MB: Math.round(mu.rss / 1e6),
      node: process.version, v8: process.versions.v8,
    }));
  };
  if (!series) {
    write(out);
    return;
  }
  const named = step => out.replace(/(\.heapsnapshot)?$/, `-s${step}.heapsnapshot`);
  write(named(1));
  for (const step of [2, 3]) {
    const from = index.size;
    for (let i = from; i < from + Math.max(1, Math.round(units / 20)); i++) users.push(addUnit(i));
    write(named(step));
  }
}
