import { assertThrows } from 'async-test-util';
import { afterAll, describe, expect, it } from 'vitest';
import { createRevision, getChangedDocumentsSince, now } from 'rxdb';
import type { EventBulk, RxDocumentData, RxStorageChangeEvent } from 'rxdb';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import type { TestDoc } from './helpers';
import { createInstance, tempDirectory, testSchema } from './helpers';
import { changedDocument, newDocument } from './random-ops';

const temp = tempDirectory();
afterAll(() => temp.cleanup());
const storage = getRxStorageSQLite({ databaseDirectory: temp.dir });
const schema = testSchema();
const fields = { name: '张三', age: 30, flag: true, tag: 't', note: '' };

describe('bulkWrite', () => {
  it('returns a 409 for a missing previous, even when the stored document is deleted; other rows succeed', async () => {
    const instance = await createInstance<TestDoc>(storage, schema);
    await instance.bulkWrite([{ document: newDocument('gone', fields, true) }], 't');
    const result = await instance.bulkWrite(
      [{ document: newDocument('gone', fields, false) }, { document: newDocument('fresh', fields, false) }],
      't',
    );
    expect(result.error.map((e) => [e.status, e.documentId])).toEqual([[409, 'gone']]);
    expect((await instance.findDocumentsById(['fresh'], false)).length).toBe(1);
    await instance.remove();
  });

  it('two concurrent inserts of one id: the first wins, the second gets a 409', async () => {
    const instance = await createInstance<TestDoc>(storage, schema);
    const [first, second] = await Promise.all([
      instance.bulkWrite([{ document: newDocument('same', { ...fields, name: '一' }, false) }], 'a'),
      instance.bulkWrite([{ document: newDocument('same', { ...fields, name: '二' }, false) }], 'b'),
    ]);
    expect(first.error).toEqual([]);
    expect(second.error.map((e) => e.status)).toEqual([409]);
    expect((await instance.findDocumentsById(['same'], false))[0]?.name).toBe('一');
    await instance.remove();
  });

  it('an insert of a stored id among new ones (first attempt rolled back, redone reading every row): 409 for it, one event bulk of the rest', async () => {
    const instance = await createInstance<TestDoc>(storage, schema);
    const bulks: EventBulk<RxStorageChangeEvent<TestDoc>, unknown>[] = [];
    instance.changeStream().subscribe((bulk) => bulks.push(bulk));
    const stored = newDocument('kept', { ...fields, name: '原' }, false);
    await instance.bulkWrite([{ document: stored }], 'first');
    const result = await instance.bulkWrite(
      ['n1', 'kept', 'n2'].map((id) => ({ document: newDocument(id, { ...fields, name: '新' }, false) })),
      'second',
    );
    expect(result.error.map((e) => [e.status, e.documentId])).toEqual([[409, 'kept']]);
    expect(bulks.map((bulk) => bulk.events.map((e) => e.documentId))).toEqual([['kept'], ['n1', 'n2']]);
    const docs = await instance.findDocumentsById(['kept', 'n1', 'n2'], false);
    expect(docs.map((d) => [d.id, d.name]).sort()).toEqual([
      ['kept', '原'],
      ['n1', '新'],
      ['n2', '新'],
    ]);
    await instance.remove();
  });

  it('emits events after commit and before resolving, never empty, with the newest row as checkpoint', async () => {
    const instance = await createInstance<TestDoc>(storage, schema);
    const bulks: EventBulk<RxStorageChangeEvent<TestDoc>, unknown>[] = [];
    instance.changeStream().subscribe((bulk) => bulks.push(bulk));
    const a = newDocument('a', fields, false);
    const b = newDocument('b', fields, false);
    await instance.bulkWrite([{ document: a }, { document: b }], 'ctx');
    expect(bulks).toHaveLength(1);
    expect(bulks[0]?.checkpoint).toEqual({ id: 'b', lwt: b._meta.lwt });
    expect(bulks[0]?.context).toBe('ctx');
    // An already-deleted insert is stored but emits nothing; a pure conflict emits nothing either.
    await instance.bulkWrite([{ document: newDocument('c', fields, true) }], 'ctx');
    await instance.bulkWrite([{ document: newDocument('a', fields, false) }], 'ctx');
    expect(bulks).toHaveLength(1);
    expect((await instance.findDocumentsById(['c'], true)).length).toBe(1);
    await instance.remove();
  });

  it('stores attachments and returns their data as a Blob; deleting the document drops them', async () => {
    const attSchema = testSchema(true);
    const instance = await createInstance<TestDoc>(storage, attSchema);
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]);
    const attachment = { length: bytes.length, type: 'application/pdf', digest: 'md5-abc', data: new Blob([bytes]) };
    const doc = { ...newDocument('letter', fields, false), _attachments: { scan: attachment } };
    expect((await instance.bulkWrite([{ document: doc }], 't')).error).toEqual([]);
    const blob = await instance.getAttachmentData('letter', 'scan', 'md5-abc');
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('application/pdf');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    await expect(instance.getAttachmentData('letter', 'scan', 'other-digest')).rejects.toThrow();
    const [stored] = await instance.findDocumentsById(['letter'], false);
    expect(stored?._attachments.scan).toEqual({ length: 6, type: 'application/pdf', digest: 'md5-abc' });
    const deleted = { ...changedDocument(stored as RxDocumentData<TestDoc>, {}, true), _attachments: {} };
    expect((await instance.bulkWrite([{ previous: stored, document: deleted }], 't')).error).toEqual([]);
    await expect(instance.getAttachmentData('letter', 'scan', 'md5-abc')).rejects.toThrow();
    await instance.remove();
  });
});

