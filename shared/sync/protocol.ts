/**
 * The wire protocol between a desk and the county server (design.md §3): RxDB's replication protocol over HTTP,
 * one replication per replicated collection fed by one multiplexed stream per desk, plus device enrolment. Shared by the server (`src-server`) and the
 * desk's replication client (`shared/core/replication*.ts`), so both sides agree on every shape and code.
 */

/** Base path of every endpoint; bump the version on an incompatible change. */
export const API_BASE = '/api/v1';

/** How each collection travels (design.md §2). `cases` is local only and never leaves the desk. */
export const replicatedCollections = {
  offices: 'down',
  users: 'down',
  calendars: 'down',
  petitioners: 'both',
  petitions: 'both',
  case_events: 'both',
  audit: 'up',
} as const;
export type ReplicatedCollection = keyof typeof replicatedCollections;
export type SyncDirection = 'down' | 'up' | 'both';

/** Pages of ~1,000 documents: at RxDB's default of 100 sync is 3–4× slower (design.md §10). */
export const SYNC_BATCH_SIZE = 1_000;

/**
 * A position in one office's feed: the server sequence of the last document read, then its id (pull pages are
 * ordered by (seq, id) and the server assigns seq itself, design.md §10). Opaque to the desk.
 */
export interface FeedCheckpoint {
  readonly seq: number;
  readonly id: string;
}

/** A document as it travels: its fields plus RxDB's `_deleted` flag. */
export type WireDocument = Record<string, unknown> & { readonly _deleted: boolean };

/** `GET …/<collection>/pull?checkpoint=<json>&limit=<n>`. */
export interface PullResponse {
  readonly documents: readonly WireDocument[];
  readonly checkpoint: FeedCheckpoint | null;
}

/** A page of one collection's feed on the desk's stream: a pull page tagged with its collection. */
export interface StreamPage extends PullResponse {
  readonly collection: string;
}

/**
 * A message of `GET …/replication/stream` (Server-Sent Events, one `data:` line each): `RESYNC` first, once the
 * stream's cursors are at its feeds' heads (whatever was appended before must be pulled), then pages of every
 * collection that pulls, as the office's feeds grow.
 */
export type StreamMessage = 'RESYNC' | StreamPage;

/**
 * Open streams a device may hold on one server process. The desk holds one; the second slot is for the stream
 * its reconnect opens while the server has not yet noticed the last one died (a half-open connection). A further
 * stream ends the device's oldest (routes/replication-stream.ts).
 */
export const STREAMS_PER_DEVICE = 2;

/**
 * The server writes a comment on every open stream this often, so a desk can tell a quiet county from a dead
 * connection: a desk that hears nothing for several intervals ends the stream and connects again.
 */
export const STREAM_PING_MS = 15_000;

/** One row of `POST …/<collection>/push`. */
export interface PushRow {
  readonly assumedMasterState?: WireDocument | null;
  readonly newDocumentState: WireDocument;
}

/**
 * Why the server refused one pushed document; the rest of the batch is kept (design.md §3). The desk shows these
 * through `syncRefusalText` in the message catalogue.
 */
export const syncRefusals = [
  'doc-malformed', // not a document of the collection's schema
  'doc-too-large', // one document over MAX_DOCUMENT_BYTES
  'doc-other-office', // the document belongs to another office
  'actor-not-of-office', // the acting or registering user is not a user of the pushing office (or lacks the role)
  'act-payload-invalid', // an act whose payload fails its schema
  'case-not-visible', // an act on a matter the pushing office may not see (第三十条第三款)
  'event-rewrite', // another body under an existing event id: events are append-only
  'doc-immutable', // a 信访件 changed after it was saved
  'delete-refused', // deleting a record that is never deleted
  'collection-read-only', // offices, users and calendars come from the county only
  'signature-invalid', // an act not signed by its actor's key (or changed since), or unsigned though the actor has a key
  'actor-disabled', // recorded after the acting user was disabled (acts recorded before it are kept)
  'petitioner-not-visible', // linking or changing a 信访人 the pushing office may not see (第三十条第三款)
  'case-already-registered', // a second 登记 of a matter (第十九条; a back-dated one would unmask it, 第三十条第三款)
  'case-too-many-events', // an event beyond the matter's MAX_EVENTS_PER_CASE (shared/domain/case-cap.ts)
  'doc-unknown-field', // a key the server's schema does not know, from a desk that declares no newer schema (or in a signed act)
] as const;
export type SyncRefusalCode = (typeof syncRefusals)[number];

