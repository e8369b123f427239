import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatabaseKeyErrorCode } from '#shared/contract/host-errors';

/**
 * The SQLCipher key of the desk database (design.md §5, personal data protected at rest).
 *
 * The key is random (32 bytes, hex) and created on first run; the file holds it only as ciphertext of the
 * operating system's key store (Electron `safeStorage`: DPAPI on Windows, the Keychain on macOS, libsecret or
 * KWallet on Linux), so a copied data folder is unreadable on another machine or Windows account.
 *
 * When the key store is missing (Linux without a keyring, where Electron falls back to a fixed password) the desk
 * refuses to start with a clear message rather than keep the key in the clear: a key next to the database it
 * opens protects nothing, and silently running unprotected would hide that from the office. The database must
 * open before anyone logs in (it holds the login verifiers), so it cannot be keyed to a staff password; fields
 * keyed to staff login are a separate, later layer.
 */

/** The operating system's key store, as the key file needs it (Electron's safeStorage in main.ts, a fake in tests). */
export interface KeyCipher {
  /** Whether strong encryption is available (false for Linux's 'basic_text' fallback). */
  available(): Promise<boolean>;
  encrypt(plain: string): Promise<Uint8Array>;
  /** `reEncrypt`: the store rotated its key and the file should be rewritten with fresh ciphertext. */
  decrypt(cipherText: Uint8Array): Promise<{ plain: string; reEncrypt: boolean }>;
}

export class DatabaseKeyError extends Error {
  constructor(
    readonly code: DatabaseKeyErrorCode,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'DatabaseKeyError';
  }
}

export interface DatabaseKeyOptions {
  /** The key file, e.g. `<userData>/database.key`. */
  readonly keyFile: string;
  /** The database folder: if it holds files, the key must already exist. */
  readonly databaseDirectory: string;
  readonly cipher: KeyCipher;
}

const keyPattern = /^[0-9a-f]{64}$/;

/** Reads the database key, creating it on the very first run. Never overwrites a key file that exists. */
export async function loadDatabaseKey(options: DatabaseKeyOptions): Promise<string> {
  const { keyFile, databaseDirectory, cipher } = options;
  if (!(await cipher.available())) throw new DatabaseKeyError('encryption-unavailable');
  const stored = await readIfPresent(keyFile);
  if (stored === undefined) {
    if (await hasEntries(databaseDirectory)) throw new DatabaseKeyError('key-missing');
    const key = randomBytes(32).toString('hex');
    await writeAtomically(keyFile, await cipher.encrypt(key));
    return key;
  }
  let decrypted: { plain: string; reEncrypt: boolean };
  try {
    decrypted = await cipher.decrypt(stored);
  } catch (cause) {
    throw new DatabaseKeyError('key-unreadable', { cause });
  }
  if (!keyPattern.test(decrypted.plain)) throw new DatabaseKeyError('key-unreadable');
  if (decrypted.reEncrypt) {
    // Best effort: the old ciphertext still decrypts, so a failed rewrite only postpones the rotation.
    await cipher
      .encrypt(decrypted.plain)
      .then((fresh) => writeAtomically(keyFile, fresh))
      .catch(() => undefined);
  }
  return decrypted.plain;
}

async function readIfPresent(file: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new DatabaseKeyError('key-unreadable', { cause: error });
  }
}

async function hasEntries(directory: string): Promise<boolean> {
  try {
    return (await readdir(directory)).length > 0;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/**
 * Write, flush, then rename: a crash leaves either no key file or a whole one, never a torn file that would lock
 * the office out of its database. Owner-only permissions where the platform has them.
 */
async function writeAtomically(file: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT'; // Node's fs error shape
}
