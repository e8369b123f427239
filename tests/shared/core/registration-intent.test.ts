import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD, seedDemo } from '#shared/core/demo';
import { inProcessTransport } from '#shared/contract/dispatch';
import { writeIntent } from '#shared/core/registration-intent';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import { walkIn } from '../../contract/handler-suite';

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
    const done = await t.invoke('petition-register', { registration: walkIn(), matter: { kind: 'new' } });
    const detail = await t.invoke('case-get', { id: done.caseId });
    // What a crash right after the intent write leaves behind: the intent, and nothing of a second registration.
    const event = { ...detail.events[0]!, id: '01990000-0000-7000-8000-00000000abcd', caseId: 'case-crashed', payload: { ...detail.events[0]!.payload, caseNumber: 'X-2026-CRASH-00001', petitionIds: ['petition-crashed'] } };
    const petition = { ...detail.petitions[0]!, id: 'petition-crashed', caseId: 'case-crashed' };
    await writeIntent(first.db, { petitioners: [...detail.petitioners], petition, event: { ...event, payload: { ...event.payload }, actor: { ...event.actor }, after: [] } });
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
