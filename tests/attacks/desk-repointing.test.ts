import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inProcessTransport } from '#shared/contract/dispatch';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import type { FetchLike } from '#shared/core/replication-client';
import { apiErrorText, syncErrorText } from '#shared/messages/zh-CN';
import { syncPaths } from '#shared/sync/protocol';
import { walkIn } from '../fixtures';
import { seeded, startServer, testDatabase, type RunningServer } from '../src-server/support';

/**
 * Attack: a logged-out desk pointed at a stranger's server with `sync-enrol` would push its whole database there —
 * 信访人 personal data (个人信息保护法) and the text of 检举控告 (《信访工作条例》第三十条第三款, 第四十六条第五项). A
 * desk that is enrolled or holds records is enrolled only by a signed-in 负责人 or 管理员; the county's identity (an id and an Ed25519 key) is pinned at the
 * first enrolment; a server that cannot sign the desk's fresh nonce gets no password, no token and no record.
 *
 * Two real county servers on PGlite, both holding the demo county (so the stranger knows every login and password);
 * the network is switchable at the desk's fetch, the only thing not real here.
 */

let county: RunningServer;
let stranger: RunningServer;
beforeAll(async () => {
  const [a, b] = await Promise.all([testDatabase('pglite'), testDatabase('pglite')]);
  [county, stranger] = await Promise.all([
    startServer(await seeded(await a.open())),
    startServer(await seeded(await b.open())),
  ]);
});
afterAll(async () => {
  for (const s of [county, stranger]) {
    await s?.stop();
    await s?.db.close();
  }
});

const desks: Desk[] = [];
afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.close()));
});

/** The desk's network: every call it makes (to the server that answers), an address answered by another server, or none. */
function network() {
  const calls: { method: string; url: string }[] = [];
  const routes = new Map<string, string>();
  const down = new Set<string>();
  const fetchLike: FetchLike = async (url, init) => {
    const from = [...routes.keys()].find((address) => url.startsWith(address));
    const target = from === undefined ? url : (routes.get(from) ?? '') + url.slice(from.length);
    calls.push({ method: init.method, url: target });
    if ([...down].some((address) => target.startsWith(address))) throw new TypeError('fetch failed');
    return fetch(target, init);
  };
  const to = (server: RunningServer) => calls.filter((c) => c.url.startsWith(server.url));
  return { fetch: fetchLike, routes, down, calls, to };
}

/** A desk enrolled with the county at its first login, with one registered matter synced there; nobody signed in. */
async function enrolledDesk() {
  const net = network();
  const desk = await createDesk({
    storage: getRxStorageMemory(),
    name: `repoint-${Math.random().toString(36).slice(2)}`,
    sync: { fetch: net.fetch, retry: { minMs: 100, maxMs: 1_000 } },
  });
  desks.push(desk);
  const t = inProcessTransport(desk.api, desk, (error) => console.error(error));
  // A fresh desk (never enrolled, no records): the first login enrols it, no session needed, and pins the county.
  await t.invoke('sync-enrol', { login: 'qs-reception', password: DEMO_PASSWORD, serverUrl: county.url });
  await desk.sync.awaitInSync();
  const as = async (login: string) => {
    await t.invoke('session-logout', {});
    return t.invoke('session-login', { login, password: DEMO_PASSWORD });
  };
  await as('qs-reception');
  const registered = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
  await t.invoke('sync-now', {});
  await desk.sync.awaitInSync();
  expect(await holds(county, [registered.petitionId])).toEqual([registered.petitionId]);
  await t.invoke('session-logout', {});
  return { desk, t, net, as, registered };
}

/** Which of `ids` the server stores. */
async function holds(server: RunningServer, ids: readonly string[]): Promise<string[]> {
  const { rows } = await server.db.query<{ id: string }>(`SELECT id FROM docs WHERE id = ANY($1::text[])`, [ids]);
  return rows.map((r) => r.id);
}

const loginsAt = (net: ReturnType<typeof network>, server: RunningServer) =>
  net.to(server).filter((c) => c.url.endsWith(syncPaths.login) || c.url.endsWith(syncPaths.refresh));
const pushesAt = (net: ReturnType<typeof network>, server: RunningServer) =>
  net.to(server).filter((c) => c.url.includes('/push'));

