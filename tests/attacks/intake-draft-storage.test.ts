import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inProcessTransport } from '#shared/contract/dispatch';
import type { AnyStorage } from '#shared/core/database';
import { createDesk, type Desk, type DeskOptions } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { seedDemo } from '#shared/core/demo';
import { replicatedCollections } from '#shared/sync/protocol';
import { getRxStorageSQLite } from '../../src-main/storage-sqlite/index';
import { walkIn } from '../fixtures';
import { seeded, startServer, testDatabase, type RunningServer, type TestDatabase } from '../src-server/support';

/**
 * Attack: an intake draft — a 身份证号, a phone, the text of a 检举控告 — left in the browser's plaintext
 * localStorage would survive logout, and the next person at the desk (or anyone reading the profile folder) would
 * find it. 个人信息保护法 (第十条、第五十一条) and the confidentiality of an accuser (《信访工作条例》第三十条第三款,
 * 第四十六条第五项) want it kept in the desk's own database, encrypted on the desktop, per user, and deleted at
 * logout and once saved; the replication never carries it to the county.
 */

const SECRET = {
  name: '钱检举',
  idNumber: '11010519491231002X',
  phone: '13912345678',
  request: '检举青山镇某站所长收受红包二万元',
};
/** The intake form as the renderer keeps it (the core never looks inside). */
const form = {
  channel: 'visit',
  petitioners: [
    {
      key: 'p1',
      name: SECRET.name,
      idType: 'resident-id',
      idNumber: SECRET.idNumber,
      phone: SECRET.phone,
      address: '',
    },
  ],
  request: SECRET.request,
  class: 'accusation',
};
const typedTexts = Object.values(SECRET);

const desks: Desk[] = [];
afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.close()));
});

async function open(options: Partial<DeskOptions> & { storage?: AnyStorage; seed?: boolean } = {}) {
  const { seed = true, ...rest } = options;
  const desk = await createDesk({
    storage: getRxStorageMemory(),
    name: `draft-${Math.random().toString(36).slice(2)}`,
    ...rest,
  });
  desks.push(desk);
  if (seed) await seedDemo(desk.db, { N: 2 ** 10 });
  const t = inProcessTransport(desk.api, desk, (error) => console.error(error));
  const as = async (login: string) => {
    await t.invoke('session-logout', {});
    return t.invoke('session-login', { login, password: DEMO_PASSWORD });
  };
  return { desk, t, as };
}

/** Every stored version of the user's draft, the deleted one (RxDB's tombstone) included. */
async function storedDrafts(desk: Desk, userId: string): Promise<string> {
  const rows = await desk.db.drafts.storageInstance.findDocumentsById([userId], true);
  return JSON.stringify(rows);
}

describe('intake drafts live in the desk database, per user (个人信息保护法; 第三十条第三款)', () => {
  it('a draft is kept for the user who typed it and returned to them only, never to another user of the desk', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    expect(await t.invoke('draft-get', {})).toBeNull();
    await t.invoke('draft-save', { form });
    expect((await t.invoke('draft-get', {}))?.form).toEqual(form);
    // Another user at the same desk (the receptionist's session ended without a logout, the window was closed).
    const desk = desks[0]!;
    await desk.api['session-login']({ login: 'qs-handler', password: DEMO_PASSWORD });
    expect(await t.invoke('draft-get', {})).toBeNull();
    await t.invoke('draft-save', { form: { request: '办理人自己的草稿' } });
    // The receptionist, back at the desk: their own draft, untouched by the other user's.
    await desk.api['session-login']({ login: 'qs-reception', password: DEMO_PASSWORD });
    expect((await t.invoke('draft-get', {}))?.form).toEqual(form);
  });

  it('nobody signed in reads or writes a draft (not-logged-in)', async () => {
    const { t } = await open();
    await expect(t.invoke('draft-get', {})).rejects.toMatchObject({ code: 'not-logged-in' });
    await expect(t.invoke('draft-save', { form })).rejects.toMatchObject({ code: 'not-logged-in' });
  });

  it('logging out deletes the draft: the same user gets nothing back, and the stored tombstone holds none of the text', async () => {
    const { desk, t, as } = await open();
    const session = await as('qs-reception');
    await t.invoke('draft-save', { form });
    await t.invoke('session-logout', {});
    await as('qs-reception');
    expect(await t.invoke('draft-get', {})).toBeNull();
    const stored = await storedDrafts(desk, session.user.id);
    for (const text of typedTexts) expect(stored).not.toContain(text);
  });

  it('saving the intake deletes the draft (a crash then cannot bring it back to be registered twice)', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    await t.invoke('draft-save', { form });
    await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
    expect(await t.invoke('draft-get', {})).toBeNull();
  });

  it('a refused save keeps the draft (typed input is never lost)', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    await t.invoke('draft-save', { form });
    await expect(
      t.invoke('petition-register', {
        registration: walkIn({ receivedAt: '2099-01-01T00:00:00.000Z' }),
        case: { kind: 'new' },
      }),
    ).rejects.toBeTruthy();
    expect((await t.invoke('draft-get', {}))?.form).toEqual(form);
  });

  it('a draft that is not a form or is larger than a 信访件 is refused as invalid-arguments', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    await expect(t.invoke('draft-save', { form: { request: 'x'.repeat(300 * 1024) } })).rejects.toMatchObject({
      code: 'invalid-arguments',
    });
    await expect(
      t.invoke('draft-save', { form: ['not', 'a form'] as unknown as Record<string, string> }),
    ).rejects.toMatchObject({ code: 'invalid-arguments' });
  });
});

