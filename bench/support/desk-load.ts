/**
 * The 100,000-matter load of bench/desk.ts, shared by its two runs: in-process (called directly) and in the desk
 * host (imported by the desk worker as a worker module, see WorkerHooks.workerModules, sized by
 * DESK_BENCH_CASES). Deterministic, so the main thread can rebuild the same samples and raw rows without
 * loading anything.
 */
import type { Desk } from '#shared/core/desk';
import { caseRow, rng, syntheticCase, type SyntheticCase } from './synthetic';

export const BATCH = 2_000;

export type Sample = { caseId: string; idNumber: string; initials: string; text: string };

/** The cases in load order, one batch at a time; the same for every call. */
export function* caseBatches(total: number): Generator<{ cases: SyntheticCase[]; rows: ReturnType<typeof caseRow>[] }> {
  const r = rng(4_2025);
  for (let start = 0; start < total; start += BATCH) {
    const cases = Array.from({ length: Math.min(BATCH, total - start) }, (_, k) =>
      syntheticCase(start + k, r, 'office-qingshan', 'user-qs-handler'),
    );
    yield { cases, rows: cases.map(caseRow) };
  }
}

/** One sample matter per 20,000 (the first of every tenth batch): what the measured calls ask for. */
export function sampleOf(batchIndex: number, cases: readonly SyntheticCase[]): Sample | undefined {
  const m = cases[0];
  if (!m || (batchIndex * BATCH) % 20_000 !== 0) return undefined;
  return {
    caseId: m.petition.caseId,
    idNumber: m.petitioner.idNumber,
    initials: m.petitioner.nameInitials,
    text: `${m.petition.request}\n${m.petition.facts}`,
  };
}

export async function loadCases(desk: Desk, total: number): Promise<void> {
  for (const { cases, rows } of caseBatches(total)) {
    await desk.db.petitioners.bulkInsert(cases.map((m) => m.petitioner));
    await desk.db.petitions.bulkInsert(cases.map((m) => m.petition));
    await desk.db.case_events.bulkInsert(cases.flatMap((m) => m.events));
    await desk.db.cases.bulkInsert(rows);
  }
}

/** The desk worker's entry for this module. */
export async function runInDeskWorker(desk: Desk): Promise<void> {
  await loadCases(desk, Number(process.env.DESK_BENCH_CASES ?? 100_000));
}
