import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openDeskDatabase, type AnyStorage, type DeskDatabase } from '#shared/core/database';
import { Seek, STRIDE, Walk, type ListSort } from '#shared/core/case-pages';
import type { CaseProjection } from '#shared/domain/case-types';
import type { CaseDoc } from '#shared/domain/documents';

/**
 * Keyed paging of the matter list against the plain order: every offset (the first row, the rows around each
 * learned position, the last row, past the end) must give exactly the rows a full sort gives, 作废 matters left
 * out (第十九条), on the Dexie storage the web edition runs (over fake-indexeddb) and on the memory storage the
 * tests run.
 */
const COUNT = 2 * STRIDE + 137; // ends part-way through a stride
const NOW = new Date('2026-06-01T00:00:00Z');

/** Rows with ties on every field: receivedAt repeats (same instant), nextDue is mostly the no-duty value; some 作废. */
function rows(): CaseDoc[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const minute = (i * 7919) % 400; // a scrambled order, some instants shared by two or three rows
    const receivedAt = new Date(Date.UTC(2024, 0, 1) + minute * 3_600_000 * 11).toISOString();
    return {
      id: `case-${String((i * 104_729) % 1_000_003).padStart(7, '0')}`,
      caseNumber: `999901101-2024-${String((i * 31) % 97).padStart(5, '0')}`,
      status: i % 23 === 4 ? 'voided' : 'registered',
      class: 'unclassified',
      channel: 'visit',
      currentOfficeId: 'office-qingshan',
      receivedAt,
      nextDue: i % 3 === 0 ? `2026-0${1 + (i % 9)}-1${i % 10}` : '9999-12-31',
      restricted: false,
      projection: {} as CaseProjection, // the walk reads the indexed columns only
    };
  });
}

/** The order a page must follow: the field, then the id, both in the sort's direction; no 作废 matter. */
function expected(all: readonly CaseDoc[], sort: ListSort): string[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return all
    .filter((d) => d.status !== 'voided')
    .sort(
      (a, b) =>
        sign *
        (a[sort.field] < b[sort.field]
          ? -1
          : a[sort.field] > b[sort.field]
            ? 1
            : a.id < b.id
              ? -1
              : a.id > b.id
                ? 1
                : 0),
    )
    .map((d) => d.id);
}

const sorts: ListSort[] = [
  { field: 'receivedAt', direction: 'desc' },
  { field: 'receivedAt', direction: 'asc' },
  { field: 'nextDue', direction: 'asc' },
  { field: 'caseNumber', direction: 'asc' },
];
/** Rows a list shows: every 23rd row is 作废. */
const LISTED = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 23 !== 4).length;
const offsets = [
  0,
  1,
  STRIDE - 1,
  STRIDE,
  STRIDE + 1,
  2 * STRIDE - 3,
  2 * STRIDE,
  LISTED - 50,
  LISTED - 1,
  LISTED,
  LISTED + 300,
];

describe.each([
  ['Dexie (fake-indexeddb)', () => getRxStorageDexie({ indexedDB, IDBKeyRange })],
  ['memory', () => getRxStorageMemory()],
] as [string, () => AnyStorage][])('paging by key on %s', (_, storage) => {
  let db: DeskDatabase;
  const all = rows();
  beforeAll(async () => {
    db = await openDeskDatabase(storage(), `pages-${Math.random().toString(36).slice(2)}`, false);
    await db.cases.bulkInsert(all);
  });
  afterAll(() => db.close());

  // A walk serves the ascending sorts; receivedAt in either direction is a seek's (below).
  it.each(sorts.filter((s) => s.direction === 'asc'))(
    'walk, $field $direction: every page equals the same slice of the full order',
    async (sort) => {
      const order = expected(all, sort);
      const walk = new Walk(db.cases, sort.field);
      for (const offset of offsets) {
        for (const limit of [1, 50, 200]) {
          const page = await walk.page(offset, limit);
          expect(
            page.map((d) => d.id),
            `offset ${offset}, limit ${limit}`,
          ).toEqual(order.slice(offset, offset + limit));
        }
      }
    },
  );

  it('a page read before any other (a jump) matches one read after the walk learned the way', async () => {
    const sort: ListSort = { field: 'nextDue', direction: 'asc' };
    const order = expected(all, sort);
    expect(order).toHaveLength(LISTED);
    const jump = await new Walk(db.cases, sort.field).page(LISTED - 7, 20);
    expect(jump.map((d) => d.id)).toEqual(order.slice(LISTED - 7));
  });

  it.each(sorts.filter((s) => s.field === 'receivedAt'))(
    'seek, $field $direction: every page equals the same slice of the full order',
    async (sort) => {
      const order = expected(all, sort);
      const seek = new Seek(db.cases, sort, () => NOW);
      for (const offset of offsets) {
        for (const limit of [1, 50, 200]) {
          const page = await seek.page(offset, limit);
          expect(
            page.map((d) => d.id),
            `offset ${offset}, limit ${limit}`,
          ).toEqual(order.slice(offset, offset + limit));
        }
      }
    },
  );

  it.each(sorts.filter((s) => s.field === 'receivedAt'))(
    'seek, $field $direction: jumps in any order, then the pages after them',
    async (sort) => {
      const order = expected(all, sort);
      // Near 5: almost every jump counts its way in (the default, 300, is most of this small list).
      const seek = new Seek(db.cases, sort, () => NOW, { near: 5 });
      // Scrambled positions, some near each other (a boundary counted for one serves the next backward or forward).
      const jumps = Array.from({ length: 24 }, (_, i) => (i * 7919 + 13) % LISTED);
      for (const offset of jumps) {
        for (const at of [offset, offset + 20]) {
          const page = await seek.page(at, 20);
          expect(
            page.map((d) => d.id),
            `offset ${at}`,
          ).toEqual(order.slice(at, at + 20));
        }
      }
    },
  );
});
