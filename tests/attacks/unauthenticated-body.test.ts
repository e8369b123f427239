import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { revokeDevice } from '../../src-server/services/admin';
import { seededServerPerSuite, type Backend, type Client, type RunningServer } from '../src-server/support';
import { syncPaths } from '#shared/sync/protocol';

/**
 * An unauthenticated body costs the server nothing: checked in the handler, a push's token would come after
 * fastify had read and parsed up to 32 MB of body (eight unauthenticated 30 MB pushes take a server from 105 to
 * 614 MB). The replication routes check the token in `onRequest`, before any body is read, and the token-less auth
 * endpoints read at most 16 KB.
 */
interface Answer {
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

/**
 * Starts a request announcing `declaredBytes` of JSON, sends its first 64 KB and then nothing more: a body that
 * never ends. Only a server that answers before reading the body can answer at all.
 */
function neverEndingPost(url: string, path: string, declaredBytes: number, token?: string): Promise<Answer> {
  const target = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': declaredBytes,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body, ms: Date.now() - started });
        });
      },
    );
    request.on('error', reject);
    request.setTimeout(5_000, () => {
      request.destroy();
      resolve({ status: 0, body: 'no answer while the body was still coming', ms: Date.now() - started });
    });
    request.write(`[${'{"newDocumentState":{"_deleted":false}},'.repeat(1_600)}`);
  });
}

describe.each<Backend>(['pglite', 'pg'])('authentication before the body, on %s', (backend) => {
  let s: RunningServer;
  let c: Client;
  seededServerPerSuite(backend, (server, api) => {
    s = server;
    c = api;
  });

  it('a 30 MB push without a token is refused 401 while its body is still coming', async () => {
    const answer = await neverEndingPost(s.url, syncPaths.push('case_events'), 30 * 1024 * 1024);
    expect(answer).toMatchObject({ status: 401, body: JSON.stringify({ code: 'token-invalid' }) });
    expect(answer.ms).toBeLessThan(3_000);
  });

  it('a push with a forged token or a revoked device is refused the same way, before its body', async () => {
    expect(
      await neverEndingPost(s.url, syncPaths.push('petitions'), 30 * 1024 * 1024, 'forged.token.here'),
    ).toMatchObject({ status: 401, body: JSON.stringify({ code: 'token-invalid' }) });
    const desk = await c.enrol('qs-reception');
    await revokeDevice(s.db, desk.deviceId);
    expect(
      await neverEndingPost(s.url, syncPaths.push('case_events'), 30 * 1024 * 1024, desk.accessToken),
    ).toMatchObject({
      status: 401,
      body: JSON.stringify({ code: 'device-revoked' }),
    });
  });

  it('a body the parser would refuse (400) is never parsed without a token: the answer is 401', async () => {
    const response = await fetch(s.url + syncPaths.push('case_events'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 401,
      body: { code: 'token-invalid' },
    });
  });

  it('an enrolled desk still pushes', async () => {
    const desk = await c.enrol('qs-handler');
    expect((await c.push(desk.accessToken, 'case_events', [])).body).toEqual({ conflicts: [], refused: [] });
  });

  it('the endpoints anyone may call without a token read at most 16 KB', async () => {
    for (const path of [syncPaths.login, syncPaths.refresh]) {
      const answer = await neverEndingPost(s.url, path, 30 * 1024 * 1024);
      expect(answer.status).toBe(413);
      expect(answer.ms).toBeLessThan(3_000);
    }
  });
});
