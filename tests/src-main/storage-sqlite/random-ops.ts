import { createRevision, now } from 'rxdb';
import type { BulkWriteRow, MangoQuery, RxDocumentData } from 'rxdb';
import type { TestDoc } from './helpers';

/** mulberry32: a small seeded PRNG, so a failing sequence can be replayed from its printed seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
};

export function random(seed: number): Random {
  const next = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)] as T,
    chance: (p: number) => next() < p,
  };
}

/**
 * Characters chosen to break a UTF-8 ordered index: CJK, CJK Ext-B and emoji (surrogate pairs),
 * high BMP characters (U+E000–U+FFFD sort after surrogates in UTF-16, before them in UTF-8), Latin.
 * No control characters: RxDB pads index strings with spaces, so for characters below U+0020 its
 * index order and its sort comparator disagree (in RxDB's own memory storage too).
 */
const CHAR_POOLS: readonly (readonly string[])[] = [
  ['a', 'b', 'c', 'Z', '0', '9', ' ', '-', 'é'],
  ['张', '王', '李', '赵', '信', '访', '乡', '镇'],
  ['𠀀', '𠀁', '𪚥', '𩸽'],
  ['😀', '🙏', '🏠', '📄'],
  ['\uE000', '\uFF01', '\uFFEE', '\uFB01'],
];

/** A string of at most maxUnits UTF-16 code units (RxDB's maxLength counts code units). */
export function randomString(r: Random, maxUnits: number, minUnits = 0): string {
  const target = r.int(minUnits, maxUnits);
  let s = '';
  while (s.length < target) {
    const c = r.pick(r.pick(CHAR_POOLS));
    if (s.length + c.length > maxUnits) break;
    s += c;
  }
  return s;
}

/** Ids come from a small pool so that inserts collide and updates find their targets. */
export function idPool(r: Random, size: number): string[] {
  const ids = new Set<string>();
  while (ids.size < size) {
    // Primary keys may not start or end with a space.
    const id = randomString(r, 12, 1).trim();
    if (id.length > 0) ids.add(id);
  }
  return [...ids];
}

export function randomFields(r: Random, pools: { names: string[]; tags: string[] }): Omit<TestDoc, 'id'> {
  return {
    // A small pool of names makes ties, which is where descending sorts go wrong.
    name: r.chance(0.7) ? r.pick(pools.names) : randomString(r, 12),
    age: r.int(0, 150),
    flag: r.chance(0.5),
    tag: r.pick(pools.tags),
    note: randomString(r, 30),
  };
}

export function newDocument(id: string, fields: Omit<TestDoc, 'id'>, deleted: boolean): RxDocumentData<TestDoc> {
  const base = { id, ...fields, _deleted: deleted, _attachments: {}, _meta: { lwt: now() }, _rev: '' };
  return { ...base, _rev: createRevision('tok', undefined) };
}

export function changedDocument(
  previous: RxDocumentData<TestDoc>,
  fields: Partial<TestDoc>,
  deleted: boolean,
): RxDocumentData<TestDoc> {
  return {
    ...previous,
    ...fields,
    _deleted: deleted,
    _meta: { lwt: now() },
    _rev: createRevision('tok', previous),
  };
}

export type QueryShape = { query: MangoQuery<TestDoc>; description: string };

/** Selectors on indexed and non-indexed fields, sorts in both directions with ties, skip and limit. */
export function randomQuery(r: Random, pools: { names: string[]; tags: string[] }, ids: string[]): QueryShape {
  const selectors: (() => Record<string, unknown>)[] = [
    () => ({}),
    () => ({ name: { $eq: r.pick(pools.names) } }),
    () => ({ name: { $gte: randomString(r, 3) } }),
    () => ({ name: { $gt: randomString(r, 2), $lt: randomString(r, 4) } }),
    () => ({ name: { $lte: r.pick(pools.names) } }),
    () => ({ age: { $gte: r.int(0, 150) } }),
    () => ({ age: { $gt: r.int(0, 75), $lte: r.int(50, 150) } }),
    () => ({ age: { $in: [r.int(0, 150), r.int(0, 150), r.int(0, 150)] } }),
    () => ({ flag: { $eq: r.chance(0.5) } }),
    () => ({ flag: { $eq: r.chance(0.5) }, age: { $lt: r.int(0, 150) } }),
    () => ({ tag: { $eq: r.pick(pools.tags) } }),
    () => ({ tag: { $ne: r.pick(pools.tags) }, age: { $gt: r.int(0, 150) } }),
    () => ({ note: { $regex: r.pick(['张', 'a', '😀', '𠀀']) } }),
    () => ({ id: { $gt: r.pick(ids) } }),
    () => ({ $or: [{ age: { $lt: r.int(0, 50) } }, { name: { $eq: r.pick(pools.names) } }] }),
  ];
  const sorts: Record<string, 'asc' | 'desc'>[][] = [
    [],
    [{ name: 'asc' }],
    [{ name: 'desc' }],
    [{ age: 'desc' }],
    [{ age: 'asc' }],
    [{ flag: 'desc' }, { age: 'desc' }],
    [{ name: 'desc' }, { age: 'desc' }],
    [{ name: 'desc' }, { id: 'desc' }],
    [{ age: 'asc' }, { name: 'desc' }],
    [{ id: 'desc' }],
    [{ tag: 'asc' }],
    [{ tag: 'desc' }, { age: 'asc' }],
  ];
  const selector = r.pick(selectors)();
  const sort = r.pick(sorts);
  const query: MangoQuery<TestDoc> = { selector, sort };
  if (r.chance(0.4)) query.skip = r.int(0, 6);
  if (r.chance(0.6)) query.limit = r.pick([0, 1, 2, 5, 10, 30]);
  return { query, description: JSON.stringify(query) };
}

export type WriteRows = BulkWriteRow<TestDoc>[];
