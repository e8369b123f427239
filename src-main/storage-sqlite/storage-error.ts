/*
 * The storage's error class, in a module of its own with no imports: the desk host rebuilds these errors on the
 * Electron main thread, which must not load SQLite (or RxDB) just to know the class.
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
export const isSqliteStorageErrorCode = (value: unknown): value is SqliteStorageErrorCode => typeof value === 'string' && knownCodes.has(value);

export class SqliteStorageError extends Error {
  override readonly name = 'SqliteStorageError';
  constructor(
    readonly code: SqliteStorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
