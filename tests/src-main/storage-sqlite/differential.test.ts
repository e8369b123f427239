import { afterAll, describe, expect, it } from 'vitest';
import { getChangedDocumentsSince, normalizeMangoQuery, prepareQuery } from 'rxdb';
import type {
  EventBulk,
  RxDocumentData,
  RxStorage,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import type { TestDoc } from './helpers';
import { createInstance, notDeleted, tempDirectory, testSchema } from './helpers';
import type { Random, WriteRows } from './random-ops';
import { changedDocument, idPool, newDocument, random, randomFields, randomQuery, randomString } from './random-ops';

type Instance = RxStorageInstance<TestDoc, unknown, unknown>;
type Doc = RxDocumentData<TestDoc>;
type Bulk = EventBulk<RxStorageChangeEvent<TestDoc>, unknown>;

const seedFromEnv = Number(process.env.STORAGE_DIFF_SEED);
const SEEDS = Number.isInteger(seedFromEnv) ? [seedFromEnv] : [20250101, 7, 4242];
const OPERATIONS = 1500;
const schema = testSchema();
const temp = tempDirectory();
afterAll(() => temp.cleanup());

/** Both storages, their recorded change events, and the shared pools the generator draws from. */
type Pair = {
  memory: Instance;
  sqlite: Instance;
  events: { memory: Bulk[]; sqlite: Bulk[] };
  r: Random;
  ids: string[];
  pools: { names: string[]; tags: string[] };
  checkpoints: (RxStorageDefaultCheckpoint | undefined)[];
};

async function runSequence(seed: number, sqliteStorage: RxStorage<unknown, unknown>, operations: number) {
  const r = random(seed);
  const dbName = `diff${seed}-${Math.random().toString(36).slice(2)}`;
  const memory = await createInstance<TestDoc>(getRxStorageMemory(), schema, `${dbName}-${Math.random()}`);
  const sqlite = await createInstance<TestDoc>(sqliteStorage, schema, dbName);
  const pair: Pair = {
    memory,
    sqlite,
    events: { memory: [], sqlite: [] },
    r,
    ids: idPool(r, 60),
    pools: { names: ['张三', '李四', '😀', '𠀀王', 'abc', '\uFF01', ''], tags: ['urgent', '普通', '🏠', 'x'] },
    checkpoints: [undefined],
  };
  memory.changeStream().subscribe((bulk) => pair.events.memory.push(bulk));
  sqlite.changeStream().subscribe((bulk) => pair.events.sqlite.push(bulk));
  try {
    for (let op = 0; op < operations; op++) {
      const where = `seed ${seed} (rerun with STORAGE_DIFF_SEED=${seed}), operation ${op}`;
      await randomOperation(pair, where);
    }
  } finally {
    await memory.remove();
    await sqlite.remove();
  }
}

async function randomOperation(pair: Pair, where: string): Promise<void> {
  const roll = pair.r.next();
  if (roll < 0.4) return compareWrite(pair, await randomWrites(pair), where);
  if (roll < 0.75) return compareQuery(pair, where);
  if (roll < 0.85) return compareCount(pair, where);
  if (roll < 0.93) return compareChanges(pair, where);
  if (roll < 0.995) return compareFindById(pair, where);
  const [a, b] = await Promise.all([pair.memory.cleanup(0), pair.sqlite.cleanup(0)]);
  expect(b, where).toBe(a);
}

/** Inserts (some of existing ids, some already deleted), updates, deletes, undeletes, stale writes. */
async function randomWrites(pair: Pair): Promise<WriteRows> {
  const { r } = pair;
  const chosen = new Set<string>();
  const size = r.pick([1, 1, 2, 3, 5, 12]);
  while (chosen.size < size) chosen.add(r.pick(pair.ids));
  const current = new Map((await pair.memory.findDocumentsById([...chosen], true)).map((d) => [d.id, d]));
  return [...chosen].map((id) => {
    const previous = current.get(id);
    const fields = randomFields(r, pair.pools);
    if (!previous || r.chance(0.1)) {
      // A blind insert: a conflict when the id exists (even deleted).
      return { document: newDocument(id, fields, r.chance(0.1)) };
    }
    if (r.chance(0.1)) {
      const stale = { ...previous, _rev: `1-${randomString(r, 4)}stale` };
      return { previous: stale, document: changedDocument(previous, fields, false) };
    }
    const deleted = previous._deleted ? r.chance(0.3) : r.chance(0.2);
    const partial = r.chance(0.5) ? { age: fields.age } : fields;
    return { previous, document: changedDocument(previous, partial, deleted) };
  });
}

function summariseWrite(result: RxStorageBulkWriteResponse<TestDoc>) {
  return result.error.map((e) => ({
    status: e.status,
    id: e.documentId,
    revInDb: 'documentInDb' in e ? e.documentInDb?._rev : undefined,
  }));
}

function summariseEvents(bulks: Bulk[]) {
  return bulks.map((b) => ({
    checkpoint: b.checkpoint,
    events: b.events.map((e) => {
      // Storages emit full document data (with _rev) even though the event type names only T.
      const [data, previous] = [e.documentData as Doc, e.previousDocumentData as Doc | undefined];
      return [e.operation, e.documentId, data._rev, previous?._rev];
    }),
  }));
}

async function compareWrite(pair: Pair, rows: WriteRows, where: string): Promise<void> {
  pair.events.memory.length = 0;
  pair.events.sqlite.length = 0;
  const expected = await pair.memory.bulkWrite(rows, 'diff');
  const actual = await pair.sqlite.bulkWrite(rows, 'diff');
  expect(summariseWrite(actual), `${where}: bulkWrite errors`).toEqual(summariseWrite(expected));
  // Events must have arrived before the bulkWrite promise resolved.
  expect(summariseEvents(pair.events.sqlite), `${where}: change events`).toEqual(summariseEvents(pair.events.memory));
}

async function compareQuery(pair: Pair, where: string): Promise<void> {
  const { query, description } = randomQuery(pair.r, pair.pools, pair.ids);
  if (pair.r.chance(0.85)) query.selector = notDeleted(query.selector);
  const prepared = prepareQuery(schema, normalizeMangoQuery(schema, query));
  const expected = await pair.memory.query(prepared);
  const actual = await pair.sqlite.query(prepared);
  expect(actual.documents, `${where}: query ${description}`).toEqual(expected.documents);
}

async function compareCount(pair: Pair, where: string): Promise<void> {
  const { query, description } = randomQuery(pair.r, pair.pools, pair.ids);
  const countQuery = { selector: notDeleted(query.selector) };
  const prepared = prepareQuery(schema, normalizeMangoQuery(schema, countQuery, true));
  const expected = await pair.memory.count(prepared);
  const actual = await pair.sqlite.count(prepared);
  expect(actual, `${where}: count ${description}`).toEqual(expected);
}

async function compareChanges(pair: Pair, where: string): Promise<void> {
  const checkpoint = pair.r.pick(pair.checkpoints);
  const limit = pair.r.pick([1, 3, 10, 1000]);
  const expected = await getChangedDocumentsSince(pair.memory, limit, checkpoint);
  const actual = await getChangedDocumentsSince(pair.sqlite, limit, checkpoint);
  const message = `${where}: changes since ${JSON.stringify(checkpoint)} limit ${limit}`;
  expect(actual.documents, message).toEqual(expected.documents);
  // RxDB's generic helper answers {id:'',lwt:0} for "no checkpoint, no changes"; ours must match.
  expect(actual.checkpoint, message).toEqual(expected.checkpoint);
  pair.checkpoints.push(actual.checkpoint);
}

async function compareFindById(pair: Pair, where: string): Promise<void> {
  const ids = [pair.r.pick(pair.ids), pair.r.pick(pair.ids), 'missing-id', pair.r.pick(pair.ids)];
  const withDeleted = pair.r.chance(0.5);
  const byId = (docs: Doc[]) => [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const expected = await pair.memory.findDocumentsById(ids, withDeleted);
  const actual = await pair.sqlite.findDocumentsById(ids, withDeleted);
  expect(byId(actual), `${where}: findDocumentsById ${JSON.stringify(ids)} ${withDeleted}`).toEqual(byId(expected));
}

describe('SQLite storage gives the same answers as RxDB memory storage (differential)', () => {
  const storage = getRxStorageSQLite({ databaseDirectory: temp.dir });
  it.each(SEEDS)('random sequence of %i', async (seed) => {
    await runSequence(seed, storage, OPERATIONS);
  });
  // Reads normally hit the parse memo (doc-cache.ts); one sequence with it off checks the cold path.
  const cold = getRxStorageSQLite({ databaseDirectory: temp.dir, documentCacheChars: 0 });
  it('without the parse memo, random sequence', async () => {
    await runSequence((SEEDS[0] ?? 1) + 2, cold, OPERATIONS);
  });
});
