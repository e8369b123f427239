import type { WireEvent, WireRequest, WireResponse } from '#shared/contract/transport';
import type { SerializedError } from './errors';

/** What the host passes to the desk core's process in its `start` message (structured-cloned). */
export type DeskWorkerData = {
  readonly databaseDirectory: string;
  /** SQLCipher key of the database files. */
  readonly key?: string;
  /** Database name (the file stem); the desk's default when absent. */
  readonly name?: string;
  /** Put the demo county into an empty database (development builds and tests only). */
  readonly seedDemo?: boolean;
  /** scrypt cost of the demo users' password verifiers; tests lower it, the default is the real one. */
  readonly demoPasswordCost?: { readonly N: number };
};

/** Host → core process: its start, wire requests, and the request to close the desk (the process then exits 0). */
export type HostToWorker =
  { readonly kind: 'start'; readonly data: DeskWorkerData } | WireRequest | { readonly kind: 'close' };

/** Worker → host. Responses and events are the contract's own wire messages. */
export type WorkerToHost =
  | WireResponse
  | WireEvent
  | { readonly kind: 'ready' }
  | { readonly kind: 'start-failed'; readonly error: SerializedError }
  /** A fault of ours inside a handler (not an ApiError): the caller got 'internal', the host logs this. */
  | { readonly kind: 'internal-error'; readonly error: SerializedError };
