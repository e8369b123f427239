import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseKeyError, loadDatabaseKey, type KeyCipher } from '../../../src-main/electron/database-key';

/** A stand-in for safeStorage: reversible, tagged so a foreign or damaged file fails to decrypt like DPAPI would. */
function fakeCipher(options: { available?: boolean; reEncrypt?: boolean } = {}): KeyCipher & { encryptions: number } {
  const tag = 'FAKE-OS-CIPHER:';
  const cipher = {
    encryptions: 0,
    available: async () => options.available ?? true,
    async encrypt(plain: string) {
      cipher.encryptions++;
      return new TextEncoder().encode(tag + [...plain].reverse().join(''));
    },
    async decrypt(data: Uint8Array) {
      const text = new TextDecoder().decode(data);
      if (!text.startsWith(tag)) throw new Error('The data could not be decrypted');
      return { plain: [...text.slice(tag.length)].reverse().join(''), reEncrypt: options.reEncrypt ?? false };
    },
  };
  return cipher;
}

async function expectKeyError(promise: Promise<unknown>, code: DatabaseKeyError['code']): Promise<void> {
  const error: unknown = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DatabaseKeyError);
  expect((error as DatabaseKeyError).code).toBe(code); // checked to be a DatabaseKeyError just above
}

describe('loadDatabaseKey', () => {
  let folder: string;
  let keyFile: string;
  let databaseDirectory: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'desk-key-'));
    keyFile = join(folder, 'database.key');
    databaseDirectory = join(folder, 'data');
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('creates a random 32-byte hex key on first run and reads the same key back', async () => {
    const cipher = fakeCipher();
    const key = await loadDatabaseKey({ keyFile, databaseDirectory, cipher });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await loadDatabaseKey({ keyFile, databaseDirectory, cipher })).toBe(key);
    expect(cipher.encryptions).toBe(1);
    const other = join(folder, 'other.key');
    expect(await loadDatabaseKey({ keyFile: other, databaseDirectory: join(folder, 'other'), cipher })).not.toBe(key);
  });

  it('stores only ciphertext, owner-only, and leaves no temporary file', async () => {
    const key = await loadDatabaseKey({ keyFile, databaseDirectory, cipher: fakeCipher() });
    expect((await readFile(keyFile)).toString('latin1')).not.toContain(key);
    if (process.platform !== 'win32') expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(await readdir(folder)).toEqual(['database.key']);
  });

  it('refuses to start without the OS key store, and writes nothing', async () => {
    await expectKeyError(
      loadDatabaseKey({ keyFile, databaseDirectory, cipher: fakeCipher({ available: false }) }),
      'encryption-unavailable',
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it('a damaged key file is a clear error and is left untouched', async () => {
    await writeFile(keyFile, 'garbage');
    await expectKeyError(loadDatabaseKey({ keyFile, databaseDirectory, cipher: fakeCipher() }), 'key-unreadable');
    expect(await readFile(keyFile, 'utf8')).toBe('garbage');
  });

  it('a file that decrypts to something other than a key is unreadable too', async () => {
    const cipher = fakeCipher();
    await writeFile(keyFile, await cipher.encrypt('not-a-key'));
    await expectKeyError(loadDatabaseKey({ keyFile, databaseDirectory, cipher }), 'key-unreadable');
  });

  it('refuses to make a new key when a database exists but its key file is gone', async () => {
    await mkdir(databaseDirectory);
    await writeFile(join(databaseDirectory, 'xinfang-desk.sqlite'), 'x');
    await expectKeyError(loadDatabaseKey({ keyFile, databaseDirectory, cipher: fakeCipher() }), 'key-missing');
    expect(await readdir(folder)).toEqual(['data']);
  });

  it('an empty database folder still gets a new key', async () => {
    await mkdir(databaseDirectory);
    expect(await loadDatabaseKey({ keyFile, databaseDirectory, cipher: fakeCipher() })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rewrites the file when the key store asks for re-encryption, keeping the key', async () => {
    const key = await loadDatabaseKey({ keyFile, databaseDirectory, cipher: fakeCipher() });
    const rotating = fakeCipher({ reEncrypt: true });
    expect(await loadDatabaseKey({ keyFile, databaseDirectory, cipher: rotating })).toBe(key);
    expect(rotating.encryptions).toBe(1);
    expect(await loadDatabaseKey({ keyFile, databaseDirectory, cipher: fakeCipher() })).toBe(key);
  });

  it('a key file that cannot be read (a folder in its place) is unreadable, not replaced', async () => {
    await mkdir(keyFile);
    await expectKeyError(loadDatabaseKey({ keyFile, databaseDirectory, cipher: fakeCipher() }), 'key-unreadable');
  });
});
