import { afterAll, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, randomToken } from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import type { RxCollection, RxDatabase, RxStorage } from 'rxdb';
import { averageSchema, averageSchemaData, human, humanData } from 'rxdb/plugins/test-utils';
import type { AverageSchemaDocumentType, HumanDocumentType } from 'rxdb/plugins/test-utils';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import { firstValueFrom } from 'rxjs';
import type { TestDoc } from './helpers';
import { tempDirectory, testSchema } from './helpers';
import { newDocument } from './random-ops';

addRxPlugin(RxDBAttachmentsPlugin);
const temp = tempDirectory();
afterAll(() => temp.cleanup());

type Collections = {
  humans: RxCollection<HumanDocumentType>;
  averages: RxCollection<AverageSchemaDocumentType>;
  letters: RxCollection<{ id: string; title: string }>;
};

const averages = averageSchema();
const letterSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, title: { type: 'string', maxLength: 40 } },
  required: ['id', 'title'],
  indexes: ['title'],
  attachments: {},
} as const;

async function openDesk(storage: RxStorage<unknown, unknown>, name: string) {
  const db: RxDatabase<Collections> = await createRxDatabase<Collections>({ name, storage, multiInstance: false });
  await db.addCollections({
    humans: { schema: human },
    averages: { schema: averages },
    letters: { schema: letterSchema },
  });
  return db;
}

describe('a full RxDatabase on the SQLite storage', () => {
  it('works with several collections, attachments, and keeps every document across a reopen', async () => {
    const storage = getRxStorageSQLite({ databaseDirectory: temp.dir });
    const db = await openDesk(storage, 'desk');
    const people = Array.from({ length: 300 }, () => humanData());
    await db.humans.bulkInsert(people);
    await db.averages.bulkInsert(Array.from({ length: 50 }, () => averageSchemaData()));
    const letter = await db.letters.insert({ id: 'l1', title: '来信' });
    await letter.putAttachment({
      id: 'scan.png',
      data: new Blob(['扫描件'], { type: 'image/png' }),
      type: 'image/png',
    });
    const oldest = await db.humans.find({ sort: [{ age: 'desc' }], limit: 3 }).exec();
    expect(oldest.map((d) => d.age)).toEqual(
      people
        .map((p) => p.age ?? 0)
        .sort((a, b) => b - a)
        .slice(0, 3),
    );
    const first = people[0];
    if (!first) throw new Error('no people');
    await (await db.humans.findOne(first.passportId).exec())?.incrementalPatch({ firstName: '改名' });
    await db.humans.findOne(people[1]?.passportId).remove();
    await db.close();

    const reopened = await openDesk(getRxStorageSQLite({ databaseDirectory: temp.dir }), 'desk');
    expect(await reopened.humans.count().exec()).toBe(299);
    expect(await reopened.averages.count().exec()).toBe(50);
    expect((await reopened.humans.findOne(first.passportId).exec())?.firstName).toBe('改名');
    const attachment = (await reopened.letters.findOne('l1').exec())?.getAttachment('scan.png');
    expect(await attachment?.getStringData()).toBe('扫描件');
    await reopened.remove();
  });

  it("two storage instances of one collection in one process see each other's changes (multiInstance)", async () => {
    const storage = getRxStorageSQLite({ databaseDirectory: temp.dir });
    const schema = testSchema();
    const open = () =>
      storage.createStorageInstance<TestDoc>({
        databaseInstanceToken: randomToken(10),
        databaseName: 'multi',
        collectionName: 'petitions',
        schema,
        options: {},
        multiInstance: true,
        devMode: false,
      });
    const a = await open();
    const b = await open();
    const seen = firstValueFrom(b.changeStream());
    await a.bulkWrite(
      [{ document: newDocument('x', { name: '张三', age: 1, flag: true, tag: '', note: '' }, false) }],
      't',
    );
    expect((await seen).events.map((e) => e.documentId)).toEqual(['x']);
    await b.close();
    await a.remove();
  });
});
