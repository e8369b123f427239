import { describe, expect, it } from 'vitest';
import { demoSigningKey } from '#shared/demo/county';
import { signatureStatus, signEvent } from '#shared/auth/event-signatures';
import { expectCode } from '../../contract/handler-suite';
import { openDesk, visit } from './desk-support';

/**
 * The desk signs every act with the signed-in user's key, unwrapped at login (design.md §5), and flags on the
 * timeline an act whose signature fails or is missing. Through the desk core's handlers on memory storage.
 */
describe('acts signed at the desk', () => {
  it('a registration and an act carry the signature of the user who did them', async () => {
    const { desk, t, as } = await openDesk();
    await as('qs-reception');
    const { caseId } = await t.invoke('petition-register', { registration: visit(), case: { kind: 'new' } });
    await as('qs-handler');
    const { event, detail } = await t.invoke('case-act', { caseId, type: 'note', payload: { text: '已联系' } });
    const users = await desk.db.users.findByIds(['user-qs-reception', 'user-qs-handler']).exec();
    const stored = (await desk.db.case_events.find({ selector: { caseId } }).exec()).map((d) => d.toMutableJSON());
    expect(stored).toHaveLength(2);
    for (const e of stored) expect(signatureStatus(e, users.get(e.actor.userId)?.toMutableJSON())).toBe('valid');
    expect(event.signature).toBe(stored.find((e) => e.type === 'note')?.signature);
    expect(detail.signatures).toEqual({});
  });

  it('the timeline flags an act stored unsigned (未签名) or changed after signing (签名无效), and keeps both', async () => {
    const { desk, t, as } = await openDesk();
    await as('qs-reception');
    const { caseId } = await t.invoke('petition-register', { registration: visit(), case: { kind: 'new' } });
    const [registered] = await desk.db.case_events.find({ selector: { caseId } }).exec();
    const base = {
      caseId,
      actor: { userId: 'user-qs-handler', officeId: 'office-qingshan', role: 'handler' as const },
      occurredAt: '2025-12-01T01:30:00.000Z',
      recordedAt: '2025-12-01T01:30:00.000Z',
      article: '第二十一条',
      after: [registered!.id],
    };
    const unsigned = { ...base, id: 'ev-unsigned', type: 'note' as const, payload: { text: '启用签名前的备注' } };
    const tampered = {
      ...signEvent(
        { ...base, id: 'ev-tampered', type: 'note' as const, payload: { text: '原文' } },
        demoSigningKey('qs-handler'),
      ),
      payload: { text: '改过的' },
    };
    await desk.db.case_events.bulkInsert([unsigned, tampered]);
    await as('qs-approver');
    const detail = await t.invoke('case-get', { id: caseId });
    expect(detail.events.map((e) => e.id)).toEqual(expect.arrayContaining(['ev-unsigned', 'ev-tampered']));
    expect(detail.signatures).toEqual({ 'ev-unsigned': 'unsigned', 'ev-tampered': 'invalid' });
  });

  it('a login whose key does not unwrap (the record was changed) is refused, so no act goes unsigned', async () => {
    const { desk, t, as } = await openDesk();
    const user = await desk.db.users.findOne('user-qs-handler').exec();
    const other = await desk.db.users.findOne('user-qs-reception').exec();
    await user!.incrementalPatch({ wrappedKey: other!.wrappedKey! });
    await expectCode(as('qs-handler'), 'signing-key-invalid');
    expect(await t.invoke('session-current', {})).toBeNull();
  });
});