describe('checkpoints and cleanup', () => {
  it('reads strictly after (lwt, id), deleted included; an empty read returns the given checkpoint', async () => {
    const instance = await createInstance<TestDoc>(storage, schema);
    const lwt = now() + 0.37;
    const docs = ['b', '😀', 'a', '𠀀'].map((id) => ({ ...newDocument(id, fields, id === 'a'), _meta: { lwt } }));
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      't',
    );
    const first = await getChangedDocumentsSince(instance, 2);
    expect(first.documents.map((d) => d.id)).toEqual(['a', 'b']);
    const rest = await getChangedDocumentsSince(instance, 10, first.checkpoint);
    expect(rest.documents.map((d) => d.id)).toEqual(['😀', '𠀀']);
    expect(rest.checkpoint).toEqual({ id: '𠀀', lwt });
    const empty = await getChangedDocumentsSince(instance, 10, rest.checkpoint);
    expect(empty).toEqual({ documents: [], checkpoint: rest.checkpoint });
    await instance.remove();
  });

  it('cleanup purges only deleted documents older than the given time', async () => {
    const instance = await createInstance<TestDoc>(storage, schema);
    const old = { ...newDocument('old', fields, true), _meta: { lwt: now() - 100_000 } };
    const recent = newDocument('recent', fields, true);
    const live = { ...newDocument('live', fields, false), _meta: { lwt: now() - 100_000 } };
    await instance.bulkWrite(
      [old, recent, live].map((document) => ({ document })),
      't',
    );
    expect(await instance.cleanup(50_000)).toBe(true);
    const left = await instance.findDocumentsById(['old', 'recent', 'live'], true);
    expect(left.map((d) => d.id).sort()).toEqual(['live', 'recent']);
    await instance.remove();
  });
});

describe('identity and lifecycle', () => {
  it('close() twice is fine; remove() after close() fails; calls after close() fail cleanly', async () => {
    const instance = await createInstance<TestDoc>(storage, schema);
    await instance.close();
    await instance.close();
    await expect(instance.remove()).rejects.toMatchObject({ code: 'SQLITE_CLOSED' });
    await expect(instance.findDocumentsById(['a'], false)).rejects.toMatchObject({ code: 'SQLITE_CLOSED' });
  });

  it("remove() after close() rejects with a plain Error, as RxDB's storage tests require, still carrying its code", async () => {
    const instance = await createInstance<TestDoc>(storage, schema);
    await instance.close();
    // RxDB's "should throw on call to .remove() after .close()" checks the error's constructor this way.
    const error = await assertThrows(() => instance.remove(), Error);
    expect(error).toMatchObject({ code: 'SQLITE_CLOSED', message: expect.stringMatching(/^[\x20-\x7e]+$/) });
  });

  it('remove() drops only its own tables', async () => {
    const a = await createInstance<TestDoc>(storage, schema, 'shared-db', 'first');
    const b = await createInstance<TestDoc>(storage, schema, 'shared-db', 'second');
    await b.bulkWrite([{ document: newDocument('keep', fields, false) }], 't');
    await a.bulkWrite([{ document: newDocument('drop', fields, false) }], 't');
    await a.remove();
    expect((await b.findDocumentsById(['keep'], false)).length).toBe(1);
    const a2 = await createInstance<TestDoc>(storage, schema, 'shared-db', 'first');
    expect(await a2.findDocumentsById(['drop'], true)).toEqual([]);
    await a2.remove();
    await b.remove();
  });

  it('refuses to open a collection whose stored schema differs under the same version', async () => {
    const a = await createInstance<TestDoc>(storage, schema, 'schema-db', 'c');
    await a.close();
    const changed = { ...schema, indexes: [...(schema.indexes ?? []), ['tag']] };
    await expect(createInstance<TestDoc>(storage, changed, 'schema-db', 'c')).rejects.toMatchObject({
      code: 'SQLITE_SCHEMA_MISMATCH',
    });
    const other = { ...schema, version: 1 };
    const b = await createInstance<TestDoc>(storage, other, 'schema-db', 'c');
    await b.remove();
  });

  it('two instances of one collection see the same data', async () => {
    const a = await createInstance<TestDoc>(storage, schema, 'twin-db');
    const b = await createInstance<TestDoc>(storage, schema, 'twin-db');
    const doc = newDocument('x', fields, false);
    await a.bulkWrite([{ document: doc }], 't');
    const next = { ...doc, age: 31, _rev: createRevision('t', doc), _meta: { lwt: now() } };
    expect((await b.bulkWrite([{ previous: doc, document: next }], 't')).error).toEqual([]);
    expect((await a.findDocumentsById(['x'], false))[0]?.age).toBe(31);
    await a.close();
    await b.remove();
  });
});
