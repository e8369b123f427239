/**
 * The 100k-document part of bench/storage.ts: event-loop blocking while loading, then indexed page,
 * count and find-by-ids as ratios to raw better-sqlite3 on a plain table holding the same documents.
 */
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import { fillWithDefaultSettings, normalizeMangoQuery, now, prepareQuery, randomToken } from 'rxdb';
import type { MangoQuery, RxDocumentData, RxStorage, RxStorageInstance } from 'rxdb';
import { averageSchema, averageSchemaData } from 'rxdb/plugins/test-utils';
import type { AverageSchemaDocumentType } from 'rxdb/plugins/test-utils';

type Doc = RxDocumentData<AverageSchemaDocumentType>;
type Instance = RxStorageInstance<AverageSchemaDocumentType, unknown, unknown>;

export const SCALE_DOCS = 100_000;
const WRITE_BATCH = 5_000;
const schema = fillWithDefaultSettings(averageSchema());

export function scaleDocuments(): Doc[] {
  return Array.from({ length: SCALE_DOCS }, (_, i) => ({
    ...averageSchemaData({ id: `doc${String(i).padStart(8, '0')}` }),
    _deleted: false,
    _attachments: {},
    _rev: '1-bench',
    _meta: { lwt: now() },
  }));
}

export type LoadResult = { instance: Instance; seconds: number; maxDelayMs: number; p99DelayMs: number };

/** Loads the documents in 5,000-document bulkWrites while measuring the event loop's worst delay. */
export async function loadWithDelayMonitor(storage: RxStorage<unknown, unknown>, docs: Doc[]): Promise<LoadResult> {
  const instance = await storage.createStorageInstance<AverageSchemaDocumentType>({
    databaseInstanceToken: randomToken(10),
    databaseName: 'scale' + randomToken(6),
    collectionName: 'docs',
    schema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const start = performance.now();
  for (let i = 0; i < docs.length; i += WRITE_BATCH) {
    const rows = docs.slice(i, i + WRITE_BATCH).map((document) => ({ document }));
    const result = await instance.bulkWrite(rows, 'bench-load');
    if (result.error.length > 0) throw new Error(`load failed: ${result.error.length} errors`);
    // An in-process bulkWrite resolves at once, so without a macrotask turn the histogram would never
    // sample and would report 0 for a loop that was blocked for the whole load.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - start) / 1000;
  histogram.disable();
  return { instance, seconds, maxDelayMs: histogram.max / 1e6, p99DelayMs: histogram.percentile(99) / 1e6 };
}

/** A plain table with ordinary indexes: the physical limit for these queries on this machine. */
export function rawTable(directory: string, docs: Doc[]): InstanceType<typeof Database> {
  const db = new Database(path.join(directory, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE raw (id TEXT PRIMARY KEY, var2 INTEGER, data TEXT);
    CREATE INDEX raw_asc ON raw(var2, id); CREATE INDEX raw_desc ON raw(var2 DESC, id)`);
  const insert = db.prepare('INSERT INTO raw VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const d of docs) insert.run(d.id, d.var2, JSON.stringify(d));
  })();
  return db;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function timeIt(run: () => unknown, repeats = 25): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

function prepared(query: MangoQuery<AverageSchemaDocumentType>, count = false) {
  const selector = { ...query.selector, _deleted: { $eq: false } };
  return prepareQuery(schema, normalizeMangoQuery(schema, { ...query, selector }, count));
}

export type ScaleRow = { operation: string; storageMs: number; rawMs: number };

/** Each operation on the storage and its raw SQL twin; raw rows are JSON.parsed too, as any caller must. */
export async function scaleQueries(
  instance: Instance,
  raw: InstanceType<typeof Database>,
  docs: Doc[],
): Promise<ScaleRow[]> {
  const ids = Array.from({ length: 1000 }, (_, i) => docs[(i * 97) % docs.length]?.id ?? '');
  const page = raw.prepare('SELECT data FROM raw WHERE var2 >= ? ORDER BY var2, id LIMIT 50').pluck();
  const pageDesc = raw.prepare('SELECT data FROM raw INDEXED BY raw_desc ORDER BY var2 DESC, id LIMIT 50').pluck();
  const count = raw.prepare('SELECT count(*) FROM raw WHERE var2 >= ? AND var2 < ?').pluck();
  const byIds = raw.prepare('SELECT data FROM json_each(?) j CROSS JOIN raw ON raw.id = j.value').pluck();
  const parseAll = (rows: unknown[]) => rows.map((r) => JSON.parse(r as string) as Doc);
  const ascQuery = prepared({ selector: { var2: { $gte: 25_000 } }, sort: [{ var2: 'asc' }], limit: 50 });
  const descQuery = prepared({ selector: {}, sort: [{ var2: 'desc' }], limit: 50 });
  const countQuery = prepared({ selector: { var2: { $gte: 10_000, $lt: 30_000 } } }, true);
  return [
    {
      operation: 'indexed page of 50 (asc)',
      storageMs: await timeIt(() => instance.query(ascQuery)),
      rawMs: await timeIt(() => parseAll(page.all(25_000))),
    },
    {
      operation: 'indexed page of 50 (desc)',
      storageMs: await timeIt(() => instance.query(descQuery)),
      rawMs: await timeIt(() => parseAll(pageDesc.all())),
    },
    {
      operation: 'count (indexed range)',
      storageMs: await timeIt(() => instance.count(countQuery)),
      rawMs: await timeIt(() => count.get(10_000, 30_000)),
    },
    {
      operation: 'find-by-ids (1,000 ids)',
      storageMs: await timeIt(() => instance.findDocumentsById(ids, false)),
      rawMs: await timeIt(() => parseAll(byIds.all(JSON.stringify(ids)))),
    },
  ];
}
