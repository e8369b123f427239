/**
 * Desk core benchmark: 100,000 cases with their events on our SQLite storage, measured twice: the way the
 * Electron app runs the core (in the desk host's core process, each call one message hop from the main process),
 * and in-process for comparison. Prints p50/p95 of each handler and the ratio of `case-list` to the same query in
 * raw SQL on the same data (a plain table with real columns and an index: the physical limit). Never asserts: the
 * machine is shared and noisy.
 *
 * Run: `npx tsx bench/desk.ts [cases]` (default 100000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { inProcessTransport } from '#shared/contract/dispatch';
import type { Transport } from '#shared/contract/transport';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { seedDemo } from '#shared/core/demo';
import { createDesk } from '#shared/core/desk';
import type { RegistrationInput } from '#shared/domain/registration';
import { startDeskHostWithHooks } from '../src-main/desk-host/worker-hooks';
import { getRxStorageSQLite } from '../src-main/storage-sqlite/index';
import { loadCases, caseBatches, sampleOf, type Sample } from './support/desk-load';
import { ms, time, type Timing } from './support/stats';

const CASES = Number(process.argv[2] ?? 100_000);
const RUNS = 40;
const NOW = new Date('2026-11-20T02:00:00Z');
const pick = <T>(items: readonly T[], i: number) => items[Math.abs(i) % items.length]!;

// The same deterministic cases the loads write: the samples the calls ask for, and the raw table's rows.
const samples: Sample[] = [];
const rawRows: [string, string, string, string][] = [];
let batchIndex = 0;
for (const { cases, rows } of caseBatches(CASES)) {
  const sample = sampleOf(batchIndex++, cases);
  if (sample) samples.push(sample);
  for (const row of rows) rawRows.push([row.id, row.status, row.nextDue, JSON.stringify(row)]);
}

const walkIn = (i: number): RegistrationInput => ({
  channel: 'visit',
  receivedAt: NOW.toISOString(),
  petitioners: [
    {
      kind: 'person',
      name: '测试群众',
      phone: `139${String(10_000_000 + i + 100).padStart(8, '0')}`,
      address: '青山镇东村1号',
    },
  ],
  headcount: 1,
  request: '要求解决村组道路损坏问题',
  facts: '村组道路损坏多年无人修缮',
  reasons: '雨天无法通行',
  flags: [],
  accusedOfficeIds: [],
});
const listArgs = {
  filter: { status: ['accepted' as const], overdue: true },
  sort: { field: 'nextDue' as const, direction: 'asc' as const },
  page: { offset: 0, limit: 50 },
};

type Run = { label: string; loadSeconds: number; results: [string, Timing][]; coldMs: number };

async function measure(t: Transport, label: string, loadSeconds: number, offset: number): Promise<Run> {
  await t.invoke('session-login', { login: 'qs-handler', password: DEMO_PASSWORD });
  const results: [string, Timing][] = [];
  // Each run registers its own walk-ins (offset), so the phones never collide with the other run's.
  results.push([
    'petition-register',
    await time(RUNS, (i) =>
      t.invoke('petition-register', { registration: walkIn(offset + i + 10), case: { kind: 'new' } }),
    ),
  ]);
  results.push([
    'case-list (已受理 + 逾期, first page of 50, with total)',
    await time(RUNS, () => t.invoke('case-list', listArgs)),
  ]);
  results.push(['case-list (all, newest first, page 50)', await time(RUNS, () => t.invoke('case-list', {}))]);
  results.push(['case-get', await time(RUNS, (i) => t.invoke('case-get', { id: pick(samples, i).caseId }))]);
  results.push([
    'petitioner-search by 证件号码 (prefix of 12)',
    await time(RUNS, (i) => t.invoke('petitioner-search', { query: pick(samples, i).idNumber.slice(0, 12) })),
  ]);
  results.push([
    'petitioner-search by pinyin initials',
    await time(RUNS, (i) => t.invoke('petitioner-search', { query: pick(samples, i).initials })),
  ]);
  const coldStart = performance.now();
  await t.invoke('petition-find-similar', { petitioners: [], text: pick(samples, 0).text });
  const coldMs = performance.now() - coldStart;
  results.push([
    'petition-find-similar over all cases (warm)',
    await time(RUNS, (i) =>
      t.invoke('petition-find-similar', {
        petitioners: [{ idNumber: pick(samples, i).idNumber }],
        text: pick(samples, i).text,
      }),
    ),
  ]);
  return { label, loadSeconds, results, coldMs };
}

async function inDeskHost(dir: string): Promise<Run> {
  process.env.DESK_BENCH_CASES = String(CASES); // the worker inherits it; desk-load.ts reads it there
  const start = performance.now();
  const host = await startDeskHostWithHooks({
    databaseDirectory: dir,
    name: 'bench',
    clockAt: NOW.toISOString(),
    seedDemo: true,
    demoPasswordCost: { N: 2 ** 10 },
    workerModules: [new URL('./support/desk-load.ts', import.meta.url).href],
  });
  const loadSeconds = (performance.now() - start) / 1000;
  try {
    return await measure(host.transport, 'desk host (core process, as the app runs it)', loadSeconds, 0);
  } finally {
    await host.close();
  }
}

async function inProcess(dir: string): Promise<Run> {
  const desk = await createDesk({
    storage: getRxStorageSQLite({ databaseDirectory: dir }),
    name: 'bench',
    clock: () => NOW,
  });
  try {
    await seedDemo(desk.db, { N: 2 ** 10 });
    const start = performance.now();
    await loadCases(desk, CASES);
    const loadSeconds = (performance.now() - start) / 1000;
    return await measure(
      inProcessTransport(desk.api, desk, (e) => console.error(e)),
      'in-process',
      loadSeconds,
      1_000,
    );
  } finally {
    await desk.close();
  }
}

/** The same case-list query in raw SQL: a plain table with real columns and an index. */
async function rawCaseList(dir: string): Promise<Timing> {
  const raw = new Database(join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.exec(
    'CREATE TABLE bench_raw_cases (id TEXT PRIMARY KEY, status TEXT, next_due TEXT, data TEXT); CREATE INDEX bench_raw_status_due ON bench_raw_cases(status, next_due)',
  );
  const insert = raw.prepare('INSERT INTO bench_raw_cases VALUES (?, ?, ?, ?)');
  raw.transaction(() => rawRows.forEach((row) => insert.run(...row)))();
  const page = raw
    .prepare("SELECT data FROM bench_raw_cases WHERE status = 'accepted' AND next_due < ? ORDER BY next_due LIMIT 50")
    .pluck();
  const count = raw.prepare("SELECT count(*) FROM bench_raw_cases WHERE status = 'accepted' AND next_due < ?").pluck();
  const timing = await time(RUNS, () => {
    const rows = (page.all('2026-11-20') as string[]).map((d) => JSON.parse(d) as unknown);
    return [rows, count.get('2026-11-20')];
  });
  raw.close();
  return timing;
}

const root = mkdtempSync(join(tmpdir(), 'bench-desk-'));
try {
  const runs = [await inDeskHost(join(root, 'host')), await inProcess(join(root, 'in-process'))];
  const raw = await rawCaseList(root);
  console.log(`\n桌面核心基准 desk core benchmark: ${CASES.toLocaleString()} cases on SQLite, ${RUNS} runs each`);
  for (const run of runs)
    console.log(
      `load, ${run.label}: ${run.loadSeconds.toFixed(1)} s (petitioners, petitions, events, projections in batches of 2,000${run === runs[0] ? '; with worker start-up and demo seed' : ''})`,
    );
  console.log(`\n| handler | ${runs.map((r) => `${r.label} p50 | p95`).join(' | ')} |`);
  console.log(`|---|${runs.map(() => '---|---').join('|')}|`);
  runs[0]!.results.forEach(([name], i) => {
    console.log(
      `| ${name} | ${runs.map((r) => `${ms(r.results[i]![1].p50)} | ${ms(r.results[i]![1].p95)}`).join(' | ')} |`,
    );
  });
  console.log(
    `| raw SQL: same case-list query (page + count) | ${runs.map(() => `${ms(raw.p50)} | ${ms(raw.p95)}`).join(' | ')} |`,
  );
  console.log('');
  for (const run of runs) {
    const list = run.results[1]![1];
    console.log(
      `${run.label}: case-list ÷ raw SQL p50 ${(list.p50 / raw.p50).toFixed(1)}×, p95 ${(list.p95 / raw.p95).toFixed(1)}×; find-similar cold start ${ms(run.coldMs)}`,
    );
  }
  console.log('targets: register p95 < 30 ms, case-list p95 < 50 ms, find-similar p95 < 150 ms');
} finally {
  rmSync(root, { recursive: true, force: true });
}
