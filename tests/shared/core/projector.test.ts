import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCalendar } from '#shared/domain/calendar';
import type { CaseProjection } from '#shared/domain/case-types';
import { openDeskDatabase, type DeskDatabase } from '#shared/core/database';
import { Projector } from '#shared/core/projector';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import { actEvent, actors, registerEvent } from '../../src-server/fixtures';

/**
 * The projector's catch-up hold (design.md §2, §3): while replication brings full pages, matters are folded once
 * at the end; a desk stopped during the hold folds everything again at its next open. On our SQLite storage in a
 * temp folder, with events written straight into `case_events` as replication writes them.
 */
let dir: string;
const open: { db: DeskDatabase; projector: Projector }[] = [];
afterEach(async () => {
  for (const { db, projector } of open.splice(0)) {
    projector.stop();
    await projector.idle();
    await db.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

async function openProjector(folds: string[][] = [], clock = { ms: 0 }) {
  const db = await openDeskDatabase(getRxStorageSQLite({ databaseDirectory: dir }), 'desk', false);
  const projector = new Projector(
    db,
    () => defaultCalendar,
    (caseIds) => folds.push(caseIds),
    () => clock.ms,
  );
  projector.start();
  open.push({ db, projector });
  return { db, projector, folds };
}

/** Three matters of 青山镇, each registered and then 督办'd by the county: six events. */
function replicatedEvents() {
  return [1, 2, 3].flatMap(() => {
    const register = registerEvent(actors.qsReception);
    const urge = actEvent(
      actors.countyHandler,
      register.caseId,
      'supervise',
      { kind: 'urge', issue: '请按期告知', feedbackDue: '2025-12-10' },
      [register.id],
    );
    return [register, urge];
  });
}

const projections = async (db: DeskDatabase) =>
  new Map((await db.cases.find().exec()).map((d) => [d.id, d.toJSON().projection as CaseProjection]));

describe('the projector during a catch-up', () => {
  it('holds folding while full pages arrive and folds each matter once at the release, equal to a rebuild', async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    const { db, projector, folds } = await openProjector();
    const events = replicatedEvents();
    await projector.hold();
    await db.case_events.bulkInsert(events.filter((e) => e.type === 'register'));
    await db.case_events.bulkInsert(events.filter((e) => e.type !== 'register'));
    await projector.idle();
    expect(await db.cases.count().exec()).toBe(0);
    expect(await db.getLocal('projector-held')).not.toBeNull();

    await projector.release();
    expect(folds).toEqual([expect.arrayContaining([...new Set(events.map((e) => e.caseId))])]);
    const folded = await projections(db);
    expect([...folded.values()].map((p) => p.clocks.map((k) => k.kind))).toEqual(
      [1, 2, 3].map(() => expect.arrayContaining(['supervision'])),
    );
    expect(await db.getLocal('projector-held')).toBeNull();

    await db.cases.find().remove();
    expect(await projector.rebuild()).toBe(3);
    expect(await projections(db)).toEqual(folded);
  });

  it('a catch-up that runs long folds what it holds every 10 s while it goes on', async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    const clock = { ms: 0 };
    const { db, projector, folds } = await openProjector([], clock);
    const [first, second] = [replicatedEvents().slice(0, 2), replicatedEvents().slice(0, 2)];
    await projector.hold();
    await db.case_events.bulkInsert(first!);
    clock.ms = 9_000;
    await projector.hold(); // the next full page, within 10 s: still held
    await projector.idle();
    expect(folds).toEqual([]);
    clock.ms = 10_000;
    await projector.hold(); // 10 s on: what is held is folded, the hold goes on
    await projector.idle();
    expect(folds).toEqual([[first![0]!.caseId]]);
    await db.case_events.bulkInsert(second!);
    await projector.idle();
    expect(await db.cases.count().exec()).toBe(1);
    expect(await db.getLocal('projector-held')).not.toBeNull();
    await projector.release();
    expect(await db.cases.count().exec()).toBe(2);
  });

  it('after the hold, events are folded as they come again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    const { db, projector } = await openProjector();
    await projector.hold();
    await projector.release();
    const [register] = replicatedEvents();
    await db.case_events.insert(register!);
    await projector.idle();
    expect(await db.cases.count().exec()).toBe(1);
  });

  it('a desk stopped during a hold folds every matter again at its next open', async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    const first = await openProjector();
    const events = replicatedEvents();
    await first.projector.hold();
    await first.db.case_events.bulkInsert(events);
    const stopped = open.splice(0)[0]!; // stopped without a release, as a killed desk would be
    stopped.projector.stop();
    await stopped.db.close();

    const second = await openProjector();
    expect(await second.db.cases.count().exec()).toBe(0);
    expect(await second.projector.recover()).toBe(true);
    expect((await projections(second.db)).size).toBe(3);
    expect(await second.db.getLocal('projector-held')).toBeNull();
    expect(await second.projector.recover()).toBe(false);
  });
});

/** The open-time check (`catchUp`), bounded by the checkpoint of the previous open. */
describe('the projector at an open', () => {
  /** Opens the folder with a projector that folds nothing by itself: what a desk killed before its fold leaves. */
  async function openUnfolded() {
    const db = await openDeskDatabase(getRxStorageSQLite({ databaseDirectory: dir }), 'desk', false);
    const projector = new Projector(
      db,
      () => defaultCalendar,
      () => undefined,
    );
    open.push({ db, projector });
    return { db, projector };
  }

  it('第四十四条第一项 folds the matters whose events its projections lack, then reads only what was written after (the checkpoint)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    const { db, projector } = await openUnfolded();
    const events = replicatedEvents();
    await db.case_events.bulkInsert(events.filter((e) => e.type === 'register'));
    expect(await projector.catchUp()).toBe(3); // no projection at all: every matter folded
    expect(await projector.catchUp()).toBe(0); // nothing written since: nothing read, nothing folded
    expect(await db.getLocal('projector-checked')).not.toBeNull();

    const [urge] = events.filter((e) => e.type !== 'register');
    await db.case_events.insert(urge!); // an act stored, its fold lost
    expect((await projections(db)).get(urge!.caseId)?.eventCount).toBe(1);
    expect(await projector.catchUp()).toBe(1);
    expect((await projections(db)).get(urge!.caseId)).toMatchObject({
      eventCount: 2,
      clocks: expect.arrayContaining([expect.objectContaining({ kind: 'supervision' })]),
    });

    // A matter whose projection already holds every event is only counted, never folded again.
    const rest = events.filter((e) => e.type !== 'register' && e.id !== urge!.id);
    await db.case_events.bulkInsert(rest);
    await projector.refresh(rest.map((e) => e.caseId));
    expect(await projector.catchUp()).toBe(0);
  });
});
