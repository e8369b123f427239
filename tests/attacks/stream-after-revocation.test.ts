import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src-server/db/database';
import { revokeDevice } from '../../src-server/services/admin';
import { actors, fresh, registerEvent } from '../src-server/fixtures';
import {
  client,
  seeded,
  startServer,
  testDatabase,
  type RunningServer,
  type TestDatabase,
} from '../src-server/support';
import { openDesk, type TestDesk } from '../integration/support';
import { syncPaths } from '#shared/sync/protocol';
import { openStream, startCounty } from './support';

/**
 * A lost desk is revoked and its streams end (design.md §5): an open stream must not keep delivering a township's
 * matters after its device is revoked or its token expires. It ends at revocation, in every server process
 * (NOTIFY), and at the token's expiry; the desk reconnects with a refreshed token and misses nothing.
 */
describe('streams end when access ends, on PostgreSQL with two server processes', () => {
  const TOKEN_SECONDS = 3;
  let tdb: TestDatabase;
  let one: RunningServer;
  let two: RunningServer;
  let short: RunningServer;
  let admin: Database;
  /** The access tokens each `case_events` stream request of the short-token server carried. */
  const streamTokens: string[] = [];
  /** How many of its `case_events` streams the short-token server ended while the desk was connected. */
  let streamsEnded = 0;
  const desks: TestDesk[] = [];
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    one = await startServer(await seeded(await tdb.open()));
    two = await startServer(await openDatabase({ url: tdb.url, poolSize: 5 }));
    short = await startCounty(
      await openDatabase({ url: tdb.url, poolSize: 5 }),
      { accessTokenSeconds: TOKEN_SECONDS },
      ({ app }) => {
        app.addHook('onRequest', async (request, reply) => {
          if (!request.url.startsWith(syncPaths.stream)) return;
          streamTokens.push(String(request.headers.authorization));
          reply.raw.on('finish', () => (streamsEnded += reply.raw.statusCode === 200 ? 1 : 0));
        });
      },
    );
    admin = await tdb.open(); // the admin command's own connection
  }, 60_000);
  afterAll(async () => {
    await Promise.all(desks.map((d) => d.close()));
    for (const s of [one, two, short]) {
      await s?.stop();
      await s?.db.close();
    }
    await admin?.close();
    await tdb?.drop();
  });

  it('a stream held by one server process ends when its device is revoked by the admin command', async () => {
    const c = client(one.url);
    const watched = await c.enrol('qs-handler');
    const pusher = await c.enrol('qs-reception');
    const stream = await openStream(two.url, syncPaths.stream, watched.accessToken);
    try {
      expect(await stream.next(5_000)).toBe('"RESYNC"');
      const before = registerEvent(actors.qsReception);
      await c.push(pusher.accessToken, 'case_events', [fresh(before)]);
      expect(await stream.next(5_000)).toContain(before.id); // pushed to one process, streamed by the other

      await revokeDevice(admin, watched.deviceId);
      expect(await stream.ended(3_000)).toBe('ended');
      const after = registerEvent(actors.qsReception);
      await c.push(pusher.accessToken, 'case_events', [fresh(after)]);
      expect(await client(two.url).call('GET', syncPaths.stream, undefined, watched.accessToken)).toMatchObject({
        status: 401,
        body: { code: 'device-revoked' },
      });
    } finally {
      await stream.cancel();
    }
  });

  it('a stream ends when its access token expires, not before', async () => {
    const tokens = await client(short.url).enrol('county-handler');
    const expiresAt = Date.now() + tokens.expiresIn * 1_000;
    const stream = await openStream(short.url, syncPaths.stream, tokens.accessToken);
    try {
      expect(await stream.next(5_000)).toBe('"RESYNC"');
      expect(await stream.ended(TOKEN_SECONDS * 1_000 + 2_000)).toBe('ended');
      // JWT expiry is in whole seconds: the stream may end up to a second before the desk's own reckoning.
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 1_100);
    } finally {
      await stream.cancel();
    }
  });

  it('the desk reconnects with a refreshed token when its stream ends at expiry, and misses no event pushed meanwhile', async () => {
    const desk = await openDesk(short.url, 'ls-approver');
    desks.push(desk);
    const c = client(one.url);
    const pusher = await c.enrol('ls-reception');
    const pushed: string[] = [];
    // Two and a half token lifetimes of pushes, one every 250 ms, through the other server process.
    for (const end = Date.now() + TOKEN_SECONDS * 2_500; Date.now() < end;) {
      const event = registerEvent(actors.lsReception);
      expect((await c.push(pusher.accessToken, 'case_events', [fresh(event)])).body.refused).toEqual([]);
      pushed.push(event.id);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await expect
      .poll(async () => (await desk.ids('case_events')).filter((id) => pushed.includes(id)).length, { timeout: 10_000 })
      .toBe(pushed.length);
    // Expiry ended the desk's stream (the server ended it: the desk never does); the desk opened the next one with
    // a newly refreshed token.
    expect(streamsEnded).toBeGreaterThanOrEqual(1);
    expect(new Set(streamTokens).size).toBeGreaterThanOrEqual(2);
    expect((await desk.t.invoke('sync-status', {})).state).toMatch(/online|syncing/);
  });
});
