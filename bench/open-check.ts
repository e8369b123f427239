/**
 * The cost of the open-time fold check (Projector.catchUp): a desk of N cases (default 10,000)
 * on SQLite, opened again and again, with and without the check, in the same run:
 *  - first open after the upgrade (no checkpoint yet: every event is read and every matter counted once);
 *  - a steady open (checkpoint stored, nothing written since);
 *  - an open after a session of `touched` new events (default 200, one per matter) whose folds a kill lost.
 * Prints the medians and the ratios; never asserts (the machine is shared and noisy).
 *
 * Run: `npx tsx bench/open-check.ts [cases] [touched]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk } from '#shared/core/desk';
import { seedDemo } from '#shared/core/demo';
import { Projector } from '#shared/core/projector';
import { getRxStorageSQLite } from '../src-main/storage-sqlite/index';
import { loadCases, caseBatches } from './support/desk-load';

const CASES = Number(process.argv[2] ?? 10_000);
const TOUCHED = Number(process.argv[3] ?? 200);
const RUNS = 7;
const NOW = new Date('2026-11-20T02:00:00Z');
const catchUp = Projector.prototype.catchUp;

const root = mkdtempSync(join(tmpdir(), 'bench-open-'));
const open = () =>
  createDesk({ storage: getRxStorageSQLite({ databaseDirectory: root }), name: 'bench', clock: () => NOW });

/** Opens and closes the desk; returns the open's milliseconds and how many cases the check folded. */
async function timedOpen(withCheck: boolean): Promise<{ ms: number; folded: number }> {
  let folded = 0;
  Projector.prototype.catchUp = withCheck
    ? async function (this: Projector) {
        folded = await catchUp.call(this);
        return folded;
      }
    : async () => 0;
  const start = performance.now();
  const desk = await open();
  const ms = performance.now() - start;
  await desk.close();
  return { ms, folded };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Writes `TOUCHED` events (a note each, on distinct cases) with the projector stopped: what a kill leaves. */
async function writeUnfolded(round: number): Promise<void> {
  const start = Projector.prototype.start;
  Projector.prototype.catchUp = async () => 0;
  Projector.prototype.start = () => undefined;
  const desk = await open();
  Projector.prototype.start = start;
  const { cases } = caseBatches(Math.min(CASES, 2_000)).next().value!;
  const events = cases.slice(0, TOUCHED).map((m: (typeof cases)[number]) => {
    const e = m.events[0]!;
    return {
      ...e,
      id: `${e.id}-note-${round}`,
      type: 'note' as const,
      payload: { text: '备注' },
      after: [e.id],
      article: '第十九条',
    };
  });
  await desk.db.case_events.bulkInsert(events);
  await desk.close();
}

try {
  Projector.prototype.catchUp = async () => 0;
  const seeded = await open();
  await seedDemo(seeded.db, { N: 2 ** 10 });
  const loadStart = performance.now();
  await loadCases(seeded, CASES);
  console.log(`loaded ${CASES.toLocaleString()} cases in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);
  await seeded.close();

  const without: number[] = [];
  for (let i = 0; i < RUNS; i++) without.push((await timedOpen(false)).ms);
  const first = await timedOpen(true);
  const steady: number[] = [];
  for (let i = 0; i < RUNS; i++) steady.push((await timedOpen(true)).ms);
  const afterKill: number[] = [];
  let folded = 0;
  for (let i = 0; i < RUNS; i++) {
    await writeUnfolded(i);
    const run = await timedOpen(true);
    afterKill.push(run.ms);
    folded = run.folded;
  }
  const base = median(without);
  console.log(
    `\n打开时的折叠检查 open-time fold check: ${CASES.toLocaleString()} cases on SQLite, median of ${RUNS} opens`,
  );
  console.log(`| open | ms | ÷ without the check |`);
  console.log(`|---|---|---|`);
  console.log(`| without the check | ${base.toFixed(0)} | 1.00× |`);
  console.log(
    `| with it, first open after the upgrade (no checkpoint: all events read once; folded ${first.folded}) | ${first.ms.toFixed(0)} | ${(first.ms / base).toFixed(2)}× |`,
  );
  console.log(
    `| with it, steady (nothing written since the last open) | ${median(steady).toFixed(0)} | ${(median(steady) / base).toFixed(2)}× |`,
  );
  console.log(
    `| with it, after a kill left ${TOUCHED} events unfolded (folded ${folded}) | ${median(afterKill).toFixed(0)} | ${(median(afterKill) / base).toFixed(2)}× |`,
  );
} finally {
  Projector.prototype.catchUp = catchUp;
  rmSync(root, { recursive: true, force: true });
}