describe('re-pointing a desk at a stranger server (个人信息保护法, 第三十条第三款)', { timeout: 60_000 }, () => {
  it('the county shows its identity: an id and an Ed25519 public key, and signs a nonce; a malformed nonce is a 400 with a code', async () => {
    const identity = (await (await fetch(county.url + syncPaths.identity)).json()) as { id: string; publicKey: string };
    expect(identity.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(identity.publicKey).toMatch(/^[0-9a-f]{64}$/);
    const other = (await (await fetch(stranger.url + syncPaths.identity)).json()) as { publicKey: string };
    expect(other.publicKey).not.toBe(identity.publicKey);
    const bad = await fetch(county.url + syncPaths.identityChallenge, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nonce: 'x' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 'invalid-arguments' });
  });

  it('a logged-out desk holding records is not re-pointed (enrol-needs-approver): the stranger gets no password and no record', async () => {
    const { t, net, registered } = await enrolledDesk();
    await expect(
      t.invoke('sync-enrol', { login: 'qs-approver', password: DEMO_PASSWORD, serverUrl: stranger.url }),
    ).rejects.toMatchObject({ code: 'enrol-needs-approver' });
    await t.invoke('sync-now', {});
    expect(loginsAt(net, stranger)).toEqual([]);
    expect(pushesAt(net, stranger)).toEqual([]);
    expect(await holds(stranger, [registered.petitionId, ...registered.petitionerIds])).toEqual([]);
    expect(apiErrorText['enrol-needs-approver']).toMatch(/负责人或管理员/);
  });

  it('a signed-in 接待员 may not enrol the desk again either (enrol-needs-approver)', async () => {
    const { t, as, net } = await enrolledDesk();
    await as('qs-reception');
    await expect(
      t.invoke('sync-enrol', { login: 'qs-reception', password: DEMO_PASSWORD, serverUrl: stranger.url }),
    ).rejects.toMatchObject({ code: 'enrol-needs-approver' });
    expect(net.to(stranger)).toEqual([]);
  });

  it('a signed-in 负责人 pointing the desk at another county is refused before the password is sent (server-identity-changed)', async () => {
    const { t, as, net, registered } = await enrolledDesk();
    await as('qs-approver');
    await expect(
      t.invoke('sync-enrol', { login: 'qs-approver', password: DEMO_PASSWORD, serverUrl: stranger.url }),
    ).rejects.toMatchObject({ code: 'server-identity-changed' });
    expect(loginsAt(net, stranger)).toEqual([]);
    expect(await holds(stranger, [registered.petitionId])).toEqual([]);
    // Still the county's desk.
    expect((await t.invoke('settings-get', {})).serverUrl).toBe(county.url);
  });

  it('the same county at a new address is re-enrolled by a 负责人 without more ado: its identity is the pinned one', async () => {
    const { t, as, net } = await enrolledDesk();
    net.routes.set('http://county.example', county.url);
    await as('qs-approver');
    const status = await t.invoke('sync-enrol', {
      login: 'qs-approver',
      password: DEMO_PASSWORD,
      serverUrl: 'http://county.example',
    });
    expect(status.lastError).toBeUndefined();
    expect((await t.invoke('settings-get', {})).serverUrl).toBe('http://county.example');
  });

  it('changing county on purpose (replaceServer) is refused while records have not reached the old county (unsynced-data)', async () => {
    const { t, as, net } = await enrolledDesk();
    net.down.add(county.url);
    await as('qs-reception');
    const offline = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
    await t.invoke('sync-now', {});
    await as('qs-approver');
    await expect(
      t.invoke('sync-enrol', {
        login: 'qs-approver',
        password: DEMO_PASSWORD,
        serverUrl: stranger.url,
        replaceServer: true,
      }),
    ).rejects.toMatchObject({ code: 'unsynced-data' });
    expect(loginsAt(net, stranger)).toEqual([]);
    expect(await holds(stranger, [offline.petitionId])).toEqual([]);
  });

  it('once everything is at the old county, a 负责人 may change county on purpose: the desk pins the new one', async () => {
    const { t, as, net } = await enrolledDesk();
    await as('qs-approver');
    const status = await t.invoke('sync-enrol', {
      login: 'qs-approver',
      password: DEMO_PASSWORD,
      serverUrl: stranger.url,
      replaceServer: true,
    });
    expect(status.lastError).toBeUndefined();
    expect(loginsAt(net, stranger)).toHaveLength(1);
    expect((await t.invoke('settings-get', {})).serverUrl).toBe(stranger.url);
    // The old county is now the stranger: asked to enrol there again, the desk wants it said.
    await expect(
      t.invoke('sync-enrol', { login: 'qs-approver', password: DEMO_PASSWORD, serverUrl: county.url }),
    ).rejects.toMatchObject({ code: 'server-identity-changed' });
  });

  it("a stranger answering at the county's address gets no push, no token and no record: sync stops with server-identity-mismatch", async () => {
    const { desk, t, as, net } = await enrolledDesk();
    await as('qs-reception');
    // The login's audit row has gone to the county: no push is in flight when the address changes hands (a push
    // proven a moment before the switch would still go out; HTTPS closes that window, design.md §5).
    await t.invoke('sync-now', {});
    await desk.sync.awaitInSync();
    net.routes.set(county.url, stranger.url); // the county's address now answered by the stranger's server
    const before = net.calls.length;
    const later = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
    const status = await t.invoke('sync-now', {});
    expect(status).toMatchObject({ state: 'error', lastError: 'server-identity-mismatch' });
    const asked = net.calls.slice(before).filter((c) => c.url.startsWith(stranger.url));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((c) => c.url.endsWith(syncPaths.identityChallenge))).toBe(true); // only ever asked to prove itself
    expect(await holds(stranger, [later.petitionId, ...later.petitionerIds])).toEqual([]);
    expect(syncErrorText['server-identity-mismatch']).toBe('服务器身份与本机登记的县级服务器不符，已停止同步。');

    // The county back at its address: it proves itself, and what waited is pushed.
    net.routes.delete(county.url);
    await t.invoke('sync-now', {});
    await expect.poll(() => holds(county, [later.petitionId]), { timeout: 20_000 }).toEqual([later.petitionId]);
  });
});
