import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { DeviceTokens, EnrolRequest, IdentityProof, ServerIdentity, SyncErrorCode } from '../sync/protocol';
import { identityMessage, STREAM_PING_MS, syncPaths } from '../sync/protocol';
import { withDeadline } from '../sync/timers';
import { deskSchemaDeclaration } from '../domain/schemas';

/** The part of a fetch `Response` the desk reads; both Node's and the browser's fetch give it. */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  readonly body: {
    getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> };
  } | null;
}
/** The platform's fetch, as far as sync uses it; a request given a `signal` ends when it aborts (a missed deadline). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<ResponseLike>;

/** A failure the sync status reports by code. */
export class SyncFailure extends Error {
  constructor(readonly code: SyncErrorCode) {
    super(code);
  }
}

/**
 * How long the desk waits on a county that went silent. A connection that died half-open (a township router
 * restarted, a laptop moved to another network) sends no FIN: without a deadline a push or the stream waits on it
 * for as long as the operating system takes to notice, up to about 15 minutes, and the desk shows 同步中 meanwhile.
 */
export interface SyncTimeouts {
  /** A request with its answer read: a full page pushed over a slow township line takes seconds, not minutes. */
  readonly requestMs: number;
  /** The stream without a byte, though the server pings every STREAM_PING_MS. */
  readonly streamSilenceMs: number;
}
export const defaultTimeouts: SyncTimeouts = { requestMs: 120_000, streamSilenceMs: 3 * STREAM_PING_MS };

/** The enrolled device as the desk keeps it (a local document, never replicated). */
export interface DeviceState {
  readonly serverUrl: string;
  readonly deviceId: string;
  readonly officeId: string;
  refreshToken: string;
  /**
   * The county's identity, pinned at enrolment. A desk enrolled before identities existed pins what its server
   * shows at the first sync after the update: the address it already trusted.
   */
  server?: ServerIdentity;
}

/**
 * The desk's HTTP side of sync, platform-neutral: the platform injects `fetch` (Electron main: Node's; the web
 * worker: the browser's), so the core imports no network code of its own. Handles the device's tokens: a 401
 * refreshes the access token once and retries.
 */
export class SyncClient {
  private accessToken: string | undefined;
  /** One refresh at a time: refresh tokens rotate, so a second concurrent refresh would use a spent token. */
  private refreshing: Promise<void> | undefined;
  /** Server time minus desk time at the last answer (design.md §3). */
  clockDriftMs: number | undefined;
  /**
   * The server's proof of identity: asked before the first request, before every push, again with every new access
   * token (a 401) and after the server was unreachable; shared by the requests that wait for it.
   */
  private proof: Promise<void> | undefined;

  constructor(
    private readonly fetch: FetchLike,
    readonly device: DeviceState,
    private readonly now: () => Date,
    private readonly saveDevice: (device: DeviceState) => Promise<void>,
    readonly timeouts: SyncTimeouts = defaultTimeouts,
  ) {}

