import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkIn } from '../fixtures';
import { actEvent, actors, fresh, registerEvent } from '../src-server/fixtures';
import {
  client,
  seeded,
  startServer,
  testDatabase,
  type RunningServer,
  type TestDatabase,
} from '../src-server/support';
import { eventIds, openDesk, syncAll, type TestDesk } from './support';

/**
 * A county desk and two township desks (real desk cores, a real server on PostgreSQL) act offline on the same
 * matters and sync in different orders (design.md §3).
 */
describe('desks and the county server', () => {
  let tdb: TestDatabase;
  let s: RunningServer;
  let county: TestDesk;
  let qs: TestDesk;
  let ls: TestDesk;
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    s = await startServer(await seeded(await tdb.open()));
    [county, qs, ls] = await Promise.all([
      openDesk(s.url, 'county-approver'),
      openDesk(s.url, 'qs-approver'),
      openDesk(s.url, 'ls-approver'),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([county, qs, ls].map((d) => d?.close()));
    await s?.stop();
    await s?.db.close();
    await tdb?.drop();
  });

  it('a new desk receives its users and logs in offline with them; sync-status reports online', async () => {
    await qs.login('qs-reception');
    expect((await qs.t.invoke('sync-status', {})).state).toMatch(/online|syncing/);
    expect(await qs.ids('users')).toHaveLength(3);
  });

  it(
    'offline acts on one matter at three desks converge to the same events and projections, whatever order they sync in',
    { timeout: 90_000 },
    async () => {
      const byName = { county, qs, ls };
      // Each run is a new matter on the same three desks; a failing order is reported as it is, not shrunk, since
      // every run leaves its matter behind.
      await fc.assert(
        fc.asyncProperty(
          fc.shuffledSubarray(['county', 'qs', 'ls'] as const, { minLength: 3, maxLength: 3 }),
          async (order) => {
            await qs.login('qs-reception');
            const { caseId } = await qs.t.invoke('petition-register', {
              registration: walkIn(),
              case: { kind: 'new' },
            });
            await syncAll([qs, county]);
            expect(await eventIds(county, caseId)).toHaveLength(1);

            for (const d of [county, qs, ls]) await d.net({ online: false });
            await qs.login('qs-handler');
            await qs.t.invoke('case-act', { caseId, type: 'note', payload: { text: '青山镇离线备注' } });
            await county.login('county-handler');
            await county.t.invoke('case-act', {
              caseId,
              type: 'supervise',
              payload: { kind: 'urge', issue: '请按期告知是否受理' },
            });
            await county.t.invoke('case-act', { caseId, type: 'note', payload: { text: '县局离线备注' } });
            await ls.login('ls-reception');
            const other = await ls.t.invoke('petition-register', {
              registration: walkIn({ request: '道路修缮' }),
              case: { kind: 'new' },
            });
            expect((await qs.t.invoke('sync-now', {})).state).toBe('offline');

            for (const d of [county, qs, ls]) await d.net({ online: true });
            await syncAll(order.map((name) => byName[name]));
            expect(await eventIds(qs, caseId)).toEqual(await eventIds(county, caseId));
            expect(await eventIds(qs, caseId)).toHaveLength(4);
            await qs.login('qs-handler');
            await county.login('county-handler');
            const [a, b] = await Promise.all([
              qs.t.invoke('case-get', { id: caseId }),
              county.t.invoke('case-get', { id: caseId }),
            ]);
            expect(a.case).toEqual(b.case);
            expect(await eventIds(county, other.caseId)).toHaveLength(1); // the county sees its townships
            expect(await eventIds(qs, other.caseId)).toEqual([]); // a township does not see another's matters
            await expect.poll(async () => (await qs.t.invoke('sync-status', {})).pending, { timeout: 3_000 }).toBe(0);
          },
        ),
        { numRuns: 5, seed: 14, endOnFailure: true },
      );
    },
  );

  it('第二十二条 a 转送 makes the whole history appear at the receiving township', async () => {
    await qs.login('qs-reception');
    const { caseId, petitionId, petitionerIds } = await qs.t.invoke('petition-register', {
      registration: walkIn({ request: '宅基地纠纷' }),
      case: { kind: 'new' },
    });
    await qs.login('qs-handler');
    await qs.t.invoke('case-act', { caseId, type: 'note', payload: { text: '转送前备注' } });
    await syncAll([qs, ls]);
    expect(await eventIds(ls, caseId)).toEqual([]);
    await qs.t.invoke('case-act', {
      caseId,
      type: 'forward',
      payload: { toOfficeId: 'office-lvshui', petitionerTold: true },
    });
    await syncAll([qs, ls]);
    expect(await eventIds(ls, caseId)).toEqual(await eventIds(qs, caseId));
    await ls.login('ls-handler');
    const detail = await ls.t.invoke('case-get', { id: caseId });
    expect(detail.case).toMatchObject({ status: 'forwarded', currentOfficeId: 'office-lvshui', eventCount: 3 });
    expect(detail.petitions.map((p) => p.id)).toEqual([petitionId]);
    expect(detail.petitioners.map((p) => p.id)).toEqual(petitionerIds);
  });

  it('第十九条 a 信访人 corrected at the township desk reaches the county with its 变更记录; the county’s correction comes back', async () => {
    await qs.login('qs-reception');
    const person = { kind: 'person' as const, name: '赵六', phone: '13500135000', address: '青山镇南街3号' };
    const { petitionerIds } = await qs.t.invoke('petition-register', {
      registration: walkIn({ request: '村道积水', petitioners: [person] }),
      case: { kind: 'new' },
    });
    const id = petitionerIds[0]!;
    await syncAll([qs, county]);
    await qs.t.invoke('petitioner-update', { id, changes: { phone: '13500135001' }, reason: '信访人更换手机号' });
    await syncAll([qs, county]);
    await county.login('county-handler');
    const atCounty = await county.t.invoke('petitioner-get', { id });
    expect(atCounty.petitioner).toMatchObject({
      phone: '13500135001',
      history: [expect.objectContaining({ phone: '13500135000', reason: '信访人更换手机号', by: 'user-qs-reception' })],
    });

    await county.t.invoke('petitioner-update', { id, changes: { address: '青山镇南街5号' }, reason: '核对户籍地址' });
    await syncAll([county, qs]);
    const atTownship = (await qs.t.invoke('petitioner-get', { id })).petitioner;
    expect(atTownship).toMatchObject({ phone: '13500135001', address: '青山镇南街5号', officeId: 'office-qingshan' });
    expect(atTownship.history.map((h) => h.reason)).toEqual(['信访人更换手机号', '核对户籍地址']);
    await expect.poll(async () => (await qs.t.invoke('sync-status', {})).pending, { timeout: 3_000 }).toBe(0);
  });

  it('第三十条第三款 a 检举控告 about 青山镇 never reaches the 青山镇 desk', async () => {
    await county.login('county-reception');
    const { caseId, petitionId, petitionerIds } = await county.t.invoke('petition-register', {
      registration: walkIn({
        class: 'accusation',
        accusedOfficeIds: ['office-qingshan'],
        request: '举报青山镇某干部违规发放补偿款',
        petitioners: [{ kind: 'person', name: '王五', phone: '13600136000' }],
      }),
      case: { kind: 'new' },
    });
    await syncAll([county, qs, ls]);
    expect(await eventIds(qs, caseId)).toEqual([]);
    expect(await qs.ids('petitions')).not.toContain(petitionId);
    expect(await qs.ids('petitioners')).not.toEqual(expect.arrayContaining([...petitionerIds]));
    expect(await qs.ids('cases')).not.toContain(caseId);
    expect(await county.ids('petitions')).toContain(petitionId);
  });

  it('a write at one desk reaches another online desk of the same office through the stream, with no sync-now', async () => {
    // How soon is measured by bench/sync.ts (stream latency), not here: a shared machine's timing is no verdict.
    const second = await openDesk(s.url, 'qs-approver');
    try {
      await qs.login('qs-reception');
      const { chunks } = await second.streams();
      const { caseId } = await qs.t.invoke('petition-register', {
        registration: walkIn({ request: '路灯不亮' }),
        case: { kind: 'new' },
      });
      await expect.poll(async () => eventIds(second, caseId), { timeout: 10_000 }).toHaveLength(1);
      expect((await second.streams()).chunks).toBeGreaterThan(chunks);
    } finally {
      await second.close();
    }
  });

  it('a fresh desk catching up over many pages of interleaved matters has every matter folded once it is in sync', async () => {
    // 150 matters × 10 events, pushed round by round (every register, then every first note…): each page of 1,000
    // touches every matter, as a county's feed does. The desk folds each matter once, at the end of the catch-up.
    const api = client(s.url);
    const { accessToken } = await api.enrol('qs-handler');
    const registers = Array.from({ length: 150 }, () => registerEvent(actors.qsReception));
    const rounds = [
      registers,
      ...Array.from({ length: 9 }, (_, n) =>
        registers.map((r) => actEvent(actors.qsHandler, r.caseId, 'note', { text: `第${n + 1}次备注` })),
      ),
    ];
    for (const round of rounds) {
      const answer = await api.push(accessToken, 'case_events', round.map(fresh));
      expect(answer.body.refused).toEqual([]);
    }
    const fresher = await openDesk(s.url, 'qs-approver');
    try {
      expect(await fresher.ids('case_events')).toEqual(expect.arrayContaining(rounds.flat().map((e) => e.id)));
      expect(await fresher.ids('cases')).toEqual(expect.arrayContaining(registers.map((r) => r.caseId)));
      await fresher.login('qs-handler');
      for (const r of [registers[0]!, registers[77]!, registers[149]!]) {
        expect((await fresher.t.invoke('case-get', { id: r.caseId })).case.eventCount).toBe(10);
      }
    } finally {
      await fresher.close();
    }
  });
});
