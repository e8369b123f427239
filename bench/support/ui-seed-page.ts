/**
 * Bench-only page entry (built by ui-serve.ts, never by the production build): fills the web edition's IndexedDB
 * with synthetic matters before the desk page is opened. It opens the very database the desk worker opens (same
 * name, Dexie storage and schemas through `openDeskDatabase`), so the desk finds the rows as if it had written
 * them. Only `cases` is filled: `case-list`, all the matter list reads, is answered from `cases` alone, and
 * generating the events, petitions and petitioners too would triple the seed time for nothing the list shows.
 *
 * Checked with the bench's Node types: it needs no DOM, only `globalThis` to hand its function to the bench.
 */
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDeskDatabase } from '#shared/core/database';
import { caseRow, rng, syntheticCase } from './synthetic';

/** src-renderer/web/desk.worker.ts `databaseName`: one IndexedDB per origin, shared by every tab. */
const DATABASE = 'xinfang-desk';

export interface SeedResult {
  readonly count: number;
  /** Building the rows in the page (synthetic matters folded by the real fold). */
  readonly generateMs: number;
  /** RxDB `bulkInsert` into Dexie, summed over the batches. */
  readonly insertMs: number;
}

async function seed(total: number, batch: number): Promise<SeedResult> {
  // multiInstance as the worker opens it: the flag is part of how RxDB coordinates tabs on one database.
  const db = await openDeskDatabase(getRxStorageDexie(), DATABASE, true);
  try {
    const r = rng(6_2026);
    let generateMs = 0;
    let insertMs = 0;
    for (let start = 0; start < total; start += batch) {
      const t0 = performance.now();
      const rows = Array.from({ length: Math.min(batch, total - start) }, (_, k) =>
        caseRow(syntheticCase(start + k, r, 'office-qingshan', 'user-qs-handler')),
      );
      const t1 = performance.now();
      const result = await db.cases.bulkInsert(rows);
      insertMs += performance.now() - t1;
      generateMs += t1 - t0;
      // A refused row would silently shrink the list the bench scrolls; stop instead.
      if (result.error.length > 0)
        throw new Error(`bulkInsert refused ${result.error.length} rows: ${JSON.stringify(result.error[0])}`);
    }
    return { count: await db.cases.count().exec(), generateMs, insertMs };
  } finally {
    await db.close();
  }
}

(globalThis as unknown as { benchSeed: typeof seed }).benchSeed = seed;
