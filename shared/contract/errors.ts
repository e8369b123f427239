import type { ReasonCode } from '../domain/reasons';

/**
 * Errors that cross the transport. Only these plain objects travel (never a stack or an internal message), and
 * the renderer maps `code` to Chinese through the message catalogue.
 */
export type ApiErrorCode =
  | ReasonCode
  | 'invalid-arguments'
  | 'unknown-handler'
  | 'not-logged-in'
  | 'login-failed'
  | 'login-locked'
  | 'user-disabled'
  | 'signing-key-invalid' // the user's act-signing key does not unwrap with the password that logged in
  | 'forbidden'
  | 'id-number-taken' // another 信访人 record holds this 证件号码
  | 'not-found'
  | 'enrol-needs-approver' // a desk already enrolled or holding records is enrolled by a signed-in 负责人/管理员
  | 'server-identity-changed' // the server is not the county this desk pinned; replacing it must be said
  | 'server-identity-mismatch' // the server could not prove its identity
  | 'unsynced-data' // records not yet at the county they belong to: no change of county now
  | 'storage-failed'
  | 'internal';

export interface ApiProblem {
  readonly code: ApiErrorCode;
  /** Dotted path of the offending field, e.g. 'registration.petitioners.5'. */
  readonly field?: string;
}

export interface ApiErrorData {
  readonly code: ApiErrorCode;
  readonly problems?: readonly ApiProblem[];
}

/** Thrown by handlers and re-thrown on the calling side of every transport. */
export class ApiError extends Error implements ApiErrorData {
  readonly code: ApiErrorCode;
  readonly problems?: readonly ApiProblem[];

  constructor(code: ApiErrorCode, problems?: readonly ApiProblem[]) {
    super(code);
    this.name = 'ApiError';
    this.code = code;
    if (problems !== undefined) this.problems = problems;
  }

  toData(): ApiErrorData {
    return this.problems === undefined ? { code: this.code } : { code: this.code, problems: this.problems };
  }
}

/** The safe form of any thrown value: an ApiError keeps its code, anything else becomes 'internal'. */
export function toErrorData(error: unknown): ApiErrorData {
  return error instanceof ApiError ? error.toData() : { code: 'internal' };
}

/** Rebuilds the error on the calling side from its safe form. */
export function fromErrorData(data: ApiErrorData): ApiError {
  return new ApiError(data.code, data.problems);
}
