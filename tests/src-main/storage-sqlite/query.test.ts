import { afterAll, describe, expect, it } from 'vitest';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { MangoQuery } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { RxStorageSQLiteInProcess } from '../../../src-main/storage-sqlite/in-process';
import type { RxStorageInstanceSQLite } from '../../../src-main/storage-sqlite/instance';
import type { TestDoc } from './helpers';
import { createInstance, notDeleted, tempDirectory, testSchema } from './helpers';
import { newDocument } from './random-ops';

const temp = tempDirectory();
afterAll(() => temp.cleanup());
const schema = testSchema();
const storage = new RxStorageSQLiteInProcess({ databaseDirectory: temp.dir });

function prepared(query: MangoQuery<TestDoc>) {
  return prepareQuery(schema, normalizeMangoQuery(schema, { ...query, selector: notDeleted(query.selector) }));
}

async function filledInstance() {
  // The concrete class is what this storage's createStorageInstance returns.
  const instance = (await createInstance<TestDoc>(storage, schema)) as RxStorageInstanceSQLite<TestDoc>;
  const names = ['张三', '😀', '𠀀', 'abc', '\uFFEE', '李四'];
  const docs = Array.from({ length: 60 }, (_, i) =>
    newDocument(
      `d${String(i).padStart(2, '0')}`,
      { name: names[i % names.length] ?? '', age: i % 7, flag: i % 2 === 0, tag: '', note: '' },
      false,
    ),
  );
  await instance.bulkWrite(
    docs.map((document) => ({ document })),
    'fill',
  );
  return instance;
}

describe('index order is JavaScript UTF-16 code-unit order', () => {
  it("finds emoji and CJK Ext-B names with a range query that ends at RxDB's upper bound", async () => {
    const instance = await filledInstance();
    const result = await instance.query(prepared({ selector: { name: { $gt: '李四' } }, sort: [{ name: 'asc' }] }));
    const names = [...new Set(result.documents.map((d) => d.name))];
    // U+5F20 张 < U+674E 李 < U+D83D (😀) < U+D840 (𠀀) < U+FFEE in UTF-16; UTF-8 would put 😀 and 𠀀 last.
    expect(names).toEqual(['😀', '𠀀', '\uFFEE']);
    const count = await instance.count(
      prepareQuery(schema, normalizeMangoQuery(schema, { selector: notDeleted({ name: { $gte: '😀' } }) }, true)),
    );
    expect(count.count).toBe(30);
    await instance.remove();
  });
});

describe('descending sorts', () => {
  it('reads the index backwards and still breaks ties by ascending primary key', async () => {
    const instance = await filledInstance();
    const memory = await createInstance<TestDoc>(getRxStorageMemory(), schema, 'mem-desc');
    const all = await instance.query(prepared({ selector: {} }));
    await memory.bulkWrite(
      all.documents.map((document) => ({ document })),
      'copy',
    );
    for (const query of [
      { selector: {}, sort: [{ age: 'desc' as const }], limit: 10 },
      { selector: {}, sort: [{ name: 'desc' as const }], skip: 3, limit: 7 },
      { selector: { flag: { $eq: true } }, sort: [{ age: 'desc' as const }], limit: 5 },
    ]) {
      const expected = (await memory.query(prepared(query))).documents.map((d) => d.id);
      expect((await instance.query(prepared(query))).documents.map((d) => d.id)).toEqual(expected);
    }
    expect(instance.preparedSql().some((sql) => sql.includes(' DESC'))).toBe(true);
    await memory.remove();
    await instance.remove();
  });
});

describe('EXPLAIN QUERY PLAN', () => {
  it('no statement scans the table where an index should be used', async () => {
    const instance = await filledInstance();
    const queries: MangoQuery<TestDoc>[] = [
      { selector: { name: { $gte: '张' } }, sort: [{ name: 'asc' }], limit: 5 },
      { selector: { age: { $gt: 2, $lt: 5 } }, sort: [{ age: 'desc' }], limit: 5 },
      { selector: { flag: { $eq: true }, tag: { $eq: '' } } },
      { selector: { name: { $eq: '张三' } }, sort: [{ age: 'asc' }] },
    ];
    for (const query of queries) {
      await instance.query(prepared(query));
      await instance.count(
        prepareQuery(schema, normalizeMangoQuery(schema, { selector: notDeleted(query.selector) }, true)),
      );
    }
    const db = instance.internals.db;
    const fullScans = new Set([`SELECT data FROM "${instance.layout.table}"`]);
    for (const sql of instance.preparedSql()) {
      const nulls = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...nulls) as { detail: string }[];
      const details = plan.map((row) => row.detail);
      if (fullScans.has(sql)) continue;
      for (const detail of details) {
        if (/^SCAN (t|"?c:)/.test(detail) || detail.startsWith(`SCAN ${instance.layout.table}`)) {
          expect(detail, `${sql}\n${details.join('\n')}`).toMatch(/USING (COVERING )?INDEX/);
        }
        expect(detail, sql).not.toMatch(/TEMP B-TREE/);
      }
    }
    await instance.remove();
  });
});
