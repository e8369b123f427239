import { describe, expect, it } from 'vitest';
import { seededServerPerSuite, type Backend, type Client, type RunningServer } from '../src-server/support';
import { syncErrorText } from '#shared/messages/zh-CN';
import { syncPaths, type DeviceTokens } from '#shared/sync/protocol';
import { openStream } from './support';

/**
 * Issue 12, item 10. Refresh tokens rotate, so a spent one presented again is a copy in someone else's hands: the
 * thief's or the desk's, whichever rotated second. It was refused, but the device kept working for whoever held
 * the newest token. Now the replay revokes the device's whole token family: neither holder gets tokens, its access
 * tokens and streams end, and the desk is enrolled again by its office.
 */
describe.each<Backend>(['pglite', 'pg'])('a replayed refresh token, on %s', (backend) => {
  let s: RunningServer;
  let c: Client;
  seededServerPerSuite(backend, (server, api) => {
    s = server;
    c = api;
  });

  const refresh = (refreshToken: string) => c.call<DeviceTokens & { code?: string }>('POST', syncPaths.refresh, { refreshToken });

  it('the desk rotated, a copy of its old token comes back: the device is revoked and the newest tokens stop working', async () => {
    const enrolled = await c.enrol('qs-handler');
    const rotated = await refresh(enrolled.refreshToken);
    expect(rotated.status).toBe(200);
    const stream = await openStream(s.url, syncPaths.stream, rotated.body.accessToken);
    try {
      expect(await refresh(enrolled.refreshToken)).toEqual({ status: 401, body: { code: 'refresh-replayed' } });
      expect(await stream.ended(3_000)).toBe('ended');
      expect(await refresh(rotated.body.refreshToken)).toEqual({ status: 401, body: { code: 'refresh-replayed' } });
      expect(await c.call('GET', syncPaths.pull('case_events'), undefined, rotated.body.accessToken)).toMatchObject({ status: 401, body: { code: 'device-revoked' } });
    } finally {
      await stream.cancel();
    }
  });

  it('the thief rotated first: the desk presenting its now spent token revokes the device, and the thief is shut out', async () => {
    const desk = await c.enrol('qs-reception');
    const thief = await refresh(desk.refreshToken); // a copied token, used before the desk used it
    expect(thief.status).toBe(200);
    expect(await refresh(desk.refreshToken)).toEqual({ status: 401, body: { code: 'refresh-replayed' } });
    expect((await refresh(thief.body.refreshToken)).status).toBe(401);
    expect((await c.call('GET', syncPaths.pull('offices'), undefined, thief.body.accessToken)).status).toBe(401);
    expect(syncErrorText['refresh-replayed']).toContain('请由本单位负责人重新登记本机');
  });

  it('a made-up token naming a device is refused without revoking it (no one can revoke a desk by guessing)', async () => {
    const desk = await c.enrol('ls-handler');
    expect(await refresh(`${desk.deviceId}.${'A'.repeat(43)}`)).toEqual({ status: 401, body: { code: 'token-invalid' } });
    expect((await refresh(desk.refreshToken)).status).toBe(200);
  });
});
