/*
 * The storage's errors, in a module of their own with no imports: code that only tells them apart (the desk host
 * on the Electron main thread, tests) need not load SQLite or RxDB.
 */

/** Reason codes of the errors this storage throws on purpose; callers switch on `code`, never on text. */
const sqliteStorageErrorCodes = [
  'SQLITE_WRONG_KEY',
  'SQLITE_LOCKED',
  'SQLITE_CORRUPT',
  'SQLITE_CANT_OPEN',
  'SQLITE_SCHEMA_MISMATCH',
  'SQLITE_CLOSED',
  'SQLITE_ERROR',
] as const;
export type SqliteStorageErrorCode = (typeof sqliteStorageErrorCodes)[number];

const knownCodes: ReadonlySet<string> = new Set(sqliteStorageErrorCodes);

/** Whether a value (an error's `code` as it crossed from the desk worker) is one of these codes. */
const isSqliteStorageErrorCode = (value: unknown): value is SqliteStorageErrorCode =>
  typeof value === 'string' && knownCodes.has(value);

const NAME = 'SqliteStorageError';

/**
 * An error this storage throws on purpose: a plain `Error` with a code, never a subclass, since RxDB's storage
 * tests expect a plain `Error` (e.g. from `remove()` after `close()`). The name marks it in logs; the message is
 * English, for the developer (the person at the desk reads the catalogue's text).
 */
export type SqliteStorageError = Error & { readonly name: typeof NAME; readonly code: SqliteStorageErrorCode };

export function sqliteStorageError(
  code: SqliteStorageErrorCode,
  message: string,
  options?: { cause?: unknown },
): SqliteStorageError {
  return Object.assign(new Error(message, options), { name: NAME, code } as const);
}

/** Tells this storage's errors from others, e.g. better-sqlite3's own, which carry SQLite's codes too. */
export function isSqliteStorageError(error: unknown): error is SqliteStorageError {
  return error instanceof Error && error.name === NAME && isSqliteStorageErrorCode((error as { code?: unknown }).code); // any code, checked here
}
