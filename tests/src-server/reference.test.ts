import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEventDoc } from '#shared/domain/documents';
import { actEvent, actors, fresh, learnSigningKey, registerEvent, signedByActor } from './fixtures';
import {
  client,
  seeded,
  seededServerPerSuite,
  startServer,
  testCost,
  testDatabase,
  type Backend,
  type Client,
  type RunningServer,
  type TestDatabase,
} from './support';
import type { Database } from '../../src-server/db/database';
import { addOffice, addUser, disableUser } from '../../src-server/services/admin';

/**
 * Offices and users are cached in each server process (services/reference.ts) and checked against the version the
 * admin command's writes bump: a change made after the server started counts from the next request on, in this
 * process and in every other process on the database.
 */
/** An act recorded now, after the disabling (acts recorded before it are kept: tests/attacks/refresh-disabled-user.test.ts). */
const recordedNow = (event: CaseEventDoc): CaseEventDoc =>
  signedByActor({ ...event, recordedAt: new Date(Date.now() + 1_000).toISOString() });

describe.each<Backend>(['pglite', 'pg'])('reference data changed while the server runs, on %s', (backend) => {
  let s: RunningServer;
  let c: Client;
  seededServerPerSuite(backend, (server, api) => {
    s = server;
    c = api;
  });

  it('a user added by the admin command pushes at once; a disabled user is refused at once', async () => {
    const desk = await c.enrol('qs-reception');
    // The office's users are now cached: the new user is not among them.
    expect(
      (await c.push(desk.accessToken, 'case_events', [fresh(registerEvent(actors.qsReception))])).body.refused,
    ).toEqual([]);
    const user = await addUser(
      s.db,
      { login: 'qs-new', name: '新接待员', officeId: 'office-qingshan', roles: ['receptionist'], password: 'secret-1' },
      testCost,
    );
    await learnSigningKey(user, 'secret-1');
    const actor: CaseEventDoc['actor'] = { userId: user.id, officeId: 'office-qingshan', role: 'receptionist' };
    expect((await c.push(desk.accessToken, 'case_events', [fresh(registerEvent(actor))])).body).toEqual({
      conflicts: [],
      refused: [],
    });
    await disableUser(s.db, 'qs-new');
    const late = recordedNow(registerEvent(actor));
    expect((await c.push(desk.accessToken, 'case_events', [fresh(late)])).body.refused).toEqual([
      { id: late.id, code: 'actor-disabled' },
    ]);
  });

  it('a township added by the admin command is under the county from its first push', async () => {
    const county = await c.enrol('county-handler');
    await c.pullAll(county.accessToken, 'case_events');
    await addOffice(s.db, {
      id: 'office-new-town',
      code: '999901199',
      name: '新镇',
      kind: 'township',
      parentId: 'office-county',
    });
    await learnSigningKey(
      await addUser(
        s.db,
        {
          login: 'nt-reception',
          name: '新镇接待员',
          officeId: 'office-new-town',
          roles: ['receptionist'],
          password: 'secret-1',
        },
        testCost,
      ),
      'secret-1',
    );
    const town = await c.enrol('nt-reception', 'secret-1');
    const reg = registerEvent({ userId: 'user-nt-reception', officeId: 'office-new-town', role: 'receptionist' });
    expect((await c.push(town.accessToken, 'case_events', [fresh(reg)])).body).toEqual({ conflicts: [], refused: [] });
    expect((await c.pullAll(county.accessToken, 'case_events')).map((d) => d.id)).toContain(reg.id);
  });
});

describe('two server processes on one PostgreSQL database', () => {
  let tdb: TestDatabase;
  let one: RunningServer;
  let two: RunningServer;
  let admin: Database;
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    one = await startServer(await seeded(await tdb.open()));
    two = await startServer(await tdb.open());
    admin = await tdb.open(); // the admin command's own connection
  });
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await one?.db.close();
    await two?.db.close();
    await admin?.close();
    await tdb?.drop();
  });

  it('a user added through neither server pushes through both at once, and is refused by both once disabled', async () => {
    const [c1, c2] = [client(one.url), client(two.url)];
    const [d1, d2] = [await c1.enrol('ls-reception'), await c2.enrol('ls-handler')];
    const old = actors.lsReception;
    // Both processes cache 绿水乡's users.
    for (const [c, d] of [
      [c1, d1],
      [c2, d2],
    ] as const)
      expect((await c.push(d.accessToken, 'case_events', [fresh(registerEvent(old))])).body.refused).toEqual([]);
    const user = await addUser(
      admin,
      {
        login: 'ls-new',
        name: '新接待员',
        officeId: 'office-lvshui',
        roles: ['receptionist', 'handler'],
        password: 'secret-1',
      },
      testCost,
    );
    await learnSigningKey(user, 'secret-1');
    const actor: CaseEventDoc['actor'] = { userId: user.id, officeId: 'office-lvshui', role: 'receptionist' };
    const reg = registerEvent(actor);
    expect((await c1.push(d1.accessToken, 'case_events', [fresh(reg)])).body).toEqual({ conflicts: [], refused: [] });
    const note = actEvent({ ...actor, role: 'handler' }, reg.caseId, 'note', { text: '已电话联系' }, [reg.id]);
    expect((await c2.push(d2.accessToken, 'case_events', [fresh(note)])).body).toEqual({ conflicts: [], refused: [] });
    await disableUser(admin, 'ls-new');
    for (const [c, d] of [
      [c1, d1],
      [c2, d2],
    ] as const) {
      const late = recordedNow(registerEvent(actor));
      expect((await c.push(d.accessToken, 'case_events', [fresh(late)])).body.refused).toEqual([
        { id: late.id, code: 'actor-disabled' },
      ]);
    }
  });
});
