import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-server/db/database';
import { disableUser } from '../../src-server/services/admin';
import { actEvent, actors, fresh, petitionDoc, registerEvent, signedByActor } from '../src-server/fixtures';
import {
  client,
  seeded,
  startServer,
  testDatabase,
  type Client,
  type RunningServer,
  type TestDatabase,
} from '../src-server/support';
import { openDesk, type TestDesk } from '../integration/support';
import { walkIn } from '../fixtures';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { syncErrorText } from '#shared/messages/zh-CN';
import { syncPaths } from '#shared/sync/protocol';
import { startCounty } from './support';

/**
 * A desk enrolled by a user who is then disabled must not keep getting new tokens from `POST /auth/refresh`, or it
 * would sync for ever in the name of someone who no longer works there. Its refresh is refused
 * (`device-owner-disabled`), the desk says 请由本单位负责人重新登记本机, and a 负责人 enrols it again. What the
 * user recorded before being disabled (offline, synced later) is kept; what is recorded after is refused.
 */
describe('a desk enrolled by a disabled user, on PostgreSQL', () => {
  const TOKEN_SECONDS = 2;
  let tdb: TestDatabase;
  let s: RunningServer;
  let short: RunningServer;
  let c: Client;
  const desks: TestDesk[] = [];
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    s = await startServer(await seeded(await tdb.open()));
    short = await startCounty(await openDatabase({ url: tdb.url, poolSize: 5 }), { accessTokenSeconds: TOKEN_SECONDS });
    c = client(s.url);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(desks.map((d) => d.close()));
    for (const server of [s, short]) {
      await server?.stop();
      await server?.db.close();
    }
    await tdb?.drop();
  });

  const refresh = (refreshToken: string) =>
    c.call<{ code?: string; refreshToken?: string }>('POST', syncPaths.refresh, { refreshToken });

  it('gets no new tokens once its user is disabled, and is refused the same way on every retry; other desks of the office go on', async () => {
    const desk = await c.enrol('qs-handler');
    const other = await c.enrol('qs-approver');
    await disableUser(s.db, 'qs-handler');
    expect(await refresh(desk.refreshToken)).toEqual({ status: 403, body: { code: 'device-owner-disabled' } });
    expect(await refresh(desk.refreshToken)).toEqual({ status: 403, body: { code: 'device-owner-disabled' } }); // not taken for a replay
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('acts and 信访件 recorded before the user was disabled are kept; those recorded after are refused (actor-disabled)', async () => {
    const disabledAt = Date.now();
    await disableUser(s.db, 'ls-reception', new Date(disabledAt));
    const desk = await c.enrol('ls-approver');
    const at = (ms: number) => new Date(ms).toISOString();
    const before = signedByActor({ ...registerEvent(actors.lsReception), recordedAt: at(disabledAt - 60_000) });
    const petitionBefore = {
      ...petitionDoc(
        'office-lvshui',
        before.caseId,
        'user-ls-reception',
        [],
        (before.payload as { petitionIds: string[] }).petitionIds[0],
      ),
      recordedAt: at(disabledAt - 60_000),
    };
    const after = signedByActor({ ...registerEvent(actors.lsReception), recordedAt: at(disabledAt + 1_000) });
    const petitionAfter = {
      ...petitionDoc(
        'office-lvshui',
        after.caseId,
        'user-ls-reception',
        [],
        (after.payload as { petitionIds: string[] }).petitionIds[0],
      ),
      recordedAt: at(disabledAt + 1_000),
    };
    expect((await c.push(desk.accessToken, 'case_events', [fresh(before), fresh(after)])).body).toEqual({
      conflicts: [],
      refused: [{ id: after.id, code: 'actor-disabled' }],
    });
    expect((await c.push(desk.accessToken, 'petitions', [fresh(petitionBefore), fresh(petitionAfter)])).body).toEqual({
      conflicts: [],
      refused: [{ id: petitionAfter.id, code: 'actor-disabled' }],
    });
    // Another user's act on the kept matter goes on as usual.
    const note = actEvent(
      actors.lsHandler,
      before.caseId,
      'note',
      { text: '接手办理' },
      [before.id],
      at(disabledAt + 2_000),
    );
    expect((await c.push(desk.accessToken, 'case_events', [fresh(note)])).body.refused).toEqual([]);
  });

  it('the desk says 请由本单位负责人重新登记本机; a 负责人 enrols it again and what was recorded offline before reaches the county', async () => {
    const desk = await openDesk(short.url, 'county-reception');
    desks.push(desk);
    await desk.net({ online: false });
    await desk.login('county-reception');
    const { caseId } = await desk.t.invoke('petition-register', {
      registration: walkIn({ request: '停用前离线登记' }),
      case: { kind: 'new' },
    });
    await disableUser(s.db, 'county-reception');
    await new Promise((resolve) => setTimeout(resolve, TOKEN_SECONDS * 1_000 + 500)); // its access token has expired
    await desk.net({ online: true });
    await desk.t.invoke('sync-now', {});
    await expect
      .poll(async () => (await desk.t.invoke('sync-status', {})).lastError, { timeout: 10_000 })
      .toBe('device-owner-disabled');
    expect(syncErrorText['device-owner-disabled']).toContain('请由本单位负责人重新登记本机');
    expect(await caseEventsOnServer(caseId)).toBe(0);

    await desk.login('county-approver');
    const status = await desk.t.invoke('sync-enrol', {
      login: 'county-approver',
      password: DEMO_PASSWORD,
      serverUrl: short.url,
    });
    expect(status.lastError).not.toBe('device-owner-disabled');
    await desk.t.invoke('sync-now', {});
    await expect.poll(() => caseEventsOnServer(caseId), { timeout: 10_000 }).toBe(1);
    expect((await desk.t.invoke('sync-status', {})).state).toMatch(/online|syncing/);
  });

  const caseEventsOnServer = async (caseId: string) =>
    (
      await s.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM docs WHERE collection = 'case_events' AND case_id = $1`,
        [caseId],
      )
    ).rows[0]!.n;
});
