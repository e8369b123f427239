import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkIn } from '../fixtures';
import { actors, fresh, registerEvent } from '../src-server/fixtures';
import {
  client,
  seeded,
  startServer,
  testDatabase,
  type RunningServer,
  type TestDatabase,
} from '../src-server/support';
import { openDatabase } from '../../src-server/db/database';
import { eventIds, openDesk, syncAll, type TestDesk } from './support';

/** Faults (design.md §3): a server restarted under a push, connections cut mid-pull, two server processes. */
describe('sync under faults, on PostgreSQL', () => {
  let tdb: TestDatabase;
  let s1: RunningServer;
  let s2: RunningServer;
  const desks: TestDesk[] = [];
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    s1 = await startServer(await seeded(await tdb.open()));
    s2 = await startServer(await openDatabase({ url: tdb.url, poolSize: 5 })); // a second server process on the same database
  }, 60_000);
  afterAll(async () => {
    await Promise.all(desks.map((d) => d.close()));
    for (const s of [s1, s2]) {
      await s?.stop();
      await s?.db.close();
    }
    await tdb?.drop();
  });

  const serverEvents = async (caseIds: readonly string[]) =>
    (
      await s1.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM docs WHERE collection = 'case_events' AND case_id = ANY($1::text[])`,
        [caseIds],
      )
    ).rows[0]!.n;

  it('two server processes on one database: desks on each converge, streams fan out through LISTEN/NOTIFY', async () => {
    const [qs, qs2, county] = await Promise.all([
      openDesk(s1.url, 'qs-approver'),
      openDesk(s2.url, 'qs-approver'),
      openDesk(s2.url, 'county-approver'),
    ]);
    desks.push(qs, qs2, county);
    await qs.login('qs-reception');
    const { caseId } = await qs.t.invoke('petition-register', {
      registration: walkIn({ request: '两台服务器' }),
      case: { kind: 'new' },
    });
    await expect.poll(() => eventIds(qs2, caseId), { timeout: 3_000 }).toHaveLength(1); // pushed to s1, streamed by s2
    await expect.poll(() => eventIds(county, caseId), { timeout: 3_000 }).toHaveLength(1);
    await qs2.login('qs-handler');
    await qs2.t.invoke('case-act', { caseId, type: 'note', payload: { text: '第二台服务器上的备注' } });
    await syncAll([qs2, qs, county]);
    expect(await eventIds(qs, caseId)).toEqual(await eventIds(county, caseId));
    expect(await serverEvents([caseId])).toBe(2);
  });

  it('a connection cut mid-pull loses nothing: every third request fails while 2,500 events arrive', async () => {
    const qs = await openDesk(s1.url, 'qs-approver');
    desks.push(qs);
    await qs.net({ failEvery: 3 });
    const other = await client(s1.url).enrol('qs-handler');
    const events = Array.from({ length: 2_500 }, () => registerEvent(actors.qsReception));
    for (let i = 0; i < events.length; i += 500)
      await client(s1.url).push(other.accessToken, 'case_events', events.slice(i, i + 500).map(fresh));
    const wanted = new Set(events.map((e) => e.id));
    await expect
      .poll(async () => (await qs.ids('case_events')).filter((id) => wanted.has(id)).length, {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(2_500);
    await qs.net({ failEvery: 0 });
  });

  it('the server killed and restarted during a push: the desk retries, nothing is lost or doubled', async () => {
    const port = Number(new URL(s1.url).port);
    const qs = await openDesk(s1.url, 'qs-approver');
    desks.push(qs);
    await qs.net({ online: false });
    await qs.login('qs-reception');
    const caseIds: string[] = [];
    for (let i = 0; i < 20; i++)
      caseIds.push(
        (
          await qs.t.invoke('petition-register', {
            registration: walkIn({ request: `离线登记${i}` }),
            case: { kind: 'new' },
          })
        ).caseId,
      );
    await qs.net({ online: true });
    const pushing = qs.t.invoke('sync-now', {});
    await s1.stop(); // in-flight requests finish or fail; new ones are refused
    await pushing;
    s1 = await startServer(s1.db, undefined, port);
    await syncAll([qs]);
    await expect.poll(() => serverEvents(caseIds), { timeout: 10_000 }).toBe(20);
    const { rows } = await s1.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feed WHERE office_id = 'office-qingshan' AND collection = 'case_events' AND doc_id IN (SELECT id FROM docs WHERE case_id = ANY($1::text[]))`,
      [caseIds],
    );
    expect(rows[0]!.n).toBe(20); // one feed row per document: nothing doubled
    expect((await qs.t.invoke('sync-status', {})).state).toMatch(/online|syncing/);
  });
});
