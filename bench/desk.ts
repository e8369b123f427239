/**
 * Desk core benchmark (issue 4): 100,000 matters with their events on our SQLite storage, measured through the
 * in-process transport exactly as the renderer calls the core. Prints p50/p95 of each handler and the ratio of
 * `case-list` to the same query in raw SQL on the same file (a plain table with real columns and an index:
 * the physical limit). Never asserts: the machine is shared and noisy.
 *
 * Run: `npx tsx bench/desk.ts [matters]` (default 100000).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createDesk } from '#shared/core/desk';
import { DEMO_PASSWORD, seedDemo } from '#shared/core/demo';
import { inProcessTransport } from '#shared/contract/dispatch';
import type { RegistrationInput } from '#shared/domain/registration';
import { getRxStorageSQLite } from '../src-main/storage-sqlite/index';
import { caseRow, rng, syntheticMatter } from './support/synthetic';
import { ms, time, type Timing } from './support/stats';

const MATTERS = Number(process.argv[2] ?? 100_000);
const BATCH = 2_000;
const RUNS = 40;

const dir = mkdtempSync(join(tmpdir(), 'bench-desk-'));
const clock = { now: new Date('2026-11-20T02:00:00Z') };
const desk = await createDesk({ storage: getRxStorageSQLite({ databaseDirectory: dir }), name: 'bench', clock: () => clock.now });
await seedDemo(desk.db, { N: 2 ** 10 });

const r = rng(4_2025);
const sample: { caseId: string; idNumber: string; initials: string; text: string }[] = [];
const rawRows: [string, string, string, string][] = [];
const loadStart = performance.now();
for (let start = 0; start < MATTERS; start += BATCH) {
  const matters = Array.from({ length: Math.min(BATCH, MATTERS - start) }, (_, k) => syntheticMatter(start + k, r, 'office-qingshan', 'user-qs-handler'));
  const rows = matters.map(caseRow);
  await desk.db.petitioners.bulkInsert(matters.map((m) => m.petitioner));
  await desk.db.petitions.bulkInsert(matters.map((m) => m.petition));
  await desk.db.case_events.bulkInsert(matters.flatMap((m) => m.events));
  await desk.db.cases.bulkInsert(rows);
  for (const row of rows) rawRows.push([row.id, row.status, row.nextDue, JSON.stringify(row)]);
  if (start % 20_000 === 0) {
    const m = matters[0]!;
    sample.push({ caseId: m.petition.caseId, idNumber: m.petitioner.idNumber, initials: m.petitioner.nameInitials, text: `${m.petition.request}\n${m.petition.facts}` });
  }
}
const loadSeconds = (performance.now() - loadStart) / 1000;

const t = inProcessTransport(desk.api, desk, (e) => console.error(e));
await t.invoke('session-login', { login: 'qs-handler', password: DEMO_PASSWORD });
const pick = <T>(items: readonly T[], i: number) => items[Math.abs(i) % items.length]!;

const walkIn = (i: number): RegistrationInput => ({
  channel: 'visit',
  receivedAt: clock.now.toISOString(),
  petitioners: [{ kind: 'person', name: '测试群众', phone: `139${String(10_000_000 + i + 100).padStart(8, '0')}`, address: '青山镇东村1号' }],
  headcount: 1,
  request: '要求解决村组道路损坏问题',
  facts: '村组道路损坏多年无人修缮',
  reasons: '雨天无法通行',
  flags: [],
  accusedOfficeIds: [],
});

const listArgs = { filter: { status: ['accepted' as const], overdue: true }, sort: { field: 'nextDue' as const, direction: 'asc' as const }, page: { offset: 0, limit: 50 } };
const results: [string, Timing][] = [];
results.push(['petition-register', await time(RUNS, (i) => t.invoke('petition-register', { registration: walkIn(i + 10), matter: { kind: 'new' } }))]);
results.push(['case-list (已受理 + 逾期, first page of 50, with total)', await time(RUNS, () => t.invoke('case-list', listArgs))]);
results.push(['case-list (all, newest first, page 50)', await time(RUNS, () => t.invoke('case-list', {}))]);
results.push(['case-get', await time(RUNS, (i) => t.invoke('case-get', { id: pick(sample, i).caseId }))]);
results.push(['petitioner-search by 证件号码 (prefix of 12)', await time(RUNS, (i) => t.invoke('petitioner-search', { query: pick(sample, i).idNumber.slice(0, 12) }))]);
results.push(['petitioner-search by pinyin initials', await time(RUNS, (i) => t.invoke('petitioner-search', { query: pick(sample, i).initials }))]);
const coldStart = performance.now();
await t.invoke('petition-find-similar', { petitioners: [], text: sample[0]!.text });
const coldMs = performance.now() - coldStart;
results.push(['petition-find-similar over all matters (warm)', await time(RUNS, (i) => t.invoke('petition-find-similar', { petitioners: [{ idNumber: pick(sample, i).idNumber }], text: pick(sample, i).text }))]);

// The same case-list query in raw SQL, on the same file: a plain table with real columns and an index.
const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') || f.endsWith('.db'));
const raw = new Database(join(dir, file ?? 'bench.sqlite'));
raw.exec('CREATE TABLE bench_raw_cases (id TEXT PRIMARY KEY, status TEXT, next_due TEXT, data TEXT); CREATE INDEX bench_raw_status_due ON bench_raw_cases(status, next_due)');
const insert = raw.prepare('INSERT INTO bench_raw_cases VALUES (?, ?, ?, ?)');
raw.transaction(() => rawRows.forEach((row) => insert.run(...row)))();
const page = raw.prepare("SELECT data FROM bench_raw_cases WHERE status = 'accepted' AND next_due < ? ORDER BY next_due LIMIT 50").pluck();
const count = raw.prepare("SELECT count(*) FROM bench_raw_cases WHERE status = 'accepted' AND next_due < ?").pluck();
const rawTiming = await time(RUNS, () => {
  const rows = (page.all('2026-11-20') as string[]).map((d) => JSON.parse(d) as unknown);
  return [rows, count.get('2026-11-20')];
});
raw.close();

const listTiming = results[1]![1];
console.log(`\n桌面核心基准 desk core benchmark: ${MATTERS.toLocaleString()} matters on SQLite (worker thread), ${RUNS} runs each`);
console.log(`load (bulk insert of petitioners, petitions, events, projections): ${loadSeconds.toFixed(1)} s`);
console.log('| handler | p50 | p95 |');
console.log('|---|---|---|');
for (const [name, timing] of results) console.log(`| ${name} | ${ms(timing.p50)} | ${ms(timing.p95)} |`);
console.log(`| raw SQL: same case-list query (page + count) | ${ms(rawTiming.p50)} | ${ms(rawTiming.p95)} |`);
console.log(`\ncase-list ÷ raw SQL: p50 ${(listTiming.p50 / rawTiming.p50).toFixed(1)}×, p95 ${(listTiming.p95 / rawTiming.p95).toFixed(1)}×`);
console.log(`find-similar cold start (loads the repeat index once): ${ms(coldMs)}`);
console.log('targets: register p95 < 30 ms, case-list p95 < 50 ms, find-similar p95 < 150 ms');

await desk.close();
rmSync(dir, { recursive: true, force: true });
