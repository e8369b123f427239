import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { isSqliteStorageError, sqliteStorageError } from './storage-error';

export { sqliteStorageError } from './storage-error';

/** A connection to one database file (one RxDB database = one file). */
export type SqliteConnection = Database.Database;
export type SqliteStatement = Database.Statement<unknown[], unknown>;

export type OpenDatabaseOptions = {
  readonly filePath: string;
  /** SQLCipher passphrase; without it the file is plain SQLite. */
  readonly key?: string;
  /** How long a write waits for another connection's lock before failing with SQLITE_LOCKED. */
  readonly busyTimeoutMs?: number;
};

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const PLAIN_SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Opens (creating if needed) a database file: cipher key, WAL, busy timeout. Any failure becomes a
 * SqliteStorageError with a code, and the half-open handle is closed so the file is not left locked.
 */
export function openDatabase(options: OpenDatabaseOptions): SqliteConnection {
  mkdirSync(path.dirname(options.filePath), { recursive: true });
  let db: SqliteConnection | undefined;
  try {
    db = new Database(options.filePath);
    if (options.key !== undefined) {
      // SQLCipher v4 format, so the file opens in other SQLCipher tools; the cipher must precede the key.
      db.pragma(`cipher='sqlcipher'`);
      db.pragma(`legacy=4`);
      db.key(Buffer.from(options.key, 'utf8'));
    }
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    // The first real read: a wrong key or a damaged header fails here, not on some later query.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a process crash (kill -9); only an OS crash
    // or power loss may roll back the last commits, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = OFF');
    // SQLite's default page cache is 2 MB, less than the index pages of a few thousand documents;
    // 32 MB keeps a desk's working set in memory (pages are allocated only when used).
    db.pragma('cache_size = -32768');
    // A checkpoint copies the WAL into the file and fsyncs, inside whichever commit crosses the limit:
    // at SQLite's default 1,000 pages (4 MB) that is every few bulk writes of a few thousand documents,
    // and it made those commits 10-30x slower than the rest. 4,000 pages (16 MB) checkpoints a quarter
    // as often, and a page rewritten between checkpoints is copied once; closing the file checkpoints too.
    db.pragma('wal_autocheckpoint = 4000');
    return db;
  } catch (error) {
    db?.close();
    throw toStorageError(error, options);
  }
}

/** Maps a better-sqlite3 error to a SqliteStorageError; errors that are already mapped pass through. */
export function toStorageError(error: unknown, options?: Pick<OpenDatabaseOptions, 'filePath' | 'key'>): Error {
  if (isSqliteStorageError(error)) return error;
  const sqliteCode = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const where = options ? ` (${options.filePath})` : '';
  if (sqliteCode === 'SQLITE_NOTADB' && options) {
    if (hasPlainHeader(options.filePath)) {
      return sqliteStorageError('SQLITE_CORRUPT', `The database file is damaged${where}: ${message}`, { cause: error });
    }
    const hint = options.key === undefined ? 'The file is encrypted and needs a key' : 'The key is wrong';
    return sqliteStorageError('SQLITE_WRONG_KEY', `${hint}, or the file is not a database${where}`, { cause: error });
  }
  if (sqliteCode.startsWith('SQLITE_BUSY') || sqliteCode.startsWith('SQLITE_LOCKED')) {
    return sqliteStorageError(
      'SQLITE_LOCKED',
      `The database file is locked by another connection${where}: ${message}`,
      { cause: error },
    );
  }
  if (sqliteCode.startsWith('SQLITE_CORRUPT') || sqliteCode === 'SQLITE_NOTADB') {
    return sqliteStorageError('SQLITE_CORRUPT', `The database file is damaged${where}: ${message}`, { cause: error });
  }
  if (sqliteCode.startsWith('SQLITE_CANTOPEN') || sqliteCode.startsWith('SQLITE_READONLY')) {
    return sqliteStorageError('SQLITE_CANT_OPEN', `Cannot open the database file${where}: ${message}`, {
      cause: error,
    });
  }
  if (sqliteCode.startsWith('SQLITE_')) {
    return sqliteStorageError('SQLITE_ERROR', `${message}${where}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(message);
}

function hasPlainHeader(filePath: string): boolean {
  if (!existsSync(filePath)) return false;
  const fd = openSync(filePath, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.toString('latin1') === PLAIN_SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** File name for an RxDB database name; names that are not plain file names are hex-encoded. */
export function databaseFilePath(directory: string, databaseName: string): string {
  const safe =
    /^[A-Za-z0-9_.$-]{1,100}$/.test(databaseName) && !databaseName.startsWith('.')
      ? databaseName
      : 'x-' + Buffer.from(databaseName, 'utf8').toString('hex').slice(0, 200);
  return path.join(directory, `${safe}.sqlite`);
}
