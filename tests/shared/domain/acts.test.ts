import { describe, expect, it } from 'vitest';
import { actTypes, type ActType } from '#shared/domain/act-payloads';
import { actRules, allowedActs, checkAct } from '#shared/domain/acts';
import { foldCase } from '#shared/domain/fold';
import { defaultCalendar } from '#shared/domain/calendar';
import type { CaseEvent } from '#shared/domain/case-types';
import { acceptClaim, actor, county, event, register, township } from './case-fixtures';

/**
 * The act table of domain-rules.md: every act has a story in which it applies, lands in the status the table
 * names, and cites its article.
 */

const handler = actor('handler');
const approver = actor('approver');
const countyHandler = actor('handler', county);
const reg = () => register('2025-11-03');
const accepted = () => [reg(), event('accept', acceptClaim, '2025-11-04', handler)];
const decided = () => [
  ...accepted(),
  event('decide', { outcome: 'support', basis: '依据', reviewOrgan: '县人民政府' }, '2025-11-20', handler),
];
const served = () => [...decided(), event('serve', { method: 'in-person' }, '2025-11-21', handler)];
const inReview = () => [...served(), event('review-request', { organ: '县人民政府' }, '2025-11-25', countyHandler)];
const reviewed = () => [
  ...inReview(),
  event('review-decision', { result: 'uphold', content: '维持' }, '2025-12-10', countyHandler),
];
const inReReview = () => [
  ...reviewed(),
  event('serve', { method: 'post', signedDay: '2025-12-12' }, '2025-12-13', countyHandler),
  event('re-review-request', { organ: '市人民政府' }, '2025-12-15', countyHandler),
];
const forwardedToTown = () => [
  register('2025-11-03', countyHandler),
  event('forward', { toOfficeId: township, petitionerTold: true }, '2025-11-03', countyHandler),
];
const assignedAndReported = () => [
  register('2025-11-03', countyHandler),
  event('assign', { toOfficeId: township, dueDate: '2025-12-31' }, '2025-11-03', countyHandler),
  event('accept', acceptClaim, '2025-11-04', handler),
  event('decide', { outcome: 'support', basis: '依据', reviewOrgan: '县人民政府' }, '2025-11-20', handler),
  event('report', { content: '已办结' }, '2025-11-21', handler),
];
const proposal = event(
  'propose',
  { act: 'extend', payload: { days: 30, reasons: '情况复杂', noticeMethod: 'post' } },
  '2025-12-20',
  handler,
);
const supervision = event(
  'supervise',
  { kind: 'supervise', issue: '请按期办理', feedbackDue: '2025-12-01' },
  '2025-11-10',
  countyHandler,
);

