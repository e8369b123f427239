import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_CASE } from '#shared/domain/case-cap';
import { apiErrorText } from '#shared/messages/codes';
import { expectCode } from '../../contract/handler-suite';
import { openDesk, visit } from './desk-support';

/**
 * The cap of events per matter, on the desk: a matter holds at most MAX_EVENTS_PER_CASE events (the county refuses more,
 * `case-too-many-events`), so the desk refuses to record an act or a 重件关联 beyond them, says why in Chinese, and
 * writes nothing.
 */
describe('the cap of events per matter at the desk', () => {
  it('case-act and a 重件关联 on a matter holding the cap are refused (case-too-many-events) and write nothing; one below it is recorded', async () => {
    const { desk, t, as } = await openDesk();
    await as('qs-reception');
    const { caseId } = await t.invoke('petition-register', { registration: visit(), case: { kind: 'new' } });
    const notes = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        id: `01990000-0000-7000-8000-${String(from + i).padStart(12, '0')}`,
        caseId,
        type: 'note' as const,
        payload: { text: `电话询问进展${from + i}` },
        actor: { userId: 'user-qs-reception', officeId: 'office-qingshan', role: 'receptionist' as const },
        occurredAt: '2025-12-01T01:30:00.000Z',
        recordedAt: '2025-12-01T01:30:00.000Z',
        article: '第十九条',
        after: [],
      }));
    // Arrived by sync: the 登记 and cap − 2 notes; one more act still fits.
    await desk.db.case_events.bulkInsert(notes(0, MAX_EVENTS_PER_CASE - 2));
    await desk.rebuild();
    expect((await t.invoke('case-get', { id: caseId })).case.eventCount).toBe(MAX_EVENTS_PER_CASE - 1);
    await t.invoke('case-act', { caseId, type: 'note', payload: { text: '最后一条备注' } });
    const count = () => desk.db.case_events.count({ selector: { caseId } }).exec();
    expect(await count()).toBe(MAX_EVENTS_PER_CASE);

    await expectCode(
      t.invoke('case-act', { caseId, type: 'note', payload: { text: '超出上限的备注' } }),
      'case-too-many-events',
    );
    await expectCode(
      t.invoke('petition-register', { registration: visit(), case: { kind: 'link', caseId } }),
      'case-too-many-events',
    );
    expect(await count()).toBe(MAX_EVENTS_PER_CASE);
    expect((await t.invoke('case-get', { id: caseId })).case.eventCount).toBe(MAX_EVENTS_PER_CASE);
    expect(apiErrorText['case-too-many-events']).toContain('上限');
  });
});
