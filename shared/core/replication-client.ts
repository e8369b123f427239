import type { DeviceTokens, EnrolRequest, SyncErrorCode } from '../sync/protocol';
import { syncPaths } from '../sync/protocol';

/**
 * The desk's HTTP side of sync, platform-neutral: the platform injects `fetch` (Electron main: Node's; the web
 * worker: the browser's), so the core imports no network code of its own. Handles the device's tokens: a 401
 * refreshes the access token once and retries.
 */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  readonly body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> } } | null;
}
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<ResponseLike>;

/** A failure the sync status reports by code. */
export class SyncFailure extends Error {
  constructor(readonly code: SyncErrorCode) {
    super(code);
  }
}

/** The enrolled device as the desk keeps it (a local document, never replicated). */
export interface DeviceState {
  readonly serverUrl: string;
  readonly deviceId: string;
  readonly officeId: string;
  refreshToken: string;
}

export class SyncClient {
  private accessToken: string | undefined;
  /** One refresh at a time: refresh tokens rotate, so a second concurrent refresh would use a spent token. */
  private refreshing: Promise<void> | undefined;
  /** Server time minus desk time at the last answer (design.md §3). */
  clockDriftMs: number | undefined;

  constructor(
    private readonly fetch: FetchLike,
    readonly device: DeviceState,
    private readonly now: () => Date,
    private readonly saveDevice: (device: DeviceState) => Promise<void>,
  ) {}

  /** Enrols a desk with a user's password (design.md §5); the password is sent once and never stored. */
  static async enrol(fetch: FetchLike, serverUrl: string, request: EnrolRequest): Promise<DeviceTokens> {
    const response = await fetch(serverUrl + syncPaths.login, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) }).catch(() => {
      throw new SyncFailure('server-unreachable');
    });
    const body = (await response.json().catch(() => ({}))) as DeviceTokens & { code?: SyncErrorCode }; // the protocol's answer
    if (response.status !== 200) throw new SyncFailure(body.code ?? 'server-error');
    return body;
  }

  /** A JSON request with the access token; one refresh and retry on 401. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    const json = (await response.json().catch(() => ({}))) as T & { code?: SyncErrorCode }; // the protocol's answer for this path
    if (response.status >= 400) throw new SyncFailure(response.status >= 500 ? 'server-error' : (json.code ?? 'server-error'));
    return json;
  }

  /** Opens a streaming GET (Server-Sent Events) with the access token. */
  async openStream(path: string): Promise<ResponseLike> {
    const response = await this.send('GET', path);
    if (response.status !== 200 || !response.body) throw new SyncFailure(response.status >= 500 ? 'server-error' : 'token-invalid');
    return response;
  }

  private async send(method: string, path: string, body?: unknown, retried = false): Promise<ResponseLike> {
    if (!this.accessToken) await this.refresh();
    const token = this.accessToken;
    const headers: Record<string, string> = { authorization: `Bearer ${this.accessToken ?? ''}`, 'x-desk-time': this.now().toISOString() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const sentAt = this.now().getTime();
    const response = await this.fetch(this.device.serverUrl + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }).catch(() => {
      throw new SyncFailure('server-unreachable');
    });
    const serverTime = Date.parse(response.headers.get('x-server-time') ?? '');
    if (Number.isFinite(serverTime)) this.clockDriftMs = serverTime - (sentAt + this.now().getTime()) / 2;
    if (response.status === 401 && !retried) {
      await response.json().catch(() => undefined);
      if (this.accessToken === token) this.accessToken = undefined;
      return this.send(method, path, body, true);
    }
    return response;
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
      throw new SyncFailure('server-unreachable');
    });
    const body = (await response.json().catch(() => ({}))) as DeviceTokens & { code?: SyncErrorCode }; // the protocol's answer
    if (response.status !== 200) throw new SyncFailure(response.status >= 500 ? 'server-error' : (body.code ?? 'token-invalid'));
    this.accessToken = body.accessToken;
    this.device.refreshToken = body.refreshToken;
    await this.saveDevice(this.device);
  }
}
