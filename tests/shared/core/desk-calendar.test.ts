import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inProcessTransport } from '#shared/contract/dispatch';
import type { Transport } from '#shared/contract/transport';
import { openDeskDatabase, type AnyStorage } from '#shared/core/database';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { seedDemo } from '#shared/core/demo';
import { calendarDocOf } from '#shared/domain/calendar-merge';
import { parseHolidayNotice } from '#shared/domain/calendar-notice';
import type { CalendarDoc } from '#shared/domain/documents';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import { addCalendarYear } from '../../../src-server/services/calendar-admin';
import { walkIn } from '../../fixtures';
import { seeded, startServer, testDatabase, type RunningServer, type TestDatabase } from '../../src-server/support';
import { EXAMPLE_2027 } from '../domain/holiday-notices';

/**
 * The desk counts with the years the county loads (放假办法 第二条、第六条、第七条). A walk-in received on Thursday
 * 2026-12-17 must be answered in 15 日 (第二十三条): the period starts the next day (民法典 第二百零一条) and its
 * last day, Friday 2027-01-01, is 元旦; under 第二百零三条 it moves to the day after the rest days, Monday 01-04.
 * Without 2027 the desk cannot know that and shows 01-01 as uncertain.
 */
const DESK_NOW = new Date('2026-12-17T02:00:00Z');
const RECEIVED = '2026-12-17T01:00:00.000Z';

function doc2027(at = '2026-11-20T02:00:00.000Z'): CalendarDoc {
  const result = parseHolidayNotice(2027, EXAMPLE_2027);
  if (!result.ok) throw new Error('the example file is valid');
  return calendarDocOf(result.notice, 1, at);
}

let desks: Desk[] = [];
afterEach(async () => {
  await Promise.all(desks.map((d) => d.close()));
  desks = [];
});

async function open(
  storage: AnyStorage = getRxStorageMemory(),
  name = `cal-${Math.random().toString(36).slice(2)}`,
  sync?: Parameters<typeof createDesk>[0]['sync'],
) {
  const desk = await createDesk({ storage, name, clock: () => DESK_NOW, ...(sync ? { sync } : {}) });
  desks.push(desk);
  const t = inProcessTransport(desk.api, desk, (error) => console.error(error));
  const as = async (login: string) => {
    await t.invoke('session-logout', {});
    await t.invoke('session-login', { login, password: DEMO_PASSWORD });
  };
  return { desk, t, as };
}

async function registerWalkIn(t: Transport): Promise<string> {
  const { caseId } = await t.invoke('petition-register', {
    registration: walkIn({ receivedAt: RECEIVED }),
    case: { kind: 'new' },
  });
  return caseId;
}

const nextDue = async (t: Transport, caseId: string) =>
  (await t.invoke('case-list', {})).items.find((i) => i.id === caseId)?.nextDue;

describe('第二十三条 15 日 over 元旦 2027 (民法典 第二百零一条、第二百零三条)', () => {
  it('is uncertain on the bundled calendar, and certain, moved to 2027-01-04, once the county document for 2027 arrives', async () => {
    const { desk, t, as } = await open();
    await seedDemo(desk.db, { N: 2 ** 10 });
    await as('qs-reception');
    const caseId = await registerWalkIn(t);
    expect(await nextDue(t, caseId)).toMatchObject({ due: '2027-01-01', uncertain: true, article: '第二十三条' });
    expect(await t.invoke('calendar-status', {})).toMatchObject({ today: '2026-12-17', missingYears: [2027] });

    await desk.db.calendars.insert(doc2027()); // as replication writes it
    await vi.waitFor(
      async () => expect(await nextDue(t, caseId)).toMatchObject({ due: '2027-01-04', uncertain: false }),
      { timeout: 10_000 },
    );
    const status = await t.invoke('calendar-status', {});
    expect(status.missingYears).toEqual([]);
    expect(status.years.map((y) => [y.year, y.source])).toEqual([
      [2024, 'bundled'],
      [2025, 'bundled'],
      [2026, 'bundled'],
      [2027, 'county'],
    ]);
    expect((await t.invoke('case-get', { id: caseId })).case.clocks.find((k) => k.kind === 'notice')).toMatchObject({
      due: '2027-01-04',
      uncertain: false,
    });
  });

  it('a document that arrived while the desk was stopped, before it was folded in, is folded in at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xinfang-calendar-desk-'));
    try {
      const first = await open(getRxStorageSQLite({ databaseDirectory: dir }), 'desk');
      await seedDemo(first.desk.db, { N: 2 ** 10 });
      await first.as('qs-reception');
      const caseId = await registerWalkIn(first.t);
      await first.desk.close();
      desks = [];
      // The stored document without a desk running: as after a stop between replication's write and the fold.
      const db = await openDeskDatabase(getRxStorageSQLite({ databaseDirectory: dir }), 'desk', false);
      await db.calendars.insert(doc2027());
      await db.close();

      const second = await open(getRxStorageSQLite({ databaseDirectory: dir }), 'desk');
      await second.as('qs-reception');
      await vi.waitFor(
        async () => expect(await nextDue(second.t, caseId)).toMatchObject({ due: '2027-01-04', uncertain: false }),
        { timeout: 10_000 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a year loaded on the county server reaches the desk at its next sync (PGlite)', () => {
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
    'admin calendar-add 2027 on the server, sync now at the desk: the 2027 deadline is certain',
    { timeout: 60_000 },
    async () => {
      const { desk, t, as } = await open(undefined, undefined, {
        fetch: (...a) => fetch(...a),
        retry: { minMs: 100, maxMs: 1_000 },
      });
      await t.invoke('sync-enrol', { login: 'qs-reception', password: DEMO_PASSWORD, serverUrl: server.url });
      await desk.sync.awaitInSync();
      await as('qs-reception');
      const caseId = await registerWalkIn(t);
      expect(await nextDue(t, caseId)).toMatchObject({ due: '2027-01-01', uncertain: true });

      await addCalendarYear(server.db, 2027, EXAMPLE_2027);
      await t.invoke('sync-now', {});
      await vi.waitFor(
        async () => expect(await nextDue(t, caseId)).toMatchObject({ due: '2027-01-04', uncertain: false }),
        { timeout: 20_000 },
      );
      expect((await t.invoke('calendar-status', {})).missingYears).toEqual([]);
    },
  );
});
