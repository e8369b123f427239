import { describe, expect, it } from 'vitest';
import type { ApiArgs } from '#shared/contract/api';
import { expectCode } from '../../contract/handler-suite';
import { at, openDesk, visit } from './desk-support';

/**
 * `case-act` with the county's office tree (第二十二条、第三十五条、第四十条), dates of real-world events, 报批 and
 * 审批 (第三十四条), and 补充/更正 of a registration (第十九条), through the desk core's handlers on memory storage.
 */
type Act = Omit<ApiArgs<'case-act'>, 'caseId'>;
const acceptClaim: Act = { type: 'accept', payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' } };

async function registered(login = 'qs-reception') {
  const d = await openDesk();
  await d.as(login);
  const { caseId, petitionId } = await d.t.invoke('petition-register', {
    registration: visit(),
    case: { kind: 'new' },
  });
  const act = (a: Act) => d.t.invoke('case-act', { caseId, ...a });
  const get = () => d.t.invoke('case-get', { id: caseId });
  return { ...d, caseId, petitionId, act, get };
}

describe('case-act with the office tree', () => {
  it('第二十二条第三项 a township cannot 交办 up to the county or across to another township (assign-not-below); the county 交办 down', async () => {
    const { as, act, t } = await registered();
    await as('qs-handler');
    await expectCode(
      act({ type: 'assign', payload: { toOfficeId: 'office-county', dueDate: '2025-12-20' } }),
      'assign-not-below',
    );
    await expectCode(
      act({ type: 'assign', payload: { toOfficeId: 'office-lvshui', dueDate: '2025-12-20' } }),
      'assign-not-below',
    );

    await as('county-reception');
    const county = await t.invoke('petition-register', { registration: visit(), case: { kind: 'new' } });
    await as('county-handler');
    const { detail } = await t.invoke('case-act', {
      caseId: county.caseId,
      type: 'assign',
      payload: { toOfficeId: 'office-qingshan', dueDate: '2025-12-20' },
    });
    expect(detail.case).toMatchObject({ status: 'assigned', currentOfficeId: 'office-qingshan' });
  });

  it('第四十条 a township cannot 督办 (supervise-not-petition-office); the county bureau 督办 a township matter', async () => {
    const { as, act } = await registered();
    await as('ls-handler');
    await expectCode(
      act({ type: 'supervise', payload: { kind: 'supervise', issue: '请按期告知', feedbackDue: '2025-12-10' } }),
      'supervise-not-petition-office',
    );
    await as('county-handler');
    const { detail } = await act({
      type: 'supervise',
      payload: { kind: 'supervise', issue: '请按期告知', feedbackDue: '2025-12-10' },
    });
    expect(detail.case.clocks.find((k) => k.kind === 'supervision')).toMatchObject({
      officeId: 'office-qingshan',
      due: '2025-12-10',
    });
  });

  it('第三十五条 a 复查 request goes to the organ one level above the office that decided', async () => {
    const { as, act } = await registered();
    await as('qs-handler');
    await act(acceptClaim);
    await act({
      type: 'decide',
      payload: { outcome: 'not-support', basis: '补偿款已按方案足额发放', reviewOrgan: '示范县信访局' },
    });
    await act({ type: 'serve', payload: { method: 'in-person' } });
    await as('qs-reception');
    await expectCode(
      act({ type: 'review-request', payload: { organ: '绿水乡人民政府', toOfficeId: 'office-lvshui' } }),
      'review-wrong-organ',
    );
    const { detail } = await act({ type: 'review-request', payload: { organ: '示范县信访局' } });
    // The organ comes from the tree the projector folded with: the county, above 青山镇.
    expect(detail.case).toMatchObject({ status: 'in-review', reviewOfficeId: 'office-county' });
    expect(detail.case.clocks.find((k) => k.kind === 'review')).toMatchObject({ officeId: 'office-county' });
  });

  it('第二十二条第三项 a 交办 up the tree arriving by sync is kept and flagged: the projector folds with the tree', async () => {
    const { desk, caseId, get } = await registered();
    const before = await get();
    await desk.db.case_events.insert({
      id: '01990000-0000-7000-8000-000000000002',
      caseId,
      type: 'assign',
      payload: { toOfficeId: 'office-county', dueDate: '2025-12-20' },
      actor: { userId: 'user-qs-handler', officeId: 'office-qingshan', role: 'handler' },
      occurredAt: '2025-12-01T03:00:00.000Z',
      recordedAt: '2025-12-01T03:00:00.000Z',
      article: '第二十二条',
      after: [before.case.lastEventId],
    });
    await desk.rebuild();
    const after = await get();
    expect(after.case.status).toBe('registered');
    expect(after.case.conflicts).toEqual([expect.objectContaining({ type: 'assign', reason: 'assign-not-below' })]);
  });
});

describe('case-act dates of real-world events', () => {
  it('第二十三条 a 受理 told on the spot earlier today keeps that time; never before the last event, never in the future', async () => {
    const { as, act } = await registered();
    await as('qs-handler');
    await expectCode(act({ ...acceptClaim, occurredAt: at('2025-12-01T00:30:00Z') }), 'occurred-before-previous');
    await expectCode(act({ ...acceptClaim, occurredAt: at('2025-12-01T03:00:00Z') }), 'occurred-after-recorded');
    const { event, detail } = await act({ ...acceptClaim, occurredAt: '2025-12-01T09:30:00+08:00' });
    expect(event).toMatchObject({ occurredAt: '2025-12-01T01:30:00.000Z', recordedAt: '2025-12-01T02:00:00.000Z' });
    expect(detail.case.clocks.find((k) => k.kind === 'handling')).toMatchObject({ startDay: '2025-12-01' });
  });

  it('an act done now follows a last event another desk stamped a minute ahead, rather than being refused', async () => {
    const { desk, as, act, caseId, get } = await registered();
    const before = await get();
    await desk.db.case_events.insert({
      id: '01990000-0000-7000-8000-000000000003',
      caseId,
      type: 'note',
      payload: { text: '县局来电询问' },
      actor: { userId: 'user-county-handler', officeId: 'office-county', role: 'handler' },
      occurredAt: '2025-12-01T02:01:00.000Z',
      recordedAt: '2025-12-01T02:01:00.000Z',
      article: '第二十一条',
      after: [before.case.lastEventId],
    });
    await desk.rebuild();
    await as('qs-handler');
    const { event } = await act({ type: 'note', payload: { text: '已回电' } });
    expect(event.occurredAt).toBe('2025-12-01T02:01:00.000Z');
  });
});

describe('报批 and 审批 (第三十四条)', () => {
  it('第三十四条 a handler’s 终结 becomes a 报批: the status is unchanged, the clocks run; the 负责人 approves and the matter is 终结', async () => {
    const { as, act, get } = await registered();
    await as('qs-handler');
    await act(acceptClaim);
    const offered = await get();
    expect(offered.allowedActs).toEqual(expect.arrayContaining(['close', 'extend']));
    expect(offered.proposedActs).toEqual(['close', 'extend']);

    const { event, detail } = await act({ type: 'close', payload: { ground: 'withdrawn', note: '信访人书面撤回' } });
    expect(event).toMatchObject({
      type: 'propose',
      payload: { act: 'close', payload: { ground: 'withdrawn' } },
      actor: { role: 'handler' },
      article: '第三十四条',
    });
    expect(detail.case.status).toBe('accepted');
    expect(detail.case.clocks.find((k) => k.kind === 'handling')?.stoppedDay).toBeUndefined();
    expect(detail.case.proposals).toEqual([
      expect.objectContaining({ eventId: event.id, act: 'close', userId: 'user-qs-handler' }),
    ]);

    await as('qs-approver');
    const approver = await get();
    expect(approver.proposedActs).toEqual([]);
    expect(approver.allowedActs).toContain('approve');
    const approved = await act({ type: 'approve', payload: { proposalEventId: event.id, approved: true } });
    expect(approved.detail.case).toMatchObject({ status: 'closed', closeGround: 'withdrawn', proposals: [] });
    expect(approved.detail.case.clocks.find((k) => k.kind === 'handling')?.stoppedDay).toBe('2025-12-01');
  });

  it('第三十四条 a 报批 not approved has no effect; a 负责人’s own 不予受理 needs none; a 接待员 may not propose', async () => {
    const { as, act, get } = await registered();
    const reject: Act = {
      type: 'reject',
      payload: { noticeMethod: 'on-site', ground: 'not-a-petition', explanation: '不属于信访事项' },
    };
    await as('qs-handler');
    const proposal = await act(reject);
    expect(proposal.event.type).toBe('propose');
    expect(proposal.detail.proposedActs).not.toContain('reject'); // the button is gone while the 报批 waits
    expect(proposal.detail.allowedActs).not.toContain('reject'); // as the act itself too: it would be a second 报批
    await expectCode(act(reject), 'proposal-pending');
    await as('qs-approver');
    const refused = await act({
      type: 'approve',
      payload: { proposalEventId: proposal.event.id, approved: false, note: '应予受理' },
    });
    expect(refused.detail.case).toMatchObject({ status: 'registered', proposals: [] });

    await as('qs-reception');
    await expectCode(act(reject), 'act-role-not-allowed');
    await as('qs-approver');
    const direct = await act(reject);
    expect(direct.event).toMatchObject({ type: 'reject', actor: { role: 'approver' } });
    expect((await get()).case.status).toBe('rejected');
  });

  it('第三十四条 without 终结 among the county’s approval acts, a handler is not offered 终结 at all (the 负责人’s act)', async () => {
    const { as, act, get, t, desk } = await registered();
    // The county's setting arrives with the directory, as replication brings it.
    const county = await desk.db.offices.findOne('office-county').exec();
    await county?.incrementalPatch({ approvalActs: ['reject'] });
    await as('qs-handler');
    expect((await t.invoke('settings-get', {})).approvalActs).toEqual(['reject']);
    await act(acceptClaim);
    const detail = await get();
    expect(detail.allowedActs).not.toContain('close');
    expect(detail.proposedActs).toEqual([]);
    await expectCode(act({ type: 'close', payload: { ground: 'withdrawn' } }), 'act-role-not-allowed');
  });

  it('第三十四条 an office’s own approval acts replace the county’s for its staff only; the desk cannot change them', async () => {
    const { as, t, desk } = await registered();
    await (
      await desk.db.offices.findOne('office-county').exec()
    )?.incrementalPatch({ approvalActs: ['reject', 'close'] });
    await (await desk.db.offices.findOne('office-qingshan').exec())?.incrementalPatch({ approvalActs: [] });
    await as('qs-approver');
    expect((await t.invoke('settings-get', {})).approvalActs).toEqual([]);
    await expectCode(t.invoke('settings-set', { approvalActs: ['close'] } as never), 'invalid-arguments');
    await as('ls-handler');
    expect((await t.invoke('settings-get', {})).approvalActs).toEqual(['reject', 'close']);
  });
});

describe('补充 and 更正 (第十九条)', () => {
  it('第十九条 a missing 事实 supplemented and a title corrected: case-get shows both, the stored petition keeps what was registered', async () => {
    const d = await openDesk();
    await d.as('qs-reception');
    const { caseId, petitionId } = await d.t.invoke('petition-register', {
      registration: visit({ facts: undefined }),
      case: { kind: 'new', title: '补偿款' },
    });
    const act = (a: Act) => d.t.invoke('case-act', { caseId, ...a });
    await expectCode(
      act({ type: 'supplement', payload: { field: 'facts', value: '2024年征地后补偿款未足额发放' } }),
      'act-payload-invalid',
    );
    await act({ type: 'supplement', payload: { field: 'facts', value: '2024年征地后补偿款未足额发放', petitionId } });
    const { detail } = await act({
      type: 'correct',
      payload: { field: 'title', oldValue: '补偿款', value: '要求补发2024年土地征收补偿款', reason: '摘要过简' },
    });

    expect(detail.case.title).toBe('要求补发2024年土地征收补偿款');
    expect(detail.petitions[0]).toMatchObject({
      id: petitionId,
      facts: '2024年征地后补偿款未足额发放',
      request: '要求补发2024年土地征收补偿款',
      amended: { facts: 'supplement' },
    });
    expect(detail.events.map((e) => e.type)).toEqual(['register', 'supplement', 'correct']);
    expect((await d.desk.db.petitions.findOne(petitionId).exec())?.facts).toBeUndefined();
  });
});

describe('补充 of a 检举控告 matter (第三十条第三款)', () => {
  it('第三十条第三款 an office the matter accuses sees neither the supplemented text nor the accused persons', async () => {
    const d = await openDesk();
    await d.as('county-reception');
    const { caseId, petitionId } = await d.t.invoke('petition-register', {
      registration: visit({
        class: 'accusation',
        accusedOfficeIds: ['office-qingshan'],
        request: '举报青山镇某干部违规发放补偿款',
        facts: undefined,
      }),
      case: { kind: 'new' },
    });
    await d.as('county-handler');
    await d.t.invoke('case-act', {
      caseId,
      type: 'supplement',
      payload: { field: 'facts', value: '李四经手的补偿款少发三成', petitionId, accusedPersons: ['李四'] },
    });
    expect((await d.t.invoke('case-get', { id: caseId })).case.accusedPersons).toEqual(['李四']);

    await d.as('qs-handler');
    const masked = await d.t.invoke('case-get', { id: caseId });
    expect(masked.masked).toBe(true);
    const shown = JSON.stringify(masked);
    expect(shown).not.toContain('李四');
    expect(shown).not.toContain('举报');
    expect(masked.events.map((e) => e.type)).toEqual(['register', 'supplement']);
  });

  it('第三十条第三款 a 重件 that names another accused office adds it to the matter, which that office then never reads', async () => {
    const d = await openDesk();
    await d.as('county-reception');
    const first = await d.t.invoke('petition-register', {
      registration: visit({
        class: 'accusation',
        accusedOfficeIds: ['office-qingshan'],
        request: '举报青山镇某干部违规发放补偿款',
      }),
      case: { kind: 'new' },
    });
    await d.t.invoke('petition-register', {
      registration: visit({
        class: 'accusation',
        accusedOfficeIds: ['office-lvshui'],
        accusedPersons: ['王五'],
        request: '再次举报，绿水乡也有人参与',
      }),
      case: { kind: 'link', caseId: first.caseId },
    });
    await d.as('county-handler');
    const detail = await d.t.invoke('case-get', { id: first.caseId });
    expect(detail.events.map((e) => e.type)).toEqual(['register', 'link']);
    expect(detail.case).toMatchObject({
      accusedOfficeIds: ['office-qingshan', 'office-lvshui'],
      accusedPersons: ['王五'],
    });
    await d.as('ls-handler');
    const masked = await d.t.invoke('case-get', { id: first.caseId });
    expect(masked.masked).toBe(true);
    expect(JSON.stringify(masked)).not.toContain('王五');
  });
});
