import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fillWithDefaultSettings, randomToken } from 'rxdb';
import type { MangoQuerySelector, RxDocumentData, RxJsonSchema, RxStorage, RxStorageInstance } from 'rxdb';

/** A temp folder per test file; `cleanup` removes it (call it in afterAll/afterEach). */
export function tempDirectory(prefix = 'sqlite-storage-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A petition-like document: indexed CJK names, ages, a flag; tags and notes are not indexed. */
export type TestDoc = {
  id: string;
  name: string;
  age: number;
  flag: boolean;
  tag: string;
  note: string;
};

export function testSchema(attachments = false): RxJsonSchema<RxDocumentData<TestDoc>> {
  return fillWithDefaultSettings<TestDoc>({
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 20 },
      name: { type: 'string', maxLength: 12 },
      age: { type: 'integer', minimum: 0, maximum: 150, multipleOf: 1 },
      flag: { type: 'boolean' },
      tag: { type: 'string', maxLength: 8 },
      note: { type: 'string' },
    },
    required: ['id', 'name', 'age', 'flag', 'tag', 'note'],
    indexes: ['name', 'age', ['flag', 'age'], ['name', 'age']],
    ...(attachments ? { attachments: {} } : {}),
  });
}

export function createInstance<T>(
  storage: RxStorage<unknown, unknown>,
  schema: RxJsonSchema<RxDocumentData<T>>,
  databaseName = 'db' + randomToken(8),
  collectionName = 'petitions',
): Promise<RxStorageInstance<T, unknown, unknown>> {
  return storage.createStorageInstance<T>({
    databaseInstanceToken: randomToken(10),
    databaseName,
    collectionName,
    schema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

/** The selector RxDB sends for a normal query: the given one plus `_deleted: false`. */
export function notDeleted(selector: MangoQuerySelector<TestDoc> = {}): MangoQuerySelector<TestDoc> {
  // RxDB adds _deleted to every query selector itself; the public selector type does not list it.
  return { ...selector, _deleted: { $eq: false } } as MangoQuerySelector<TestDoc>;
}
