/**
 * The 100,000-matter load of bench/desk.ts, shared by its two runs: in-process (called directly) and in the desk
 * host (imported by the desk worker as a worker module, see DeskWorkerData.workerModules, sized by
 * DESK_BENCH_MATTERS). Deterministic, so the main thread can rebuild the same samples and raw rows without
 * loading anything.
 */
import type { Desk } from '#shared/core/desk';
import { caseRow, rng, syntheticMatter, type SyntheticMatter } from './synthetic';

export const BATCH = 2_000;

export type Sample = { caseId: string; idNumber: string; initials: string; text: string };

/** The matters in load order, one batch at a time; the same for every call. */
export function* matterBatches(total: number): Generator<{ matters: SyntheticMatter[]; rows: ReturnType<typeof caseRow>[] }> {
  const r = rng(4_2025);
  for (let start = 0; start < total; start += BATCH) {
    const matters = Array.from({ length: Math.min(BATCH, total - start) }, (_, k) => syntheticMatter(start + k, r, 'office-qingshan', 'user-qs-handler'));
    yield { matters, rows: matters.map(caseRow) };
  }
}

/** One sample matter per 20,000 (the first of every tenth batch): what the measured calls ask for. */
export function sampleOf(batchIndex: number, matters: readonly SyntheticMatter[]): Sample | undefined {
  const m = matters[0];
  if (!m || (batchIndex * BATCH) % 20_000 !== 0) return undefined;
  return { caseId: m.petition.caseId, idNumber: m.petitioner.idNumber, initials: m.petitioner.nameInitials, text: `${m.petition.request}\n${m.petition.facts}` };
}

export async function loadMatters(desk: Desk, total: number): Promise<void> {
  for (const { matters, rows } of matterBatches(total)) {
    await desk.db.petitioners.bulkInsert(matters.map((m) => m.petitioner));
    await desk.db.petitions.bulkInsert(matters.map((m) => m.petition));
    await desk.db.case_events.bulkInsert(matters.flatMap((m) => m.events));
    await desk.db.cases.bulkInsert(rows);
  }
}

/** The desk worker's entry for this module. */
export async function runInDeskWorker(desk: Desk): Promise<void> {
  await loadMatters(desk, Number(process.env.DESK_BENCH_MATTERS ?? 100_000));
}
