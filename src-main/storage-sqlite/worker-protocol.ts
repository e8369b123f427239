import type { RxStorageInstanceCreationParams } from 'rxdb';
import type { SqliteStorageErrorCode } from './database';
import { SqliteStorageError } from './database';
import type { SqliteInstanceOptions } from './instance';

/** The storage methods the host forwards to the worker; arguments and results are structured-cloned. */
export type ForwardedMethod =
  | 'bulkWrite'
  | 'findDocumentsById'
  | 'query'
  | 'count'
  | 'getChangedDocumentsSince'
  | 'getAttachmentData'
  | 'cleanup'
  | 'close'
  | 'remove';

export type HostRequest =
  | { readonly kind: 'create'; readonly params: RxStorageInstanceCreationParams<unknown, SqliteInstanceOptions> }
  | {
      readonly kind: 'call';
      readonly instanceId: number;
      readonly method: ForwardedMethod;
      readonly args: readonly unknown[];
    };

export type HostMessage = HostRequest & { readonly requestId: number };

/**
 * Messages from the worker. postMessage keeps order, and the worker posts an instance's change events
 * before the answer of the bulkWrite that caused them, so the host emits events before it resolves.
 */
export type WorkerMessage =
  | { readonly kind: 'result'; readonly requestId: number; readonly value: unknown }
  | { readonly kind: 'error'; readonly requestId: number; readonly error: SerializedError }
  | { readonly kind: 'events'; readonly instanceId: number; readonly bulk: unknown };

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

/** Rebuilds the error on the host side; storage errors keep their class and code. */
export function deserializeError(serialized: SerializedError): Error {
  const error =
    serialized.code && STORAGE_CODES.has(serialized.code)
      ? // The set above holds exactly the SqliteStorageErrorCode values.
        new SqliteStorageError(serialized.code as SqliteStorageErrorCode, serialized.message)
      : Object.assign(new Error(serialized.message), { name: serialized.name, code: serialized.code });
  if (serialized.stack) error.stack = `${error.name}: ${error.message}\n    (in the SQLite worker)\n${serialized.stack}`;
  return error;
}
