import type { SqliteStorageErrorCode } from '../storage-sqlite/storage-error';
import { SqliteStorageError } from '../storage-sqlite/storage-error';

/** An error as it crosses from the desk worker to the host (Error objects lose their class and code in a clone). */
export type SerializedError = {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
};

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return { name: error.name, message: error.message, stack: error.stack, ...(code ? { code } : {}) };
}

const STORAGE_CODES: ReadonlySet<string> = new Set<SqliteStorageErrorCode>([
  'SQLITE_WRONG_KEY',
  'SQLITE_LOCKED',
  'SQLITE_CORRUPT',
  'SQLITE_CANT_OPEN',
  'SQLITE_SCHEMA_MISMATCH',
  'SQLITE_CLOSED',
  'SQLITE_ERROR',
]);

/** Rebuilds the error on the host side; storage errors keep their class and code (startup-failure.ts reads it). */
export function deserializeError(serialized: SerializedError): Error {
  const error =
    serialized.code && STORAGE_CODES.has(serialized.code)
      ? // The set above holds exactly the SqliteStorageErrorCode values.
        new SqliteStorageError(serialized.code as SqliteStorageErrorCode, serialized.message)
      : Object.assign(new Error(serialized.message), { name: serialized.name, code: serialized.code });
  if (serialized.stack) error.stack = `${error.name}: ${error.message}\n    (in the desk worker)\n${serialized.stack}`;
  return error;
}
