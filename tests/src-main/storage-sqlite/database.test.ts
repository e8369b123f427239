import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseFilePath, openDatabase } from '../../../src-main/storage-sqlite/database';
import { isSqliteStorageError, type SqliteStorageError } from '../../../src-main/storage-sqlite/storage-error';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import type { TestDoc } from './helpers';
import { createInstance, tempDirectory, testSchema } from './helpers';
import { newDocument } from './random-ops';

const temp = tempDirectory();
afterAll(() => temp.cleanup());

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(isSqliteStorageError(error)).toBe(true);
    expect((error as SqliteStorageError).code).toBe(code);
    return;
  }
  throw new Error(`expected a ${code} error`);
}

function writeOneDocument(filePath: string, key?: string): void {
  const db = openDatabase({ filePath, key });
  db.exec('CREATE TABLE secret (v TEXT)');
  db.prepare('INSERT INTO secret VALUES (?)').run('信访人：张三');
  db.close();
}

describe('openDatabase', () => {
  it('a file written with a key opens with the same key', () => {
    const filePath = path.join(temp.dir, 'keyed.sqlite');
    writeOneDocument(filePath, 'correct horse');
    const db = openDatabase({ filePath, key: 'correct horse' });
    expect(db.prepare('SELECT v FROM secret').pluck().get()).toBe('信访人：张三');
    db.close();
  });

  it('a wrong key is a SQLITE_WRONG_KEY error, not a crash', () => {
    const filePath = path.join(temp.dir, 'keyed2.sqlite');
    writeOneDocument(filePath, 'correct horse');
    expectCode(() => openDatabase({ filePath, key: 'wrong' }), 'SQLITE_WRONG_KEY');
  });

  it('a keyed file is unreadable without the key, and its bytes do not contain the plaintext', () => {
    const filePath = path.join(temp.dir, 'keyed3.sqlite');
    writeOneDocument(filePath, 'correct horse');
    expectCode(() => openDatabase({ filePath }), 'SQLITE_WRONG_KEY');
    const plain = new Database(filePath);
    expect(() => plain.prepare('SELECT * FROM secret').all()).toThrow();
    plain.close();
    expect(readFileSync(filePath).includes(Buffer.from('张三', 'utf8'))).toBe(false);
  });

  it('a corrupt file is a SQLITE_CORRUPT error', () => {
    const filePath = path.join(temp.dir, 'corrupt.sqlite');
    writeOneDocument(filePath);
    const bytes = readFileSync(filePath);
    // Keep the plain header, trash the rest of the first page (the schema lives there).
    bytes.fill(0xa5, 100, Math.min(bytes.length, 4096));
    writeFileSync(filePath, bytes);
    expectCode(() => openDatabase({ filePath }), 'SQLITE_CORRUPT');
  });

  it('a file locked by another connection is a SQLITE_LOCKED error after the busy timeout', () => {
    const filePath = path.join(temp.dir, 'locked.sqlite');
    writeOneDocument(filePath);
    const holder = new Database(filePath);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      expectCode(() => openDatabase({ filePath, busyTimeoutMs: 50 }), 'SQLITE_LOCKED');
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
  });

  it('uses WAL mode', () => {
    const db = openDatabase({ filePath: path.join(temp.dir, 'wal.sqlite') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('maps any database name to a file inside the directory', () => {
    expect(databaseFilePath('/d', 'desk-1')).toBe(path.join('/d', 'desk-1.sqlite'));
    expect(path.dirname(databaseFilePath('/d', '../../etc/passwd'))).toBe('/d');
    expect(path.dirname(databaseFilePath('/d', '信访'))).toBe('/d');
  });
});

describe('storage with a key', () => {
  it('createStorageInstance with the wrong key rejects with SQLITE_WRONG_KEY', async () => {
    const dir = path.join(temp.dir, 'storage-key');
    const schema = testSchema();
    const right = getRxStorageSQLite({ databaseDirectory: dir, key: 'k1' });
    const instance = await createInstance<TestDoc>(right, schema, 'desk');
    await instance.bulkWrite(
      [{ document: newDocument('a', { name: '张三', age: 1, flag: true, tag: '', note: '' }, false) }],
      't',
    );
    await instance.close();
    const wrong = getRxStorageSQLite({ databaseDirectory: dir, key: 'k2' });
    await expect(createInstance<TestDoc>(wrong, schema, 'desk')).rejects.toMatchObject({ code: 'SQLITE_WRONG_KEY' });
    const none = getRxStorageSQLite({ databaseDirectory: dir });
    await expect(createInstance<TestDoc>(none, schema, 'desk')).rejects.toMatchObject({ code: 'SQLITE_WRONG_KEY' });
    const again = await createInstance<TestDoc>(right, schema, 'desk');
    expect((await again.findDocumentsById(['a'], false)).map((d) => d.name)).toEqual(['张三']);
    await again.close();
  });
});