describe('on the desktop the draft is in the encrypted SQLite database (SQLCipher), and survives a closed window', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'draft-sqlite-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('none of the typed text is readable in the database files; the same user gets the draft back after a restart', async () => {
    const storage = () => getRxStorageSQLite({ databaseDirectory: dir, key: 'test-key-of-this-install' });
    const first = await open({ storage: storage(), name: 'desk' });
    await first.as('qs-reception');
    await first.t.invoke('draft-save', { form });
    await first.desk.close(); // the window closed without a logout
    desks.splice(0);

    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      for (const text of typedTexts)
        expect(bytes.includes(Buffer.from(text, 'utf8')), `${text} in ${file}`).toBe(false);
    }

    const second = await open({ storage: storage(), name: 'desk', seed: false });
    await second.as('qs-handler');
    expect(await second.t.invoke('draft-get', {})).toBeNull();
    await second.desk.api['session-login']({ login: 'qs-reception', password: DEMO_PASSWORD });
    expect((await second.t.invoke('draft-get', {}))?.form).toEqual(form);
  });
});

describe('a draft never leaves the desk: the replication does not carry it (PGlite county server)', () => {
  let tdb: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    tdb = await testDatabase('pglite');
    server = await startServer(await seeded(await tdb.open()));
  });
  afterAll(async () => {
    await server?.stop();
    await server?.db.close();
    await tdb?.drop();
  });

  it(
    'after a full sync the server holds none of the draft text, and no drafts collection is replicated',
    { timeout: 60_000 },
    async () => {
      expect(Object.keys(replicatedCollections)).not.toContain('drafts');
      const { desk, t } = await open({
        seed: false,
        sync: { fetch: (...a) => fetch(...a), retry: { minMs: 100, maxMs: 1_000 } },
      });
      await t.invoke('sync-enrol', { login: 'qs-reception', password: DEMO_PASSWORD, serverUrl: server.url });
      await desk.sync.awaitInSync();
      await t.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
      await t.invoke('draft-save', { form });
      // Something real to push alongside, so the sync certainly ran a push.
      const { petitionId } = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
      await t.invoke('draft-save', { form });
      await t.invoke('sync-now', {});
      await desk.sync.awaitInSync();

      const pushed = await server.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM docs WHERE id = $1`, [
        petitionId,
      ]);
      expect(Number(pushed.rows[0]?.n)).toBe(1);
      const { rows } = await server.db.query<{ collection: string; body: unknown }>(
        `SELECT collection, body FROM docs`,
      );
      expect(rows.map((r) => r.collection)).not.toContain('drafts');
      const everything = JSON.stringify(rows);
      for (const text of typedTexts.filter((x) => x !== SECRET.idNumber)) expect(everything).not.toContain(text);
    },
  );
});
