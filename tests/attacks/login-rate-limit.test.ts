import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src-server/db/database';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { syncPaths } from '#shared/sync/protocol';
import { seeded, testDatabase, type RunningServer, type TestDatabase } from '../src-server/support';
import { loopbackAddresses, postFrom, startCounty } from './support';

/**
 * Rate-limited login (design.md §5). A limit kept per login *and* address in each process's memory would give a
 * guesser with many addresses, or a county with several server processes, five tries per address per process, and
 * keep every name ever tried in a map (+110 MB after 400,000 names). Failures are rows in PostgreSQL, counted per login across addresses (and per address across logins) by every process, and
 * pruned once out of the window.
 */
describe('the login rate limit, on PostgreSQL with two server processes', () => {
  let tdb: TestDatabase;
  let one: RunningServer;
  let two: RunningServer;
  let clocked: RunningServer;
  let clock = new Date('2026-12-05T08:00:00.000Z');
  const addresses = loopbackAddresses(40);
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    const open = () => openDatabase({ url: tdb.url, poolSize: 5 });
    one = await startCounty(await seeded(await tdb.open()));
    two = await startCounty(await open());
    clocked = await startCounty(await open(), { now: () => clock });
  }, 60_000);
  afterAll(async () => {
    for (const s of [one, two, clocked]) {
      await s?.stop();
      await s?.db.close();
    }
    await tdb?.drop();
  });

  const attempt = (server: RunningServer, from: string, login: string, password = 'wrong-password') =>
    postFrom(from, server.url, syncPaths.login, { login, password, deviceName: 'guesser' }).then((r) => r.status);
  const failureRows = async (db: Database) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM login_failures')).rows[0]!.n;

  it('a guesser with many addresses gets five tries at a login, not five per address; then even the right password waits', async () => {
    const statuses: number[] = [];
    for (const from of addresses.slice(0, 12)) statuses.push(await attempt(one, from, 'qs-approver'));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    expect(await attempt(one, addresses[20]!, 'qs-approver', DEMO_PASSWORD)).toBe(429);
    expect(await attempt(one, addresses[20]!, 'qs-handler', DEMO_PASSWORD)).toBe(200); // other logins are not affected
  });

  it('two server processes over one database share the count', async () => {
    const statuses: number[] = [];
    for (const [i, from] of addresses.slice(0, 8).entries())
      statuses.push(await attempt(i % 2 === 0 ? one : two, from, 'ls-approver'));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('parallel guesses cannot slip past the count: of 20 at once, at most five are checked', async () => {
    const statuses = await Promise.all(addresses.slice(0, 20).map((from) => attempt(two, from, 'county-approver')));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
  });

  it('per address too: one address trying many names is stopped after twenty failures', async () => {
    const from = addresses[39]!;
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push(await attempt(one, from, `nobody-${i}`));
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  it('the failures of names tried once are pruned when they leave the window: nothing accumulates', async () => {
    for (let i = 0; i < 10; i++) expect(await attempt(clocked, addresses[30 + (i % 5)]!, `ghost-${i}`)).toBe(401);
    const during = await failureRows(clocked.db);
    expect(during).toBeGreaterThanOrEqual(10);
    clock = new Date(clock.getTime() + 16 * 60_000); // past the 15-minute window, for this process's clock
    expect(await attempt(clocked, addresses[35]!, 'ghost-late')).toBe(401);
    const { rows } = await clocked.db.query<{ login: string }>(
      `SELECT login FROM login_failures WHERE login LIKE 'ghost-%'`,
    );
    expect(rows.map((r) => r.login)).toEqual(['ghost-late']);
  });
});