/** For each act: the history before it, the act, the status after it, the article. */
const stories: { [T in ActType]: [CaseEvent[], CaseEvent, string, string] } = {
  register: [[], reg(), 'registered', '第十九条'],
  link: [
    accepted(),
    event('link', { petitionId: 'p-9', petitionerIds: ['pp-1'] }, '2025-11-05', actor('receptionist')),
    'accepted',
    '第十九条',
  ],
  receive: [forwardedToTown(), event('receive', {}, '2025-11-04', actor('receptionist')), 'forwarded', '第二十三条'],
  accept: [[reg()], event('accept', acceptClaim, '2025-11-04', handler), 'accepted', '第二十三条'],
  reject: [
    [reg()],
    event(
      'reject',
      { noticeMethod: 'post', ground: 'higher-level-duplicate', explanation: '已在镇里受理' },
      '2025-11-04',
      handler,
    ),
    'rejected',
    '第十九条',
  ],
  redirect: [
    [reg()],
    event('redirect', { noticeMethod: 'on-site', organ: '县人民法院' }, '2025-11-03', actor('receptionist')),
    'redirected',
    '第二十三条',
  ],
  forward: [
    [register('2025-11-03', countyHandler)],
    event('forward', { toOfficeId: township, petitionerTold: true }, '2025-11-03', countyHandler),
    'forwarded',
    '第二十二条',
  ],
  object: [
    forwardedToTown(),
    event('object', { reasons: '不属本镇职责，应由县人社局办理。' }, '2025-11-05', handler),
    'forwarded',
    '第二十三条',
  ],
  'object-decision': [
    [...forwardedToTown(), event('object', { reasons: '不属本镇职责，应由县人社局办理。' }, '2025-11-05', handler)],
    event('object-decision', { agreed: true, reasons: '核实属实' }, '2025-11-06', countyHandler),
    'registered',
    '第二十三条',
  ],
  inform: [
    [
      register('2025-11-03', countyHandler),
      event('forward', { toOfficeId: township, petitionerTold: false }, '2025-11-03', countyHandler),
    ],
    event('inform', { noticeMethod: 'post' }, '2025-11-05', countyHandler),
    'forwarded',
    '第二十三条',
  ],
  'no-further-acceptance': [
    [reg()],
    event(
      'no-further-acceptance',
      { noticeMethod: 'post', explanation: '同一事实和理由已经复核' },
      '2025-11-04',
      handler,
    ),
    'no-further-acceptance',
    '第三十六条',
  ],
  assign: [
    [register('2025-11-03', countyHandler)],
    event('assign', { toOfficeId: township, dueDate: '2025-12-31' }, '2025-11-03', countyHandler),
    'assigned',
    '第二十二条',
  ],
  transfer: [
    [reg()],
    event('transfer', { target: 'political-legal', organ: '县委政法委' }, '2025-11-04', handler),
    'transferred',
    '第二十二条',
  ],
  extend: [
    accepted(),
    event('extend', { days: 30, reasons: '情况复杂', noticeMethod: 'post' }, '2025-12-20', approver),
    'accepted',
    '第三十四条',
  ],
  'hearing-start': [
    inReReview(),
    event('hearing-start', {}, '2025-12-20', countyHandler),
    'in-re-review',
    '第三十六条',
  ],
  'hearing-end': [
    [...inReReview(), event('hearing-start', {}, '2025-12-20', countyHandler)],
    event('hearing-end', {}, '2025-12-22', countyHandler),
    'in-re-review',
    '第三十六条',
  ],
  decide: [
    accepted(),
    event('decide', { outcome: 'explain', basis: '政策', reviewOrgan: '县人民政府' }, '2025-11-20', handler),
    'answered',
    '第三十二条',
  ],
  reply: [
    [reg(), event('accept', { ...acceptClaim, class: 'suggestion' }, '2025-11-04', handler)],
    event('reply', { content: '建议已采纳', adoption: 'adopted' }, '2025-11-20', handler),
    'answered',
    '第二十九条',
  ],
  agree: [
    accepted(),
    event('agree', { kind: 'mediation', terms: '双方同意补发' }, '2025-11-20', handler),
    'answered',
    '第三十三条',
  ],
  serve: [decided(), event('serve', { method: 'in-person' }, '2025-11-21', handler), 'answered', '第三十五条'],
  report: [
    [
      register('2025-11-03', countyHandler),
      event('assign', { toOfficeId: township, dueDate: '2025-12-31' }, '2025-11-03', countyHandler),
      event('accept', acceptClaim, '2025-11-04', handler),
      event('decide', { outcome: 'support', basis: '依据', reviewOrgan: '县人民政府' }, '2025-11-20', handler),
    ],
    event('report', { content: '已办结' }, '2025-11-21', handler),
    'answered',
    '第二十二条',
  ],
  'review-request': [
    served(),
    event('review-request', { organ: '县人民政府' }, '2025-11-25', actor('receptionist')),
    'in-review',
    '第三十五条',
  ],
  'review-decision': [
    inReview(),
    event('review-decision', { result: 'change', content: '变更' }, '2025-12-10', countyHandler),
    'reviewed',
    '第三十五条',
  ],
  're-review-request': [
    [...reviewed(), event('serve', { method: 'in-person' }, '2025-12-11', countyHandler)],
    event('re-review-request', { organ: '市人民政府' }, '2025-12-15', countyHandler),
    'in-re-review',
    '第三十六条',
  ],
  're-review-decision': [
    inReReview(),
    event('re-review-decision', { result: 'uphold', content: '维持' }, '2026-01-10', countyHandler),
    're-reviewed',
    '第三十六条',
  ],
  close: [served(), event('close', { ground: 'review-window-lapsed' }, '2025-12-30', approver), 'closed', '第三十七条'],
  'report-return': [
    [...assignedAndReported()],
    event('report-return', { reasons: '未附调查材料', dueDate: '2026-01-31' }, '2025-11-22', countyHandler),
    'answered',
    '第二十二条',
  ],
  'serve-receipt': [
    [...decided(), event('serve', { method: 'post' }, '2025-11-21', handler)],
    event('serve-receipt', { signedDay: '2025-11-24' }, '2025-11-25', handler),
    'answered',
    '第三十五条',
  ],
  'late-request-decision': [
    [
      ...served(),
      event('review-request', { organ: '县人民政府', lateReason: '住院治疗' }, '2026-01-05', actor('receptionist')),
    ],
    event(
      'late-request-decision',
      { admitted: true, explanation: '因病住院，理由正当', noticeMethod: 'post' },
      '2026-01-06',
      countyHandler,
    ),
    'in-review',
    '第四十四条',
  ],
  reassign: [accepted(), event('reassign', { userId: 'u-8' }, '2025-11-05', approver), 'accepted', '第二十八条'],
  supplement: [
    [reg()],
    event(
      'supplement',
      { field: 'facts', value: '2024年征地，补偿款少发3万元', petitionId: 'p-1' },
      '2025-11-04',
      actor('receptionist'),
    ),
    'registered',
    '第十九条',
  ],
  correct: [
    [reg()],
    event(
      'correct',
      { field: 'title', oldValue: '土地征收补偿款未足额发放', value: '土地征收补偿款未发放', reason: '笔误' },
      '2025-11-04',
      actor('receptionist'),
    ),
    'registered',
    '第十九条',
  ],
  void: [[reg()], event('void', { reason: '重复登记' }, '2025-11-04', approver), 'voided', '第十九条'],
  propose: [accepted(), proposal, 'accepted', '第三十四条'],
  approve: [
    [...accepted(), proposal],
    event('approve', { proposalEventId: proposal.id, approved: true }, '2025-12-21', approver),
    'accepted',
    '第三十四条',
  ],
  'leader-reception': [
    [reg()],
    event('leader-reception', { leader: '张镇长' }, '2025-11-03', actor('receptionist')),
    'registered',
    '第十八条',
  ],
  'leader-case': [
    accepted(),
    event('leader-case', { leader: '张镇长' }, '2025-11-05', handler),
    'accepted',
    '第十八条',
  ],
  'joint-reception': [
    [reg()],
    event('joint-reception', { officeIds: [county] }, '2025-11-03', actor('receptionist')),
    'registered',
    '第十八条',
  ],
  consult: [
    [reg()],
    event('consult', { officeIds: [county], outcome: '由本镇受理' }, '2025-11-04', handler),
    'registered',
    '第二十四条',
  ],
  'urgent-report': [
    [reg()],
    event('urgent-report', { to: '县委、县政府', content: '涉及30余户群众' }, '2025-11-03', handler),
    'registered',
    '第二十五条',
  ],
  'follow-up': [
    decided(),
    event('follow-up', { method: 'phone', result: '信访人表示满意' }, '2025-11-25', actor('receptionist')),
    'answered',
    '第二十一条',
  ],
  evaluate: [
    decided(),
    event(
      'evaluate',
      { target: 'handling-office', stage: 'handling', rating: 'basically-satisfied' },
      '2025-11-22',
      actor('receptionist'),
    ),
    'answered',
    '第二十一条',
  ],
  supervise: [accepted(), supervision, 'accepted', '第四十条'],
  feedback: [
    [...accepted(), supervision],
    event('feedback', { superviseEventId: supervision.id, content: '已于11月20日答复' }, '2025-11-21', handler),
    'accepted',
    '第四十条',
  ],
  recuse: [
    accepted(),
    event('recuse', { userId: 'u-7', reason: '与信访人系亲属' }, '2025-11-05', approver),
    'accepted',
    '第二十八条',
  ],
  note: [accepted(), event('note', { text: '已电话回访' }, '2025-11-05', handler), 'accepted', '第二十一条'],
};

