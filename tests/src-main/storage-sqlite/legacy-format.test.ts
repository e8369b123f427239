import { afterAll, describe, expect, it } from 'vitest';
import { getChangedDocumentsSince, normalizeMangoQuery, now, prepareQuery } from 'rxdb';
import type { RxDocumentData } from 'rxdb';
import { databaseFilePath, openDatabase } from '../../../src-main/storage-sqlite/database';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import { tableLayout, toOrderedBlob } from '../../../src-main/storage-sqlite/schema-sql';
import type { TestDoc } from './helpers';
import { createInstance, notDeleted, tempDirectory, testSchema } from './helpers';

const temp = tempDirectory();
afterAll(() => temp.cleanup());
const schema = testSchema();

function doc(id: string, name: string, age: number, lwt: number): RxDocumentData<TestDoc> {
  return {
    id,
    name,
    age,
    flag: false,
    tag: 't',
    note: '',
    _deleted: false,
    _attachments: {},
    _rev: '1-a',
    _meta: { lwt },
  };
}

/**
 * Files written before index keys became TEXT: BLOB keys (big-endian UTF-16), an `idb` column and a
 * (lwt, idb) index. Built here with that DDL, frozen, as such a file holds it.
 */
function writeFirstLayoutFile(databaseName: string, docs: RxDocumentData<TestDoc>[]): void {
  const db = openDatabase({ filePath: databaseFilePath(temp.dir, databaseName) });
  const layout = tableLayout(db, 'petitions', schema);
  const t = `"${layout.table}"`;
  const cols = layout.indexColumns.map((c) => c.column);
  db.exec(`CREATE TABLE rxdb_meta (tbl TEXT PRIMARY KEY NOT NULL, schema_hash TEXT NOT NULL)`);
  db.exec(`CREATE TABLE ${t} (id TEXT PRIMARY KEY NOT NULL, idb BLOB NOT NULL, deleted INTEGER NOT NULL,
    lwt REAL NOT NULL, data TEXT NOT NULL${cols.map((c) => `, ${c} BLOB NOT NULL`).join('')})`);
  for (const c of cols) db.exec(`CREATE INDEX "${layout.table}:${c}" ON ${t}(${c})`);
  db.exec(`CREATE INDEX "${layout.table}:lwt" ON ${t}(lwt, idb)`);
  db.exec(`CREATE INDEX "${layout.table}:deleted" ON ${t}(lwt) WHERE deleted = 1`);
  db.prepare('INSERT INTO rxdb_meta VALUES (?, ?)').run(layout.table, layout.schemaHash);
  const insert = db.prepare(`INSERT INTO ${t} VALUES (?, ?, ?, ?, ?${cols.map(() => ', ?').join('')})`);
  for (const d of docs) {
    const keys = layout.indexColumns.map((c) => toOrderedBlob(c.indexableString(d)));
    insert.run(d.id, toOrderedBlob(d.id), 0, d._meta.lwt, JSON.stringify(d), ...keys);
  }
  db.close();
}

describe('files of the first layout (BLOB keys, idb column)', () => {
  it('still open, answer queries in RxDB order, feed changes and take writes', async () => {
    const lwt = now() - 1000;
    writeFirstLayoutFile('legacy', [
      doc('a', '😀', 30, lwt),
      doc('b', '\uFF01', 20, lwt + 1),
      doc('c', '张三', 40, lwt + 2),
    ]);
    const instance = await createInstance<TestDoc>(
      getRxStorageSQLite({ databaseDirectory: temp.dir }),
      schema,
      'legacy',
    );
    await instance.bulkWrite([{ document: doc('d', '𠀀王', 10, now()) }], 'test');
    // An update rewrites the row's BLOB keys: 'b' moves from after everything to the front.
    const [stored] = await instance.findDocumentsById(['b'], false);
    if (!stored) throw new Error('b was not read back');
    const update = await instance.bulkWrite(
      [{ previous: stored, document: { ...doc('b', 'a', 20, now() + 1), _rev: '2-b' } }],
      'test',
    );
    expect(update.error).toEqual([]);
    // An insert of a stored id fails on the primary key and is redone with the full conflict check.
    const again = await instance.bulkWrite([{ document: doc('a', 'x', 1, now() + 2) }], 'test');
    expect(again.error.map((e) => [e.status, e.documentId])).toEqual([[409, 'a']]);
    const byName = prepareQuery(
      schema,
      normalizeMangoQuery(schema, { selector: notDeleted(), sort: [{ name: 'asc' }] }),
    );
    // UTF-16 code-unit order: 'a' < 张 (U+5F20) < 😀 (D83D…) < 𠀀 (D840…).
    expect((await instance.query(byName)).documents.map((d) => d.id)).toEqual(['b', 'c', 'a', 'd']);
    const first = await getChangedDocumentsSince(instance, 2);
    expect(first.documents.map((d) => d.id)).toEqual(['a', 'c']);
    const rest = await getChangedDocumentsSince(instance, 10, first.checkpoint);
    expect(rest.documents.map((d) => d.id)).toEqual(['d', 'b']);
    await instance.close();
  });
});
