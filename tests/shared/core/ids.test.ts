import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openDeskDatabase, type DeskDatabase } from '#shared/core/database';
import { nextCaseNumber } from '#shared/core/ids';

/** Provisional case numbers (design.md §2): one desk never hands out the same number twice. */
let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.close();
});

describe('case numbers', () => {
  it('calls at once take distinct, consecutive numbers; each year counts from 1', async () => {
    db = await openDeskDatabase(getRxStorageMemory(), `ids-${Math.random().toString(36).slice(2)}`, false);
    const numbers = await Promise.all(Array.from({ length: 20 }, () => nextCaseNumber(db!, '999901101', 2026)));
    const seqs = numbers.map((n) => Number(n.split('-').at(-1))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(numbers[0]).toMatch(/^999901101-2026-[0-9A-F]{6}-\d{5}$/);
    expect(await nextCaseNumber(db, '999901101', 2027)).toMatch(/-00001$/);
    expect(await nextCaseNumber(db, '999901101', 2026)).toMatch(/-00021$/);
  });
});