describe('the act table (domain-rules.md "States and acts")', () => {
  it('covers every act type', () => {
    expect(Object.keys(stories).sort()).toEqual([...actTypes].sort());
  });

  it.each(actTypes.map((type) => [stories[type][3], type] as const))(
    '%s %s applies from its status and leads where the table says',
    (article, type) => {
      const [before, act, status] = stories[type];
      const c = foldCase([...before, act], defaultCalendar)!;
      expect(c.conflicts).toEqual([]);
      expect(c.status).toBe(status);
      expect(actRules[type].article).toBe(article);
    },
  );

  it.each(actTypes.filter((t) => t !== 'register'))(
    '第十九条 %s before the matter is registered → case-not-registered',
    (type) => {
      expect(checkAct(undefined, stories[type][1])).toBe('case-not-registered');
    },
  );

  it('第十九条 a second 登记 of one matter → case-already-registered', () => {
    const c = foldCase([reg()], defaultCalendar);
    expect(checkAct(c, reg())).toBe('case-already-registered');
  });

  it('第二十二条 转送 and 交办 go to another office: to the office holding the matter → forward-to-self', () => {
    const c = foldCase([reg()], defaultCalendar);
    expect(checkAct(c, event('forward', { toOfficeId: township, petitionerTold: true }, '2025-11-04', handler))).toBe(
      'forward-to-self',
    );
    expect(checkAct(c, event('assign', { toOfficeId: township, dueDate: '2025-12-01' }, '2025-11-04', handler))).toBe(
      'forward-to-self',
    );
    expect(
      checkAct(c, event('forward', { toOfficeId: county, petitionerTold: true }, '2025-11-04', handler)),
    ).toBeUndefined();
  });

  it('第三十四条 延期 only by the 负责人, once, before the due date', () => {
    const base = accepted();
    const c = foldCase(base, defaultCalendar)!;
    const extend = (when: string, by = approver) =>
      event('extend', { days: 30, reasons: '复杂', noticeMethod: 'post' }, when, by);
    expect(checkAct(c, extend('2025-12-01', handler))).toBe('act-role-not-allowed');
    expect(checkAct(c, extend('2026-01-06'))).toBe('extension-after-due');
    const extended = foldCase([...base, extend('2025-12-01')], defaultCalendar)!;
    expect(checkAct(extended, extend('2025-12-02'))).toBe('extension-once');
  });

  it('第三十二条、第二十九条 处理意见 is for 申诉求决类, 回复 for 建议意见类', () => {
    const c = foldCase(accepted(), defaultCalendar)!;
    expect(checkAct(c, event('reply', { content: 'x' }, '2025-11-10', handler))).toBe('act-wrong-class');
  });

  it('an invalid payload → act-payload-invalid (第二十三条第三款: an 异议 needs detailed reasons)', () => {
    const c = foldCase(forwardedToTown(), defaultCalendar)!;
    expect(checkAct(c, event('object', { reasons: '不属于' }, '2025-11-05', handler))).toBe('act-payload-invalid');
  });

  it('allowedActs lists exactly what a role of an office may start now', () => {
    const c = foldCase([reg()], defaultCalendar)!;
    expect(allowedActs(c, 'receptionist', township)).toEqual([
      'link',
      'redirect',
      'recuse',
      'supplement',
      'correct',
      'leader-reception',
      'joint-reception',
      'follow-up',
      'note',
    ]);
    expect(allowedActs(c, 'handler', township)).toEqual(
      expect.arrayContaining(['accept', 'reject', 'forward', 'assign', 'transfer']),
    );
    expect(allowedActs(c, 'handler', township)).not.toContain('supervise'); // 第四十条: never the office that holds it
    expect(allowedActs(c, 'handler', township)).not.toContain('extend');
    expect(allowedActs(c, 'handler', county)).not.toContain('accept');
    expect(allowedActs(c, 'admin', township)).toEqual([]);
  });
});