export interface SyncRefusal {
  readonly id: string;
  readonly code: SyncRefusalCode;
}

/**
 * Answer to a push: the server's current state of every conflicting document (RxDB's protocol), and the
 * documents refused with their codes.
 */
export interface PushResponse {
  readonly conflicts: readonly WireDocument[];
  readonly refused: readonly SyncRefusal[];
}

/** The largest single document the server stores (a 信访件 may carry ~44,000 characters of text). */
export const MAX_DOCUMENT_BYTES = 256 * 1024;

/** `POST /auth/login`: a user enrols this desk as a device of their office. */
export interface EnrolRequest {
  readonly login: string;
  readonly password: string;
  readonly deviceName: string;
}

/** Tokens of an enrolled device: a short-lived access token (jose JWT) and a rotating refresh token. */
export interface DeviceTokens {
  readonly deviceId: string;
  readonly officeId: string;
  readonly accessToken: string;
  /** Seconds until the access token expires. */
  readonly expiresIn: number;
  readonly refreshToken: string;
  /** The server clock (ISO instant), to flag a drifting desk clock (design.md §3). */
  readonly serverTime: string;
}

/**
 * Reason codes of the auth endpoints (HTTP 401/403/429 bodies carry `{ code }`). `device-owner-disabled`: the user
 * who enrolled the desk was disabled, a 负责人 enrols it again; `refresh-replayed`: a spent refresh token came back
 * (a copy), so the device was revoked.
 */
export const authErrors = [
  'login-failed',
  'login-rate-limited',
  'user-disabled',
  'token-invalid',
  'device-revoked',
  'forbidden',
  'device-owner-disabled',
  'refresh-replayed',
] as const;
export type AuthErrorCode = (typeof authErrors)[number];

/**
 * The county server's identity (design.md §5): an id and an Ed25519 public key (hex), shown to every desk at
 * `GET /identity` and pinned by a desk at its first enrolment. Before any push or pull the desk has the server
 * sign a fresh nonce (`POST /identity/challenge`), and never syncs with a server that cannot.
 */
export interface ServerIdentity {
  readonly id: string;
  readonly publicKey: string;
}

/** The server's answer: its id and its signature (hex) over `identityMessage(id, nonce)`. */
export interface IdentityProof {
  readonly id: string;
  readonly signature: string;
}

/** What the server signs: prefixed, so its key signs nothing that could be read as anything else. */
export const identityMessage = (id: string, nonce: string): string =>
  `xinfang-desk county server identity v1\n${id}\n${nonce}`;

/** A desk's nonce: 32 random bytes in hex. */
export const NONCE_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Why the desk's sync is not healthy: the `lastError` of the sync status. The desk shows these through
 * `syncErrorText` in the message catalogue.
 */
export const syncErrorCodes = [
  ...authErrors,
  ...syncRefusals,
  'server-unreachable',
  'server-error',
  'not-enrolled',
  'clock-drift',
  'server-identity-mismatch',
] as const;
export type SyncErrorCode = (typeof syncErrorCodes)[number];

const knownSyncErrorCodes: ReadonlySet<string> = new Set(syncErrorCodes);

/** Whether a value (an error's `code`, as RxDB passes it on) is one of the sync error codes. */
export const isSyncErrorCode = (value: unknown): value is SyncErrorCode =>
  typeof value === 'string' && knownSyncErrorCodes.has(value);

/** Desk clock and server clock may differ by this much before the desk and the server flag it (design.md §3). */
export const MAX_CLOCK_DRIFT_MS = 5 * 60_000;

/** The endpoint paths. */
export const syncPaths = {
  login: `${API_BASE}/auth/login`,
  refresh: `${API_BASE}/auth/refresh`,
  identity: `${API_BASE}/identity`,
  identityChallenge: `${API_BASE}/identity/challenge`,
  pull: (collection: string) => `${API_BASE}/replication/${collection}/pull`,
  push: (collection: string) => `${API_BASE}/replication/${collection}/push`,
  /** The desk's one stream, multiplexing every collection that pulls. */
  stream: `${API_BASE}/replication/stream`,
} as const;
