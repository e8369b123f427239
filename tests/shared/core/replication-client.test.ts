import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  SyncClient,
  SyncFailure,
  type DeviceState,
  type FetchLike,
  type ResponseLike,
} from '#shared/core/replication-client';
import { identityMessage, syncPaths } from '#shared/sync/protocol';

const serverUrl = 'https://county.example';
const secret = ed25519.utils.randomSecretKey();
const server = { id: 'county-test', publicKey: bytesToHex(ed25519.getPublicKey(secret)) };

function answer(status: number, body: unknown): ResponseLike {
  return { status, headers: { get: () => null }, json: async () => body, body: null };
}

/**
 * The county at the network edge: it proves its identity and refreshes tokens at once, and never answers `silent`
 * (a connection gone half-open), whose fetch ends only when its signal aborts. Records the signal of each request.
 */
function county(silent: string) {
  const signals = new Map<string, AbortSignal | undefined>();
  const fetch: FetchLike = async (url, init) => {
    const path = url.slice(serverUrl.length);
    signals.set(path, init.signal);
    if (path === syncPaths.identityChallenge) {
      const { nonce } = JSON.parse(init.body ?? '{}') as { nonce: string };
      return answer(200, {
        id: server.id,
        signature: bytesToHex(ed25519.sign(utf8ToBytes(identityMessage(server.id, nonce)), secret)),
      });
    }
    if (path === syncPaths.refresh)
      return answer(200, { accessToken: 'access', refreshToken: 'next', deviceId: 'd1', officeId: 'o1' });
    if (path === silent) {
      return new Promise<never>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    }
    return answer(200, { ok: true });
  };
  return { fetch, signals };
}

function client(fetch: FetchLike, requestMs: number): SyncClient {
  const device: DeviceState = { serverUrl, deviceId: 'd1', officeId: 'o1', refreshToken: 'first', server };
  return new SyncClient(
    fetch,
    device,
    () => new Date(),
    async () => undefined,
    { requestMs, streamSilenceMs: 60_000 },
  );
}

describe('SyncClient deadlines', () => {
  it('aborts the fetch of a request that missed its deadline, and reports the county unreachable', async () => {
    const net = county('/api/v1/slow');
    const failure: unknown = await client(net.fetch, 50)
      .request('POST', '/api/v1/slow', { page: 1 })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncFailure);
    expect((failure as SyncFailure).code).toBe('server-unreachable');
    expect(net.signals.get('/api/v1/slow')?.aborted).toBe(true);
  });

  it('aborts the fetch of a stream that did not open in time', async () => {
    const net = county(syncPaths.stream);
    await expect(client(net.fetch, 50).openStream(syncPaths.stream)).rejects.toMatchObject({
      code: 'server-unreachable',
    });
    expect(net.signals.get(syncPaths.stream)?.aborted).toBe(true);
  });

  it('leaves the signal of a request answered in time alone', async () => {
    const net = county('/api/v1/never-asked');
    expect(await client(net.fetch, 60_000).request('GET', '/api/v1/fast')).toEqual({ ok: true });
    expect(net.signals.get('/api/v1/fast')?.aborted).toBe(false);
  });
});
