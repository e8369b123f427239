import { describe, expect, it } from 'vitest';
import { seededServerPerSuite, type Backend, type Client, type RunningServer } from '../src-server/support';
import { syncErrorText } from '#shared/messages/zh-CN';
import { syncPaths, type DeviceTokens } from '#shared/sync/protocol';
import { openStream } from './support';

/**
 * Refresh tokens rotate, so a spent one presented again is a copy in someone else's hands: the thief's or the
 * desk's, whichever rotated second. Refusing only the replay would leave the device working for whoever holds the
 * newest token, so the replay revokes the device's whole token family: neither holder gets tokens, its access
 * tokens and streams end, and the desk is enrolled again by its office.
 */
describe.each<Backend>(['pglite', 'pg'])('a replayed refresh token, on %s', (backend) => {
  let s: RunningServer;
  let c: Client;
  seededServerPerSuite(backend, (server, api) => {
    s = server;
    c = api;
  });

  const refresh = (refreshToken: string) =>
    c.call<DeviceTokens & { code?: string }>('POST', syncPaths.refresh, { refreshToken });

  // A spent token is a replay only once its successor is used: the token just rotated away stays good until its
  // successor is used (a lost answer is retried with it), so the two tests below use the successor first.
  it('the desk rotated and used its new token, a copy of its old token comes back: the device is revoked and the newest tokens stop working', async () => {
    const enrolled = await c.enrol('qs-handler');
    const rotated = await refresh(enrolled.refreshToken);
    const used = await refresh(rotated.body.refreshToken);
    expect([rotated.status, used.status]).toEqual([200, 200]);
    const stream = await openStream(s.url, syncPaths.stream, used.body.accessToken);
    try {
      expect(await refresh(enrolled.refreshToken)).toEqual({ status: 401, body: { code: 'refresh-replayed' } });
      expect(await stream.ended(3_000)).toBe('ended');
      expect(await refresh(used.body.refreshToken)).toEqual({ status: 401, body: { code: 'refresh-replayed' } });
      expect(await c.call('GET', syncPaths.pull('case_events'), undefined, used.body.accessToken)).toMatchObject({
        status: 401,
        body: { code: 'device-revoked' },
      });
    } finally {
      await stream.cancel();
    }
  });

  it('the thief rotated first and used its token: the desk presenting its now spent token revokes the device, and the thief is shut out', async () => {
    const desk = await c.enrol('qs-reception');
    const thief = await refresh(desk.refreshToken); // a copied token, used before the desk used it
    const thiefAgain = await refresh(thief.body.refreshToken);
    expect([thief.status, thiefAgain.status]).toEqual([200, 200]);
    expect(await refresh(desk.refreshToken)).toEqual({ status: 401, body: { code: 'refresh-replayed' } });
    expect((await refresh(thiefAgain.body.refreshToken)).status).toBe(401);
    expect((await c.call('GET', syncPaths.pull('offices'), undefined, thiefAgain.body.accessToken)).status).toBe(401);
    expect(syncErrorText['refresh-replayed']).toContain('请由本单位负责人重新登记本机');
  });

  it('the thief rotated first and the desk retried with the old token: the thief presenting its token revokes the device', async () => {
    const desk = await c.enrol('county-reception');
    const thief = await refresh(desk.refreshToken);
    const retried = await refresh(desk.refreshToken); // to the server, the desk's retry after a lost answer
    expect([thief.status, retried.status]).toEqual([200, 200]);
    expect(await refresh(thief.body.refreshToken)).toEqual({ status: 401, body: { code: 'refresh-replayed' } });
    expect((await refresh(retried.body.refreshToken)).status).toBe(401);
    expect((await c.call('GET', syncPaths.pull('offices'), undefined, retried.body.accessToken)).status).toBe(401);
  });

  it('a made-up token naming a device is refused without revoking it (no one can revoke a desk by guessing)', async () => {
    const desk = await c.enrol('ls-handler');
    expect(await refresh(`${desk.deviceId}.${'A'.repeat(43)}`)).toEqual({
      status: 401,
      body: { code: 'token-invalid' },
    });
    expect((await refresh(desk.refreshToken)).status).toBe(200);
  });
});

/**
 * A lost refresh answer: the answer of a refresh is lost (a connection cut, a desk killed before it saved the new token).
 * The desk presents the old token again and gets fresh tokens, as often as the answers are lost; only once a new
 * token was used is the old one a replay.
 */
describe.each<Backend>(['pglite', 'pg'])('a refresh whose answer was lost, on %s', (backend) => {
  let c: Client;
  seededServerPerSuite(backend, (_server, api) => {
    c = api;
  });
  const refresh = (refreshToken: string) =>
    c.call<DeviceTokens & { code?: string }>('POST', syncPaths.refresh, { refreshToken });
  const pull = (token: string) => c.call('GET', syncPaths.pull('offices'), undefined, token);

  it('the old token retried gets a fresh pair, again and again, without revoking; the pair works', async () => {
    const desk = await c.enrol('qs-handler');
    expect((await refresh(desk.refreshToken)).status).toBe(200); // its answer lost
    const retried = await refresh(desk.refreshToken);
    const again = await refresh(desk.refreshToken);
    expect([retried.status, again.status]).toEqual([200, 200]);
    expect(again.body.refreshToken).not.toBe(retried.body.refreshToken);
    expect((await pull(again.body.accessToken)).status).toBe(200);
    const next = await refresh(again.body.refreshToken);
    expect(next.status).toBe(200);
    expect((await pull(next.body.accessToken)).status).toBe(200);
  });

  it('once the new token was used, the old one is a replay and revokes the device', async () => {
    const desk = await c.enrol('qs-reception');
    expect((await refresh(desk.refreshToken)).status).toBe(200); // its answer lost
    const retried = await refresh(desk.refreshToken);
    const used = await refresh(retried.body.refreshToken);
    expect(used.status).toBe(200);
    expect(await refresh(desk.refreshToken)).toEqual({ status: 401, body: { code: 'refresh-replayed' } });
    expect((await pull(used.body.accessToken)).status).toBe(401);
  });

  it('the successor whose answer was lost, presented after the retry, is a copy and revokes the device', async () => {
    const desk = await c.enrol('ls-handler');
    const lost = await refresh(desk.refreshToken);
    const retried = await refresh(desk.refreshToken);
    expect([lost.status, retried.status]).toEqual([200, 200]);
    expect(await refresh(lost.body.refreshToken)).toEqual({ status: 401, body: { code: 'refresh-replayed' } });
    expect((await pull(retried.body.accessToken)).status).toBe(401);
  });
});