  /** Enrols a desk with a user's password (design.md §5); the password is sent once and never stored. */
  static async enrol(fetch: FetchLike, serverUrl: string, request: EnrolRequest): Promise<DeviceTokens> {
    const response = await fetch(serverUrl + syncPaths.login, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    }).catch(() => {
      throw new SyncFailure('server-unreachable');
    });
    const body = (await response.json().catch(() => ({}))) as DeviceTokens & { code?: SyncErrorCode }; // the protocol's answer
    if (response.status !== 200) throw new SyncFailure(body.code ?? 'server-error');
    return body;
  }

  /** A JSON request with the access token; one refresh and retry on 401; `server-unreachable` when no answer comes in time. */
  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.inTime(async (signal) => {
      const response = await this.send(method, path, signal, body);
      const json = (await response.json().catch(() => ({}))) as T & { code?: SyncErrorCode }; // the protocol's answer for this path
      if (response.status >= 400)
        throw new SyncFailure(response.status >= 500 ? 'server-error' : (json.code ?? 'server-error'));
      return json;
    });
  }

  /** Opens a streaming GET (Server-Sent Events) with the access token; its silence is the reader's to watch. */
  async openStream(path: string): Promise<ResponseLike> {
    const response = await this.inTime((signal) => this.send('GET', path, signal));
    if (response.status !== 200 || !response.body)
      throw new SyncFailure(response.status >= 500 ? 'server-error' : 'token-invalid');
    return response;
  }

  /**
   * `work` within the request deadline; past it the request's fetch is aborted (its signal), and the server counts
   * as unreachable and proves itself again.
   */
  private inTime<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withDeadline(work, this.timeouts.requestMs, () => {
      this.proof = undefined;
      return new SyncFailure('server-unreachable');
    });
  }

  private async send(
    method: string,
    path: string,
    signal: AbortSignal,
    body?: unknown,
    retried = false,
  ): Promise<ResponseLike> {
    // No token and no document goes to a server that is not the pinned county: a push (it carries this desk's
    // records) has a fresh nonce signed first; reads use the session's proof.
    if (body !== undefined && !retried) this.proof = undefined;
    await this.proven();
    if (!this.accessToken) await this.refresh();
    const token = this.accessToken;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.accessToken ?? ''}`,
      'x-desk-time': this.now().toISOString(),
      'x-desk-schema': deskSchemaDeclaration,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const sentAt = this.now().getTime();
    const response = await this.fetch(this.device.serverUrl + path, {
      method,
      headers,
      signal,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).catch(() => {
      this.proof = undefined; // whoever answers next proves itself again
      throw new SyncFailure('server-unreachable');
    });
    const serverTime = Date.parse(response.headers.get('x-server-time') ?? '');
    if (Number.isFinite(serverTime)) this.clockDriftMs = serverTime - (sentAt + this.now().getTime()) / 2;
    if (response.status === 401 && !retried) {
      await response.json().catch(() => undefined);
      if (this.accessToken === token) this.accessToken = undefined;
      this.proof = undefined;
      return this.send(method, path, signal, body, true);
    }
    return response;
  }

  /** The server has proven it is the pinned county (or, on a desk enrolled before pinning, is now pinned). */
  private proven(): Promise<void> {
    this.proof ??= this.prove().catch((error: unknown) => {
      this.proof = undefined;
      throw error;
    });
    return this.proof;
  }

  private async prove(): Promise<void> {
    const pinned = this.device.server;
    if (pinned) return proveIdentity(this.fetch, this.device.serverUrl, pinned);
    this.device.server = await presentedIdentity(this.fetch, this.device.serverUrl);
    await this.saveDevice(this.device);
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    const response = await this.fetch(this.device.serverUrl + syncPaths.refresh, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: this.device.refreshToken }),
    }).catch(() => {
      this.proof = undefined;
      throw new SyncFailure('server-unreachable');
    });
    const body = (await response.json().catch(() => ({}))) as DeviceTokens & { code?: SyncErrorCode }; // the protocol's answer
    if (response.status !== 200)
      throw new SyncFailure(response.status >= 500 ? 'server-error' : (body.code ?? 'token-invalid'));
    this.accessToken = body.accessToken;
    this.device.refreshToken = body.refreshToken;
    await this.saveDevice(this.device);
  }
}

/**
 * The desk's side of the county's identity (design.md §5): a server proves it is the county this
 * desk pinned by signing a fresh nonce with its Ed25519 key. Asked before enrolling (so a password is never sent to
 * a stranger once a county is pinned) and before every sync session: a desk never pushes to a server that cannot
 * prove it (个人信息保护法; a 检举控告's text, 第三十条第三款).
 */

export const sameIdentity = (a: ServerIdentity, b: ServerIdentity): boolean =>
  a.id === b.id && a.publicKey === b.publicKey;

/** The identity the server at `serverUrl` presents, proven with a fresh nonce (a first enrolment pins it). */
export async function presentedIdentity(fetch: FetchLike, serverUrl: string): Promise<ServerIdentity> {
  const shown = await call<Partial<ServerIdentity>>(fetch, 'GET', serverUrl + syncPaths.identity);
  if (typeof shown.id !== 'string' || typeof shown.publicKey !== 'string')
    throw new SyncFailure('server-identity-mismatch');
  const identity = { id: shown.id, publicKey: shown.publicKey };
  await proveIdentity(fetch, serverUrl, identity);
  return identity;
}

/** Resolves when the server at `serverUrl` signs a fresh nonce with the key of `pinned`; else `server-identity-mismatch`. */
export async function proveIdentity(fetch: FetchLike, serverUrl: string, pinned: ServerIdentity): Promise<void> {
  const nonce = bytesToHex(randomBytes(32));
  const proof = await call<Partial<IdentityProof>>(fetch, 'POST', serverUrl + syncPaths.identityChallenge, { nonce });
  if (proof.id !== pinned.id || !validSignature(proof.signature, identityMessage(pinned.id, nonce), pinned.publicKey))
    throw new SyncFailure('server-identity-mismatch');
}

function validSignature(signature: unknown, message: string, publicKey: string): boolean {
  if (typeof signature !== 'string') return false;
  try {
    return ed25519.verify(hexToBytes(signature), utf8ToBytes(message), hexToBytes(publicKey));
  } catch {
    return false; // not hex, or not a key or signature at all: no proof
  }
}

/** One JSON call: unreachable is `server-unreachable`, a 5xx `server-error`, any other failure no proof. */
async function call<T>(fetch: FetchLike, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).catch(() => {
    throw new SyncFailure('server-unreachable');
  });
  const json = (await response.json().catch(() => undefined)) as T | undefined; // checked field by field by the caller
  if (response.status >= 500) throw new SyncFailure('server-error');
  if (response.status !== 200 || typeof json !== 'object' || json === null)
    throw new SyncFailure('server-identity-mismatch');
  return json;
}
