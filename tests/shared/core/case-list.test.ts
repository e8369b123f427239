import { describe, expect, it } from 'vitest';
import { at, openDesk, visit } from './desk-support';

/** What the matter lists and counts leave out: a registration 作废 by the 负责人 (第十九条). */
describe('case-list and 作废', () => {
  it('第十九条 a 作废 matter leaves every list and total (walks, seeks and filters alike), unless the filter asks for 已作废; its page stays readable', async () => {
    const { t, as } = await openDesk();
    await as('qs-reception');
    const ids: string[] = [];
    for (const hour of [1, 2, 3, 4]) {
      const { caseId } = await t.invoke('petition-register', {
        registration: visit({ receivedAt: at(`2025-11-30T0${hour}:00:00Z`) }),
        case: { kind: 'new' },
      });
      ids.push(caseId);
    }
    const [first, voided, third, fourth] = ids as [string, string, string, string];
    await as('qs-approver');
    await t.invoke('case-act', { caseId: voided, type: 'void', payload: { reason: '同一来访重复登记' } });
    await as('qs-reception');

    const list = (args: Parameters<typeof t.invoke<'case-list'>>[1]) =>
      t.invoke('case-list', args).then((r) => ({ ids: r.items.map((i) => i.id), total: r.total }));
    // By 收到时间 either way (a seek), by 最近期限 and by 编号 (walks), by an unwalkable sort, and by filters.
    expect(await list({})).toEqual({ ids: [fourth, third, first], total: 3 });
    expect(await list({ sort: { field: 'receivedAt', direction: 'asc' }, page: { offset: 1, limit: 5 } })).toEqual({
      ids: [third, fourth],
      total: 3,
    });
    expect((await list({ sort: { field: 'nextDue', direction: 'asc' } })).ids).toEqual([first, third, fourth]);
    expect((await list({ sort: { field: 'caseNumber', direction: 'asc' } })).total).toBe(3);
    expect(await list({ sort: { field: 'caseNumber', direction: 'desc' } })).toEqual({
      ids: [fourth, third, first],
      total: 3,
    });
    expect(await list({ filter: { officeId: 'office-qingshan' } })).toEqual({ ids: [fourth, third, first], total: 3 });
    expect(await list({ filter: { channel: ['visit'], text: '补偿款' } })).toEqual({
      ids: [fourth, third, first],
      total: 3,
    });
    expect(await list({ filter: { status: ['registered'] } })).toEqual({ ids: [fourth, third, first], total: 3 });

    expect(await list({ filter: { status: ['voided'] } })).toEqual({ ids: [voided], total: 1 });
    expect((await list({ filter: { status: ['voided', 'registered'] } })).total).toBe(4);
    const page = await t.invoke('case-get', { id: voided });
    expect(page.case.status).toBe('voided');
    expect(page.events.map((e) => e.type)).toEqual(['register', 'void']);
  });

  it('第十九条 a 作废 matter is not offered as an earlier matter of the petitioner, nor listed on the petitioner’s page', async () => {
    const { t, as } = await openDesk();
    await as('qs-reception');
    const kept = await t.invoke('petition-register', { registration: visit(), case: { kind: 'new' } });
    const voided = await t.invoke('petition-register', { registration: visit(), case: { kind: 'new' } });
    await as('qs-approver');
    await t.invoke('case-act', { caseId: voided.caseId, type: 'void', payload: { reason: '误登记' } });
    const similar = await t.invoke('petition-find-similar', {
      petitioners: [{ idNumber: '11010519491231002X' }],
      text: '补偿款未足额发放',
    });
    expect(similar.map((s) => s.caseId)).toEqual([kept.caseId]);
    const petitioner = await t.invoke('petitioner-get', { id: kept.petitionerIds[0]! });
    expect(petitioner.cases.map((c) => c.id)).toEqual([kept.caseId]);
    expect(petitioner.petitions.map((p) => p.id)).toEqual([kept.petitionId]);
  });
});
