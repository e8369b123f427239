/**
 * Sync benchmark, on PostgreSQL at 127.0.0.1:5432 (a scratch database, dropped after):
 *  1. initial sync of 100,000 events to a fresh desk core (our SQLite storage), against a raw SELECT of the same
 *     rows on the same database;
 *  2. 200 simulated desks pushing and pulling at once: p50/p99 latency and documents per second, against a raw
 *     batched INSERT on the same database;
 *  3. a write at one desk reaching another desk of the same office through the stream.
 * Prints; never asserts (the machine is shared and noisy).
 *
 * Run: `npm run bench:sync [-- events desks]` (default 100000 200). `SYNC_BENCH_ONLY=initial` stops after 1 (a quick
 * loop while working on the initial sync); `SYNC_BENCH_PROFILE=<dir>` writes a CPU profile of the server child (profile
 * the desk with `node --import tsx --cpu-prof bench/sync.ts`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDesk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { inProcessTransport } from '#shared/contract/dispatch';
import type { FetchLike } from '#shared/core/replication-client';
import { getRxStorageSQLite } from '../src-main/storage-sqlite/index';
import { openDatabase } from '../src-server/db/database';
import { migrate } from '../src-server/db/migrations';
import { seedDemoCounty } from '../src-server/services/admin';
import { feedHeads } from '../src-server/services/feed';
import { percentile } from './support/stats';
import type { LoadOrder } from './support/sync-child';
import {
  benchTownships,
  enrol,
  scratchDatabase,
  seedEvents,
  streamLatency,
  type LoadDesk,
  type LoadResult,
} from './support/sync-load';

const EVENTS = Number(process.argv[2] ?? 100_000);
const DESKS = Number(process.argv[3] ?? 200);
// 200 desks of a county spread over its townships (a county has ~10–30): each pull then carries what the
// desk's own township wrote. `-- 100000 200 1` puts every desk in 青山镇, the worst case (every pull carries all
// 200 desks' writes).
const TOWNSHIPS = Number(process.argv[4] ?? 20);
const PER_CASE = 10;
// SYNC_BENCH_ORDER=interleaved: the feed holds the first event of every matter, then the second… (see seedEvents).
const ORDER = process.env.SYNC_BENCH_ORDER === 'interleaved' ? 'interleaved' : 'by-matter';
const log = (line: string) => console.log(line);

const tdb = await scratchDatabase();
const db = await openDatabase({ url: tdb.url, poolSize: 20 });
await migrate(db);
await seedDemoCounty(db, { argon2: { memoryCost: 1024, timeCost: 1 }, scrypt: { N: 2 ** 10 } }); // cheap hashes: logins are not measured here
// The server runs in its own process, as deployed; the desk (initial sync) and the load generator in others.
const child = (role: string, ...args: string[]) =>
  fork(new URL('./support/sync-child.ts', import.meta.url), [role, ...args], {
    execArgv: [
      ...process.execArgv,
      ...(process.env.SYNC_BENCH_PROFILE && role === 'server'
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SYNC_BENCH_PROFILE}`]
        : []),
    ],
  });
const answer = <T>(p: ChildProcess) =>
  new Promise<T>((resolve, reject) => {
    p.once('message', (m) => resolve(m as T));
    p.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
const server = child('server', tdb.url, '20');
const { url } = await answer<{ url: string }>(server);
const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));

try {
  log(
    `# sync benchmark: ${EVENTS} events (${EVENTS / PER_CASE} matters × ${PER_CASE}, feed ${ORDER}), ${DESKS} desks, PostgreSQL ${(await db.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version}`,
  );
  await seedEvents(db, EVENTS / PER_CASE, PER_CASE, ORDER);

  // 1. Initial sync to a fresh desk.
  let start = performance.now();
  const raw = await db.query(
    `SELECT d.body FROM feed f JOIN docs d ON d.collection = f.collection AND d.id = f.doc_id WHERE f.office_id = 'office-qingshan' AND f.collection = 'case_events' ORDER BY f.seq, f.doc_id`,
  );
  const rawMs = performance.now() - start;
  // Time from each pull request to its parsed answer, against the server's own time on it: RxDB sends the next pull
  // as soon as an answer arrives, so a wait far above the server's time is the desk still writing the last page.
  const pulls = { n: 0, ms: 0 };
  const timedFetch: FetchLike = async (u, i) => {
    if (!u.includes('/pull')) return fetch(u, i);
    const t0 = performance.now();
    const response = await fetch(u, i);
    const body: unknown = await response.json();
    pulls.n += 1;
    pulls.ms += performance.now() - t0;
    return { status: response.status, headers: response.headers, body: null, json: async () => body };
  };
  const desk = await createDesk({
    storage: getRxStorageSQLite({ databaseDirectory: dir }),
    name: 'bench-sync',
    sync: { fetch: timedFetch },
  });
  const t = inProcessTransport(desk.api, desk);
  const serverStats = async () => {
    server.send('cpu');
    const { cpu, pullMs } = await answer<{ cpu: NodeJS.CpuUsage; pullMs: number }>(server);
    return { cpuS: (cpu.user + cpu.system) / 1e6, pullMs };
  };
  const server0 = await serverStats();
  const cpu0 = process.cpuUsage();
  start = performance.now();
  await t.invoke('sync-enrol', { login: 'qs-approver', password: DEMO_PASSWORD, serverUrl: url });
  await desk.sync.awaitInSync();
  const syncMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const server1 = await serverStats();
  const arrived = await desk.db.case_events.count().exec();
  log(
    `initial sync: ${arrived} events in ${(syncMs / 1000).toFixed(2)} s = ${Math.round(arrived / (syncMs / 1000))} documents/s (target ≥ 10,000/s, < 10 s)`,
  );
  log(
    `  raw SELECT of the same ${raw.rows.length} rows: ${rawMs.toFixed(0)} ms → sync/raw = ${(syncMs / rawMs).toFixed(1)}×`,
  );
  // The desk's CPU time is the steadier figure on a shared machine: wall time includes waiting for a core.
  log(
    `  CPU: desk process ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, server process ${(server1.cpuS - server0.cpuS).toFixed(2)} s`,
  );
  log(
    `  ${pulls.n} pulls: ${(pulls.ms / 1000).toFixed(2)} s waiting for answers at the desk, ${((server1.pullMs - server0.pullMs) / 1000).toFixed(2)} s answering in the server (sums)`,
  );
  start = performance.now();
  while ((await desk.db.cases.count().exec()) < EVENTS / PER_CASE && performance.now() - start < 120_000)
    await new Promise((r) => setTimeout(r, 200));
  log(
    `  projections of ${await desk.db.cases.count().exec()} matters ready ${((performance.now() - start) / 1000).toFixed(1)} s after the events`,
  );
  await desk.close();
  if (process.env.SYNC_BENCH_ONLY !== 'initial') await manyDesksAndStream();
} finally {
  server.send('stop');
  await new Promise((resolve) => server.once('exit', resolve));
  await db.close();
  await tdb.drop();
  rmSync(dir, { recursive: true, force: true });
}

/** Parts 2 and 3: many desks at once, then stream latency between two desks of one office. */
async function manyDesksAndStream(): Promise<void> {
  // 2. Many desks at once.
  const townships = await benchTownships(db, TOWNSHIPS);
  const desks: LoadDesk[] = [];
  for (let i = 0; i < DESKS; i++) {
    const t = townships[i % townships.length]!;
    desks.push({
      tokens: await enrol(url, t.login),
      actor: { userId: t.userId, officeId: t.officeId, role: 'receptionist' },
      secretKey: t.secretKey,
      head: (await feedHeads(db, t.officeId, ['case_events'])).get('case_events') ?? null,
    });
  }
  const tokens = desks.map((d) => d.tokens);
  const ROUNDS = 10;
  const BATCH = 10;
  const ms = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms`;
  let docsPerS = 0;
  // Back to back (a stress test: 200 requests always in flight) and paced (each desk a round every 2 s).
  for (const [run, intervalMs] of [0, 2_000].entries()) {
    const atHead: LoadDesk[] = []; // each run starts at its feed's head, as an up-to-date desk would
    for (const d of desks)
      atHead.push({ ...d, head: (await feedHeads(db, d.actor.officeId, ['case_events'])).get('case_events') ?? null });
    const loader = child('load');
    const order: LoadOrder = { url, desks: atHead, rounds: ROUNDS, batch: BATCH, intervalMs, run };
    loader.send(order);
    const load = await answer<LoadResult>(loader);
    const rate = load.documents / load.seconds;
    if (intervalMs === 0) docsPerS = rate;
    const how = intervalMs === 0 ? 'no pause' : `a round every ${intervalMs / 1000} s per desk`;
    log(
      `${DESKS} desks in ${townships.length} township(s) × ${ROUNDS} rounds of (push ${BATCH} events, pull), ${how}: ${load.latencies.length} requests in ${load.seconds.toFixed(1)} s`,
    );
    log(
      `  latency ${ms(load.latencies)} (target p99 < 250 ms); ${Math.round(rate)} documents/s (${Math.round(load.pulled / (load.latencies.length / 2))} pulled a pull)`,
    );
    log(`    push ${ms(load.push)}; pull ${ms(load.pull)}`);
  }
  await db.query('CREATE TABLE bench_raw (id text PRIMARY KEY, body jsonb)');
  const rows = Array.from({ length: 20_000 }, (_, i) => ({
    id: `raw-${i}`,
    body: { i, text: '备注：已电话联系信访人，约定下周面谈。' },
  }));
  const start = performance.now();
  for (let i = 0; i < rows.length; i += 1_000) {
    await db.query(
      'INSERT INTO bench_raw SELECT x.id, x.body FROM jsonb_to_recordset($1::jsonb) AS x(id text, body jsonb)',
      [JSON.stringify(rows.slice(i, i + 1_000))],
    );
  }
  const rawInsert = rows.length / ((performance.now() - start) / 1000);
  log(
    `  raw batched INSERT (1,000 rows a statement): ${Math.round(rawInsert)} rows/s → sync/raw = ${(docsPerS / rawInsert).toFixed(2)}`,
  );

  // 3. Stream latency between two desks of one office.
  // Desks i and i + townships share an office (with one desk, it reads its own writes).
  const s = await streamLatency(url, tokens[0]!, tokens[Math.min(townships.length, DESKS - 1)]!, 20);
  log(
    `stream: a push at one desk reaches another desk of the office in p50 ${s.p50.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (target < 1 s)`,
  );
}
