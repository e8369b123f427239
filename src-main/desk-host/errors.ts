import type { DeskHostErrorCode } from '#shared/contract/host-errors';

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

/** Rebuilds the error on the host side with its name and code (a storage error's SQLITE_… code among them). */
export function deserializeError(serialized: SerializedError): Error {
  const error = Object.assign(new Error(serialized.message), { name: serialized.name, code: serialized.code });
  if (serialized.stack) error.stack = `${error.name}: ${error.message}\n    (in the desk worker)\n${serialized.stack}`;
  return error;
}

/** The developer's account of each failure, for the log; the person at the desk reads `deskHostErrorText` by code. */
const hostErrorMessage: Record<DeskHostErrorCode, string> = {
  'desk-core-exited': 'The desk core process exited unexpectedly',
  'desk-core-close-timeout': 'The desk core did not close in time and was killed',
  'desk-core-close-failed': 'The desk core failed while closing',
};

/**
 * A failure of the desk core's process (core-process.ts), reported by the host, which itself goes on: `code` picks
 * the user's text in the catalogue, `detail` says for the log how the process ended.
 */
export class DeskHostError extends Error {
  override readonly name = 'DeskHostError';
  constructor(
    readonly code: DeskHostErrorCode,
    readonly detail: string,
  ) {
    super(hostErrorMessage[code]);
  }
}
