import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { seedDemo } from '#shared/core/demo';
import { inProcessTransport } from '#shared/contract/dispatch';
import { applyIntent, writeIntent } from '#shared/core/registration-intent';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import { expectCode } from '../../contract/handler-suite';
import { walkIn } from '../../fixtures';

/** 第四十四条第一项: a registration interrupted by a crash is finished at the next start, on the real storage. */
const dirs: string[] = [];
const desks: Desk[] = [];
afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(dir: string) {
  const desk = await createDesk({ storage: getRxStorageSQLite({ databaseDirectory: dir }), name: 'desk' });
  desks.push(desk);
  return desk;
}

describe('registration intent', () => {
  it('第四十四条第一项 a registration whose intent was written but not applied is finished at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intent-'));
    dirs.push(dir);
    const first = await open(dir);
    await seedDemo(first.db, { N: 2 ** 10 });
    const t = inProcessTransport(first.api, first);
    await t.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
    const done = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
    const detail = await t.invoke('case-get', { id: done.caseId });
    // What a crash right after the intent write leaves behind: the intent, and nothing of a second registration.
    const event = {
      ...detail.events[0]!,
      id: '01990000-0000-7000-8000-00000000abcd',
      caseId: 'case-crashed',
      payload: { ...detail.events[0]!.payload, caseNumber: 'X-2026-CRASH-00001', petitionIds: ['petition-crashed'] },
    };
    const petition = { ...detail.petitions[0]!, id: 'petition-crashed', caseId: 'case-crashed' };
    await writeIntent(first.db, {
      petitioners: [...detail.petitioners],
      petition,
      event: { ...event, payload: { ...event.payload }, actor: { ...event.actor }, after: [] },
    });
    await first.close();
    desks.splice(0);

    const second = await open(dir);
    const again = inProcessTransport(second.api, second);
    await again.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
    const list = await again.invoke('case-list', {});
    expect(list.items.map((i) => i.caseNumber).sort()).toEqual([done.caseNumber, 'X-2026-CRASH-00001'].sort());
    const crashed = await again.invoke('case-get', { id: 'case-crashed' });
    expect(crashed.petitions.map((p) => p.id)).toEqual(['petition-crashed']);
    expect(await second.db.getLocal('pending-registration')).toBeNull();
  });
});

/** The answer goes out once the intent is written; applying it follows (handlers/petitions.ts). Memory storage. */
describe('a registration confirmed before it is applied', () => {
  async function openMemoryDesk() {
    const desk = await createDesk({
      storage: getRxStorageMemory(),
      name: `intent-${Math.random().toString(36).slice(2)}`,
    });
    desks.push(desk);
    await seedDemo(desk.db, { N: 2 ** 10 });
    const t = inProcessTransport(desk.api, desk);
    await t.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
    return { desk, t };
  }

  it('第四十四条第一项 is read back by the very next call, a link to it included', async () => {
    const { t } = await openMemoryDesk();
    const first = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
    // No pause: reads (and a registration's own reads) wait for the writes that follow an answer.
    const detail = await t.invoke('case-get', { id: first.caseId });
    expect(detail.case.caseNumber).toBe(first.caseNumber);
    const linked = await t.invoke('petition-register', {
      registration: walkIn(),
      case: { kind: 'link', caseId: first.caseId },
    });
    expect(linked.caseId).toBe(first.caseId);
  });

  it('第四十四条第一项 an apply that fails after the answer is finished before the next registration, which is refused while it cannot be', async () => {
    const { desk, t } = await openMemoryDesk();
    const insert = desk.db.case_events.bulkInsert.bind(desk.db.case_events);
    let failures = 2;
    desk.db.case_events.bulkInsert = (docs) => (failures-- > 0 ? Promise.reject(new Error('disk full')) : insert(docs));

    const first = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
    // Confirmed: the intent is written and stays until it is applied.
    expect((await t.invoke('case-list', {})).items).toEqual([]);
    expect(await desk.db.getLocal('pending-registration')).not.toBeNull();
    // The next registration must not take the slot while the first cannot be applied.
    await expectCode(
      t.invoke('petition-register', { registration: walkIn({ request: '第二件' }), case: { kind: 'new' } }),
      'internal',
    );
    const third = await t.invoke('petition-register', {
      registration: walkIn({ request: '第三件' }),
      case: { kind: 'new' },
    });

    const numbers = (await t.invoke('case-list', {})).items.map((i) => i.caseNumber);
    expect(numbers.sort()).toEqual([first.caseNumber, third.caseNumber].sort());
    expect(await desk.db.getLocal('pending-registration')).toBeNull();
  });

  /** A registration saved on a memory desk, and an intent holding copies of its documents (to apply again). */
  async function savedWithIntent() {
    const { desk, t } = await openMemoryDesk();
    const done = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
    const detail = await t.invoke('case-get', { id: done.caseId });
    const event = detail.events[0]!;
    const intent = {
      petitioners: [...detail.petitioners],
      petition: { ...detail.petitions[0]! },
      event: { ...event, payload: { ...event.payload }, actor: { ...event.actor }, after: [...event.after] },
    };
    return { desk, done, intent };
  }

  it('第四十四条第一项 applying an intent again finds its documents there and writes nothing twice', async () => {
    const { desk, done, intent } = await savedWithIntent();
    await writeIntent(desk.db, intent);
    await applyIntent(desk.db, intent);
    expect(await desk.db.case_events.count({ selector: { caseId: done.caseId } }).exec()).toBe(1);
    expect(await desk.db.petitions.count({ selector: { caseId: done.caseId } }).exec()).toBe(1);
    expect(await desk.db.getLocal('pending-registration')).toBeNull();
  });

  it('第四十四条第一项 leaves an intent that is not its own in the slot (another tab of the web edition shares it)', async () => {
    const { desk, intent: mine } = await savedWithIntent();
    const theirs = { ...mine, event: { ...mine.event, id: '01990000-0000-7000-8000-00000000beef' } };
    await writeIntent(desk.db, theirs);
    await applyIntent(desk.db, mine);
    expect((await desk.db.getLocal<{ event: { id: string } }>('pending-registration'))?.get('event').id).toBe(
      theirs.event.id,
    );
  });
});
