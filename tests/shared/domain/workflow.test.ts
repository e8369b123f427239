import { describe, expect, it } from 'vitest';
import { allowedActs, checkAct } from '#shared/domain/acts';
import { defaultCalendar } from '#shared/domain/calendar';
import type { CaseEvent, ClockKind } from '#shared/domain/case-types';
import { clockState, deadlineFlags } from '#shared/domain/clocks';
import { foldCase } from '#shared/domain/fold';
import { officeTree } from '#shared/domain/office-tree';
import { acceptClaim, actor, at, county, event, register, township, townshipB } from './case-fixtures';

/**
 * The workflow a 信访 office answers for: each act, clock and written answer checked against the 条例,
 * one story per rule, named by its article.
 */

const dept = 'office-dept';
const tree = officeTree([
  { id: county, parentId: '', kind: 'county-bureau' },
  { id: township, parentId: county, kind: 'township' },
  { id: townshipB, parentId: county, kind: 'township' },
  { id: dept, parentId: county, kind: 'county-department' },
]);
const fold = (events: CaseEvent[]) => {
  const c = foldCase(events, defaultCalendar, tree);
  if (!c) throw new Error('no projection');
  return c;
};
const last = (events: CaseEvent[], kind: ClockKind) =>
  fold(events)
    .clocks.filter((k) => k.kind === kind)
    .at(-1);
const reasons = (events: CaseEvent[]) => fold(events).conflicts.map((k) => k.reason);
/** The same act recorded later than it happened (a 补录): legal checks run on the recording time. */
const recorded = (e: CaseEvent, when: string): CaseEvent => ({ ...e, recordedAt: at(when) });

const handler = actor('handler');
const approver = actor('approver');
const reception = actor('receptionist');
const countyHandler = actor('handler', county);
const countyApprover = actor('approver', county);
const deptHandler = actor('handler', dept);

const accepted = () => [register('2025-11-03'), event('accept', acceptClaim, '2025-11-04', handler)];
const decided = () => [
  ...accepted(),
  event(
    'decide',
    { outcome: 'not-support', basis: '不符合补偿条件', reviewOrgan: '示范县信访局' },
    '2025-11-20',
    handler,
  ),
];
const served = () => [...decided(), event('serve', { method: 'in-person' }, '2025-11-21', handler)]; // window due 2025-12-22
const inReview = () => [...served(), event('review-request', { organ: '示范县信访局' }, '2025-11-25', reception)];
const reviewed = () => [
  ...inReview(),
  event('review-decision', { result: 'uphold', content: '维持' }, '2025-12-10', countyHandler),
];
const reviewServed = () => [...reviewed(), event('serve', { method: 'in-person' }, '2025-12-11', countyHandler)];
const acceptedAs = (klass: 'suggestion' | 'accusation') => [
  register('2025-11-03'),
  event('accept', { ...acceptClaim, class: klass }, '2025-11-04', handler),
];
const close = (ground: Parameters<typeof event<'close'>>[1]['ground'], when: string, by = approver) =>
  event('close', { ground }, when, by);

describe('1. 终结 (第三十六条第三款、第三十七条)', () => {
  it('第三十七条 never straight from 已登记, whatever the ground', () => {
    expect(reasons([register('2025-11-03'), close('withdrawn', '2025-11-04')])).toEqual(['act-not-allowed-in-status']);
    expect(reasons([register('2025-11-03'), close('executed', '2025-11-04')])).toEqual(['act-not-allowed-in-status']);
  });

  it('第三十五条 not while the petitioner’s 复查 window runs, except 撤回', () => {
    expect(reasons([...served(), close('executed', '2025-12-01')])).toEqual(['close-window-running']);
    expect(reasons([...served(), close('review-window-lapsed', '2025-12-22')])).toEqual(['close-window-running']);
    expect(fold([...served(), close('withdrawn', '2025-12-01')])).toMatchObject({
      status: 'closed',
      closeGround: 'withdrawn',
    });
    expect(fold([...served(), close('review-window-lapsed', '2025-12-23')])).toMatchObject({ status: 'closed' });
  });

  it('第三十六条 not while the 复核 window runs, except 撤回', () => {
    expect(reasons([...reviewServed(), close('re-review-window-lapsed', '2025-12-20')])).toEqual([
      'close-window-running',
    ]);
    expect(fold([...reviewServed(), close('re-review-window-lapsed', '2026-01-13')]).status).toBe('closed');
  });

  it('第三十一条第六项 an overdue claim cannot be closed without a served 处理意见书, and stays overdue', () => {
    const late = [...accepted(), close('executed', '2026-01-10')];
    expect(reasons(late)).toEqual(['close-not-served']);
    expect(deadlineFlags(fold(late), '2026-01-10').overdue.map((k) => k.kind)).toEqual(['handling']);
    expect(reasons([...decided(), close('review-window-lapsed', '2026-01-10')])).toEqual(['close-not-served']);
    expect(reasons([...served(), close('executed', '2026-01-10')])).toEqual(['close-ground-not-met']);
  });

  it('第三十一条第六项 the petitioner withdrawing or dying ends a claim without a 处理意见书', () => {
    expect(fold([...accepted(), close('withdrawn', '2025-11-10')]).status).toBe('closed');
    expect(fold([...accepted(), close('petitioner-died', '2025-11-10')]).status).toBe('closed');
  });

  it('第三十一条第一至五项 a matter led into a statutory procedure closes when that ends', () => {
    const statutory = [
      register('2025-11-03'),
      event('accept', { ...acceptClaim, procedure: 'statutory' }, '2025-11-04', handler),
    ];
    expect(fold([...statutory, close('certified', '2025-12-01')]).status).toBe('closed');
  });

  it('第二十九条、第三十条 a 回复/反馈 closes as replied; 第三十三条 an agreement as agreement', () => {
    const replied = [
      ...acceptedAs('suggestion'),
      event('reply', { content: '建议已采纳', adoption: 'adopted' }, '2025-11-20', handler),
    ];
    expect(fold([...replied, close('replied', '2025-11-21')]).status).toBe('closed');
    const agreed = [...accepted(), event('agree', { kind: 'mediation', terms: '补发补偿款' }, '2025-11-20', handler)];
    expect(fold([...agreed, close('agreement', '2025-11-21')]).status).toBe('closed');
  });
});

describe('3. 复查/复核 only after a 信访处理意见 (第三十五条、第三十六条)', () => {
  it.each([
    [
      '第二十九条 建议意见 回复',
      [...acceptedAs('suggestion'), event('reply', { content: '已研究', adoption: 'adopted' }, '2025-11-20', handler)],
    ],
    [
      '第三十条 检举控告 反馈',
      [...acceptedAs('accusation'), event('reply', { content: '已核查' }, '2025-11-20', handler)],
    ],
    [
      '第三十三条 调解协议',
      [...accepted(), event('agree', { kind: 'mediation', terms: '补发补偿款' }, '2025-11-20', handler)],
    ],
  ])('%s: 送达 opens no 复查 window and a 复查申请 is refused', (_name, answered) => {
    const servedAnswer = [...answered, event('serve', { method: 'in-person' }, '2025-11-21', handler)];
    expect(last(servedAnswer, 'review-window')).toBeUndefined();
    expect(reasons([...servedAnswer, event('review-request', { organ: '县信访局' }, '2025-11-22', reception)])).toEqual(
      ['review-not-available'],
    );
  });

  it('第三十一条第一至五项 a matter accepted as statutory gets no 处理意见', () => {
    const statutory = [
      register('2025-11-03'),
      event('accept', { ...acceptClaim, procedure: 'statutory' }, '2025-11-04', handler),
    ];
    expect(
      reasons([
        ...statutory,
        event('decide', { outcome: 'support', basis: 'x', reviewOrgan: 'y' }, '2025-11-20', handler),
      ]),
    ).toEqual(['act-wrong-procedure']);
    expect(last(statutory, 'handling')).toBeUndefined();
  });
});

describe('4. 撤销/重新处理 after 复查 or 复核 (第三十五条、第三十六条)', () => {
  const redo = (due = '2026-01-20') => [
    ...inReview(),
    event(
      'review-decision',
      { result: 'redo', content: '事实不清，责令重新处理', redoDue: due },
      '2025-12-10',
      countyHandler,
    ),
  ];

  it('第三十五条 a 复查 redo sends the matter back to the deciding organ with a new clock it owns', () => {
    const c = fold(redo());
    expect(c).toMatchObject({ status: 'accepted', currentOfficeId: township });
    expect(last(redo(), 'redo')).toMatchObject({ officeId: township, due: '2026-01-20', startDay: '2025-12-10' });
    const again = [
      ...redo(),
      event(
        'decide',
        { outcome: 'support', basis: '重新调查核实', reviewOrgan: '示范县信访局' },
        '2026-01-15',
        handler,
      ),
    ];
    expect(fold(again)).toMatchObject({ status: 'answered', outcome: 'support' });
    expect(last(again, 'redo')).toMatchObject({ stoppedDay: '2026-01-15' });
  });

  it('第三十五条 a redo needs a deadline after the day of the act', () => {
    expect(
      reasons([
        ...inReview(),
        event('review-decision', { result: 'redo', content: '重新处理' }, '2025-12-10', countyHandler),
      ]),
    ).toEqual(['redo-due-required']);
  });

  it('第三十六条第三款 a 复核 that upholds is final; one that orders a redo is not, and 终结 as 复核完毕 waits', () => {
    const inReReview = [...reviewServed(), event('re-review-request', { organ: '市信访局' }, '2025-12-15', reception)];
    const upheld = [
      ...inReReview,
      event('re-review-decision', { result: 'uphold', content: '维持' }, '2026-01-10', actor('handler', 'office-city')),
    ];
    expect(fold(upheld)).toMatchObject({ status: 're-reviewed', finalAfterReReview: true });
    expect(fold([...upheld, close('re-review-done', '2026-01-11', countyApprover)]).status).toBe('closed');
    const redone = [
      ...inReReview,
      event(
        're-review-decision',
        { result: 'redo', content: '责令重新复查', redoDue: '2026-02-10' },
        '2026-01-10',
        actor('handler', 'office-city'),
      ),
    ];
    expect(fold(redone)).toMatchObject({ status: 'in-review', finalAfterReReview: false });
    expect(reasons([...redone, close('re-review-done', '2026-01-11', countyApprover)])).toEqual([
      'act-not-allowed-in-status',
    ]);
  });
});

describe('5. 签收 once; lateness is never erased (第二十三条第三款、第四十四条第三项)', () => {
  const forwarded = () => [
    register('2025-11-03', countyHandler),
    event('forward', { toOfficeId: township, petitionerTold: true }, '2025-11-03', countyHandler),
  ];

  it('第二十三条第三款 a second 签收 is refused', () => {
    const once = [...forwarded(), event('receive', {}, '2025-11-04', reception)];
    expect(reasons([...once, event('receive', {}, '2025-11-20', reception)])).toEqual(['already-received']);
    expect(last(once, 'notice')).toMatchObject({ startDay: '2025-11-04' });
  });

  it('第四十四条第三项 a notice met late stays late after every later act', () => {
    const late = [register('2025-11-03'), event('accept', acceptClaim, '2025-11-25', handler)];
    expect(last(late, 'notice')).toMatchObject({ metLate: true });
    const later = [
      ...late,
      event('decide', { outcome: 'support', basis: '依据', reviewOrgan: '县信访局' }, '2025-12-01', handler),
      event('serve', { method: 'in-person' }, '2025-12-02', handler),
      close('withdrawn', '2025-12-03'),
    ];
    const notice = fold(later).clocks.find((k) => k.kind === 'notice')!;
    expect(clockState(notice, '2026-06-01')).toBe('met-late');
  });
});

describe('6. 听证 days (第三十六条第二款)', () => {
  const inReReview = () => [
    ...reviewServed(),
    event('re-review-request', { organ: '市信访局' }, '2025-12-15', reception),
  ];

  it('第三十六条第二款 a one-day hearing excludes one day from the 复核 period', () => {
    const before = last(inReReview(), 're-review')!.due; // 2026-01-14
    const heard = [
      ...inReReview(),
      event('hearing-start', {}, '2025-12-20', countyHandler),
      event('hearing-end', {}, '2025-12-20', countyHandler),
    ];
    expect(fold(heard).hearingDays).toBe(1);
    expect(last(heard, 're-review')!.due).toBe('2026-01-15');
    expect(before).toBe('2026-01-14');
  });

  it('第三十六条第二款 a hearing left open in 复查 is closed by the 复查意见 and never carries into 复核', () => {
    const openInReview = [
      ...inReview(),
      event('hearing-start', {}, '2025-11-28', countyHandler),
      event('review-decision', { result: 'uphold', content: '维持' }, '2025-12-10', countyHandler),
    ];
    expect(fold(openInReview).hearingOpenSince).toBeUndefined();
    const next = [
      ...openInReview,
      event('serve', { method: 'in-person' }, '2025-12-11', countyHandler),
      event('re-review-request', { organ: '市信访局' }, '2025-12-15', reception),
    ];
    expect(fold(next).hearingDays).toBe(0);
    expect(last(next, 're-review')!.due).toBe('2026-01-14');
  });

  it('第三十六条第二款 a hearing open at the 复核意见 is closed by it, its days counted', () => {
    const decided = [
      ...inReReview(),
      event('hearing-start', {}, '2026-01-05', countyHandler),
      event('re-review-decision', { result: 'uphold', content: '维持' }, '2026-01-07', actor('handler', 'office-city')),
    ];
    expect(fold(decided)).toMatchObject({ status: 're-reviewed', hearingDays: 3, conflicts: [] });
  });
});

describe('7. 延期 (第三十四条, 民法典第二百零三条)', () => {
  it('第三十四条 accepted 2025-08-02: 60 日 legally end 2025-10-09; +30 日 → 2025-11-08 (Sat) → 2025-11-10', () => {
    const events = [register('2025-08-02'), event('accept', acceptClaim, '2025-08-02', handler)];
    expect(last(events, 'handling')!.due).toBe('2025-10-09');
    const extended = [
      ...events,
      event('extend', { days: 30, reasons: '情况复杂', noticeMethod: 'post' }, '2025-09-30', approver),
    ];
    expect(last(extended, 'handling')!.due).toBe('2025-11-10');
  });
});

describe('9. 异议 within 5 工作日 of 签收 (第二十三条第三款)', () => {
  it('第二十三条第三款 an 异议 after 5 工作日 of 签收 is refused', () => {
    const received = [
      register('2025-11-03', countyHandler),
      event('forward', { toOfficeId: township, petitionerTold: true }, '2025-11-03', countyHandler),
      event('receive', {}, '2025-11-04', reception),
    ];
    const objection = (when: string) =>
      event('object', { reasons: '不属于本镇职责范围，应由县人社局办理。' }, when, handler);
    expect(fold([...received, objection('2025-11-11')]).pendingObjection).toBeDefined(); // the 5th working day
    expect(reasons([...received, objection('2025-11-12')])).toEqual(['objection-late']);
  });

  it('第二十三条第三款 only the office that forwarded confirms an 异议', () => {
    const objected = [
      register('2025-11-03', countyHandler),
      event('forward', { toOfficeId: township, petitionerTold: true }, '2025-11-03', countyHandler),
      event('object', { reasons: '不属于本镇职责范围，应由县人社局办理。' }, '2025-11-05', handler),
    ];
    expect(
      reasons([...objected, event('object-decision', { agreed: true, reasons: '同意' }, '2025-11-06', handler)]),
    ).toEqual(['act-wrong-office']);
  });
});

describe('10. Onward routing (第二十二条第三项)', () => {
  const chain = () => [
    register('2025-11-03', countyHandler),
    event('assign', { toOfficeId: dept, dueDate: '2025-12-31' }, '2025-11-03', countyHandler),
    event('receive', {}, '2025-11-04', deptHandler),
    event('forward', { toOfficeId: township, petitionerTold: true }, '2025-11-05', deptHandler),
  ];

  it('第二十二条 a department that received a 交办 forwards it on; each hop has its own clocks', () => {
    const c = fold(chain());
    expect(c).toMatchObject({ status: 'forwarded', currentOfficeId: township, officeIds: [county, dept, township] });
    expect(c.clocks.filter((k) => k.kind === 'notice' && k.stoppedDay === undefined).map((k) => k.officeId)).toEqual([
      township,
    ]);
    expect(last(chain(), 'assignment')).toMatchObject({ officeId: dept, assignedBy: county });
    expect(last(chain(), 'assignment')!.stoppedDay).toBeUndefined();
  });

  it('第二十二条第三项 the 交办 clock ends with the assignee’s 办结报告, even after 终结, and the assigner may 退回重办', () => {
    const assigned = [
      register('2025-11-03', countyHandler),
      event('assign', { toOfficeId: township, dueDate: '2025-12-31' }, '2025-11-03', countyHandler),
    ];
    const closed = [
      ...assigned,
      event('accept', { ...acceptClaim, procedure: 'statutory' }, '2025-11-04', handler),
      close('certified', '2025-11-20'),
    ];
    expect(last(closed, 'assignment')!.stoppedDay).toBeUndefined();
    const reported = [...closed, event('report', { content: '已依法定途径办结' }, '2025-11-21', handler)];
    expect(last(reported, 'assignment')).toMatchObject({ stoppedDay: '2025-11-21' });
    const returned = [
      ...reported,
      event('report-return', { reasons: '未附材料', dueDate: '2025-12-15' }, '2025-11-22', countyHandler),
    ];
    expect(last(returned, 'assignment')).toMatchObject({ officeId: township, due: '2025-12-15' });
    expect(last(returned, 'assignment')!.stoppedDay).toBeUndefined();
    expect(
      reasons([
        ...reported,
        event(
          'report-return',
          { reasons: '未附材料', dueDate: '2025-12-15' },
          '2025-11-22',
          actor('handler', townshipB),
        ),
      ]),
    ).toEqual(['report-return-unknown']);
  });

  it('第二十二条第三项 the assignee’s 不予受理 plus its report ends the 交办 clock', () => {
    const events = [
      register('2025-11-03', countyHandler),
      event('assign', { toOfficeId: township, dueDate: '2025-12-31' }, '2025-11-03', countyHandler),
      event(
        'reject',
        { noticeMethod: 'post', ground: 'not-a-petition', explanation: '不属于信访事项' },
        '2025-11-05',
        handler,
      ),
      event('report', { content: '不予受理，已书面告知' }, '2025-11-06', handler),
    ];
    expect(last(events, 'assignment')).toMatchObject({ stoppedDay: '2025-11-06' });
  });
});

describe('11. 复查 belongs to the 上一级 organ (第三十五条、第三十六条)', () => {
  it('第三十五条 the 复查 clock belongs to the organ above the decider, whoever typed the request in', () => {
    expect(last(inReview(), 'review')).toMatchObject({ officeId: county });
    expect(fold(inReview()).reviewOfficeId).toBe(county);
  });

  it('第三十五条 the request names the organ above the decider, not another', () => {
    expect(
      reasons([
        ...served(),
        event('review-request', { organ: '绿水乡', toOfficeId: townshipB }, '2025-11-25', reception),
      ]),
    ).toEqual(['review-wrong-organ']);
  });

  it('第三十五条 the deciding organ cannot enter the 复查意见 itself, nor can a third office', () => {
    expect(
      reasons([...inReview(), event('review-decision', { result: 'uphold', content: '维持' }, '2025-12-10', handler)]),
    ).toEqual(['review-by-decider']);
    expect(
      reasons([
        ...inReview(),
        event('review-decision', { result: 'uphold', content: '维持' }, '2025-12-10', deptHandler),
      ]),
    ).toEqual(['act-wrong-office']);
    expect(allowedActs(fold(inReview()), 'handler', township)).not.toContain('review-decision');
    expect(allowedActs(fold(inReview()), 'handler', county)).toContain('review-decision');
  });
});

describe('12. A late 复查/复核 request is still registered (第四十四条第一项)', () => {
  const late = () => [
    ...served(),
    event('review-request', { organ: '示范县信访局', lateReason: '住院治疗' }, '2026-01-05', reception),
  ];

  it('第四十四条第一项 a late request is recorded and waits for the organ’s written answer; admitted, the 30 日 run from its receipt', () => {
    expect(fold(late())).toMatchObject({
      status: 'answered',
      pendingLateRequest: { stage: 'review', officeId: county, day: '2026-01-05' },
      conflicts: [],
    });
    const admitted = [
      ...late(),
      event(
        'late-request-decision',
        { admitted: true, explanation: '因病住院，理由正当', noticeMethod: 'post' },
        '2026-01-08',
        countyHandler,
      ),
    ];
    expect(fold(admitted).status).toBe('in-review');
    expect(last(admitted, 'review')).toMatchObject({ startDay: '2026-01-05', officeId: county });
  });

  it('第四十四条第一项 refused in writing, the window stays lapsed and the matter may be closed', () => {
    const refused = [
      ...late(),
      event(
        'late-request-decision',
        { admitted: false, explanation: '无正当理由', noticeMethod: 'post' },
        '2026-01-08',
        countyHandler,
      ),
    ];
    expect(fold(refused).status).toBe('answered');
    expect(fold([...refused, close('review-window-lapsed', '2026-01-09')]).status).toBe('closed');
  });

  it('第三十五条 a letter posted in time is in time: its days in the post (在途时间) are not counted', () => {
    const inPost = [
      ...served(),
      event('review-request', { organ: '示范县信访局', transitDays: 3 }, '2025-12-24', reception),
    ];
    expect(fold(inPost)).toMatchObject({ status: 'in-review' });
    expect(fold(inPost).pendingLateRequest).toBeUndefined();
  });
});

describe('13. 告知 duty (第二十三条)', () => {
  it('第二十三条 a 转送 without telling the petitioner keeps the sender’s notice clock running until told', () => {
    const untold = [
      register('2025-11-03', countyHandler),
      event('forward', { toOfficeId: township, petitionerTold: false }, '2025-11-04', countyHandler),
    ];
    const senderNotice = () => fold(untold).clocks.find((k) => k.kind === 'notice' && k.officeId === county)!;
    expect(senderNotice().stoppedDay).toBeUndefined();
    expect(deadlineFlags(fold(untold), '2025-11-20').overdue.map((k) => k.officeId)).toContain(county);
    const told = [...untold, event('inform', { noticeMethod: 'sms' }, '2025-11-25', countyHandler)];
    expect(fold(told).clocks.find((k) => k.kind === 'notice' && k.officeId === county)).toMatchObject({
      stoppedDay: '2025-11-25',
      metLate: true,
    });
  });

  it('第二十三条第二款 an anonymous letter has no notice clock and is never flagged late', () => {
    const anonymous = [
      register('2025-11-03', reception, { channel: 'letter', flags: ['anonymous'], petitionerIds: [] }),
    ];
    expect(fold(anonymous).clocks).toEqual([]);
    expect(deadlineFlags(fold(anonymous), '2026-01-01').overdue).toEqual([]);
    // A visitor stands at the desk: 当场告知 is owed even before their name is typed in.
    expect(
      fold([
        register('2025-11-03', reception, { channel: 'visit', flags: ['anonymous'], petitionerIds: [] }),
      ]).clocks.map((k) => k.kind),
    ).toEqual(['notice']);
  });
});

describe('14. 回避 in the fold (第二十八条第三款)', () => {
  it('第二十八条第三款 a recused user’s act arriving by sync is kept and flagged', () => {
    const recused = [
      ...accepted(),
      event('recuse', { userId: handler.userId, reason: '与信访人系亲属' }, '2025-11-05', approver),
    ];
    const act = event('decide', { outcome: 'support', basis: '依据', reviewOrgan: '县信访局' }, '2025-11-20', handler);
    expect(fold([...recused, act])).toMatchObject({ status: 'accepted', eventCount: 4 });
    expect(reasons([...recused, act])).toEqual(['user-recused']);
  });
});

describe('15. Dates a user types cannot move a legal check (第三十四条、第三十五条)', () => {
  it('第三十四条 an extension recorded after the due day is refused, whatever date it claims', () => {
    const events = [register('2025-08-02'), event('accept', acceptClaim, '2025-08-02', handler)];
    const backdated = recorded(
      event('extend', { days: 30, reasons: '情况复杂', noticeMethod: 'post' }, '2025-10-08', approver),
      '2025-10-10',
    );
    expect(reasons([...events, backdated])).toEqual(['extension-after-due']);
  });

  it('第三十五条 a 复查 request recorded after the window is late even when dated inside it', () => {
    const backdated = recorded(
      event('review-request', { organ: '示范县信访局' }, '2025-12-20', reception),
      '2026-01-05',
    );
    expect(fold([...served(), backdated]).pendingLateRequest).toBeDefined();
  });

  it('第十九条 a date of what happened never lies after the time it was recorded', () => {
    const future = recorded(event('note', { text: '补录' }, '2025-11-10', handler), '2025-11-05');
    expect(reasons([...accepted(), future])).toEqual(['occurred-after-recorded']);
    const lateReceipt = recorded(register('2025-11-10'), '2025-11-05');
    expect(foldCase([lateReceipt], defaultCalendar)).toBeUndefined();
    expect(checkAct(undefined, lateReceipt)).toBe('occurred-after-recorded');
  });

  it('a desk checks a typed date against the act it follows (afterAt)', () => {
    const c = fold(accepted());
    const before = recorded(event('note', { text: '补录' }, '2025-11-01', handler), '2025-11-05');
    expect(checkAct(c, before, { afterAt: c.lastEventAt })).toBe('occurred-before-previous');
  });
});

describe('16–17. Routing and 督办 follow the hierarchy (第二十二条第三项、第四十条)', () => {
  it('第四十条 督办 only by a 信访部门 over an office below it', () => {
    const supervise = (by = countyHandler) =>
      event('supervise', { kind: 'supervise', issue: '请按期办理', feedbackDue: '2025-12-01' }, '2025-11-10', by);
    expect(fold([...accepted(), supervise()]).conflicts).toEqual([]);
    expect(reasons([...accepted(), supervise(handler)])).toEqual(['supervise-not-below']);
    expect(reasons([...accepted(), supervise(actor('handler', townshipB))])).toEqual(['supervise-not-petition-office']);
    expect(reasons([register('2025-11-03', countyHandler), supervise()])).toEqual(['supervise-not-below']);
  });

  it('第四十条 the matter page offers 督办 only where the act would be taken: the county over a township, never the township itself nor a township beside it', () => {
    const c = fold(accepted());
    expect(allowedActs(c, 'handler', county, tree)).toContain('supervise');
    expect(allowedActs(c, 'handler', township, tree)).not.toContain('supervise');
    expect(allowedActs(c, 'handler', townshipB, tree)).not.toContain('supervise');
    expect(allowedActs(fold([register('2025-11-03', countyHandler)]), 'handler', county, tree)).not.toContain(
      'supervise',
    );
  });

  it('第十九条 补充 and 更正 are offered to an office that holds the matter, not to the county that only watches it', () => {
    const c = fold(accepted());
    expect(allowedActs(c, 'receptionist', township, tree)).toEqual(expect.arrayContaining(['supplement', 'correct']));
    expect(allowedActs(c, 'receptionist', county, tree)).not.toContain('supplement');
    expect(allowedActs(c, 'handler', county, tree)).not.toContain('correct');
  });

  it('第二十二条第三项 交办 goes only to offices below the assigning office, with a deadline after the day of the act', () => {
    const assign = (to: string, due = '2025-12-31') =>
      event('assign', { toOfficeId: to, dueDate: due }, '2025-11-04', handler);
    expect(reasons([register('2025-11-03'), assign(county)])).toEqual(['assign-not-below']);
    expect(reasons([register('2025-11-03'), assign(townshipB)])).toEqual(['assign-not-below']);
    expect(
      reasons([register('2025-11-03', countyHandler), { ...assign(township, '2025-11-04'), actor: countyHandler }]),
    ).toEqual(['assign-due-not-after']);
    expect(fold([register('2025-11-03', countyHandler), { ...assign(township), actor: countyHandler }]).status).toBe(
      'assigned',
    );
  });

  it('第二十二条 转送 goes to any organ with authority in the county, a department included', () => {
    expect(
      fold([
        register('2025-11-03'),
        event('forward', { toOfficeId: dept, petitionerTold: true }, '2025-11-04', handler),
      ]).status,
    ).toBe('forwarded');
  });

  it('第三十条第三款、第二十二条 the accused office is barred for 检举控告 only; a claim about a township goes to it (属地管理)', () => {
    const claim = [
      register('2025-11-03', countyHandler, { class: 'claim', accusedOfficeIds: [township] }),
      event('forward', { toOfficeId: township, petitionerTold: true }, '2025-11-04', countyHandler),
    ];
    expect(fold(claim).status).toBe('forwarded');
    const accusation = [
      register('2025-11-03', countyHandler, { class: 'accusation', accusedOfficeIds: [township] }),
      event('forward', { toOfficeId: township, petitionerTold: true }, '2025-11-04', countyHandler),
    ];
    expect(reasons(accusation)).toEqual(['forward-to-accused']);
  });
});

describe('18. Dates of real-world events (第三十五条)', () => {
  it('第三十五条 邮寄送达: the window starts the day the petitioner signed for it, not the mailing day', () => {
    const posted = [...decided(), event('serve', { method: 'post' }, '2025-11-21', handler)];
    expect(last(posted, 'review-window')).toBeUndefined();
    expect(fold(posted).awaitingReceipt).toBe(true);
    expect(reasons([...posted, event('review-request', { organ: '示范县信访局' }, '2025-11-22', reception)])).toEqual([
      'review-not-served',
    ]);
    const signed = [...posted, event('serve-receipt', { signedDay: '2025-11-26' }, '2025-11-28', handler)];
    expect(last(signed, 'review-window')).toMatchObject({ startDay: '2025-11-26', due: '2025-12-26' });
    const atOnce = [...decided(), event('serve', { method: 'post', signedDay: '2025-11-25' }, '2025-11-27', handler)];
    expect(last(atOnce, 'review-window')).toMatchObject({ startDay: '2025-11-25' });
  });

  it('第三十五条 a 签收 date is never in the future nor before the answer', () => {
    expect(
      reasons([...decided(), event('serve', { method: 'post', signedDay: '2025-11-30' }, '2025-11-21', handler)]),
    ).toEqual(['date-out-of-range']);
    expect(
      reasons([...decided(), event('serve', { method: 'post', signedDay: '2025-11-19' }, '2025-11-21', handler)]),
    ).toEqual(['date-out-of-range']);
  });
});

describe('19. Approval where offices require it (第三十四条 负责人批准)', () => {
  const proposal = () => event('propose', { act: 'close', payload: { ground: 'withdrawn' } }, '2025-11-10', handler);

  it('第三十四条 an act proposed takes effect when a 负责人 approves it; the clocks run meanwhile', () => {
    const p = proposal();
    const proposed = [...accepted(), p];
    expect(fold(proposed)).toMatchObject({ status: 'accepted', proposals: [{ eventId: p.id, act: 'close' }] });
    expect(last(proposed, 'handling')!.stoppedDay).toBeUndefined();
    const approved = [...proposed, event('approve', { proposalEventId: p.id, approved: true }, '2025-11-12', approver)];
    expect(fold(approved)).toMatchObject({ status: 'closed', closeGround: 'withdrawn', proposals: [] });
    expect(last(approved, 'handling')).toMatchObject({ stoppedDay: '2025-11-12' });
  });

  it('第三十四条 refused, the proposal never takes effect; a proposal that no longer fits is refused', () => {
    const p = proposal();
    expect(
      fold([...accepted(), p, event('approve', { proposalEventId: p.id, approved: false }, '2025-11-12', approver)]),
    ).toMatchObject({ status: 'accepted', proposals: [] });
    expect(
      reasons([
        register('2025-11-03'),
        event('propose', { act: 'close', payload: { ground: 'withdrawn' } }, '2025-11-04', handler),
      ]),
    ).toEqual(['act-not-allowed-in-status']);
    expect(
      reasons([
        ...accepted(),
        event('propose', { act: 'close', payload: { ground: 'nonsense' } }, '2025-11-04', handler),
      ]),
    ).toEqual(['act-payload-invalid']);
  });

  it('第三十四条 one 报批 of an act waits at a time: a second 终结 报批 is refused (proposal-pending) until the first is decided', () => {
    const p = proposal();
    const again = event('propose', { act: 'close', payload: { ground: 'withdrawn' } }, '2025-11-11', handler);
    expect(reasons([...accepted(), p, again])).toEqual(['proposal-pending']);
    const refused = event('approve', { proposalEventId: p.id, approved: false }, '2025-11-12', approver);
    expect(
      reasons([
        ...accepted(),
        p,
        refused,
        { ...again, occurredAt: '2025-11-13T02:00:00.000Z', recordedAt: '2025-11-13T02:00:00.000Z' },
      ]),
    ).toEqual([]);
  });
});

describe('Correcting a registration (第十九条 如实记录; nothing is deleted)', () => {
  it('第十九条 补充 and 更正 change the matter’s items and keep every change in order', () => {
    const events = [
      register('2025-11-03'),
      event('supplement', { field: 'problemRegion', value: '999901101001' }, '2025-11-04', reception),
      event(
        'correct',
        { field: 'title', oldValue: '土地征收补偿款未足额发放', value: '土地征收补偿款未发放', reason: '笔误' },
        '2025-11-04',
        reception,
      ),
      event(
        'supplement',
        { field: 'facts', value: '2024年征地', petitionId: 'p-1', accusedPersons: ['李某'] },
        '2025-11-05',
        reception,
      ),
    ];
    const c = fold(events);
    expect(c).toMatchObject({ title: '土地征收补偿款未发放', problemRegion: '999901101001', accusedPersons: ['李某'] });
    expect(c.amendments.map((a) => a.field)).toEqual(['problemRegion', 'title', 'facts']);
  });

  it('第十九条 作废 by a 负责人: out of the workflow, its history kept', () => {
    const voided = fold([register('2025-11-03'), event('void', { reason: '重复登记' }, '2025-11-04', approver)]);
    expect(voided).toMatchObject({ status: 'voided', eventCount: 2 });
    expect(voided.clocks.every((k) => k.stoppedDay !== undefined)).toBe(true);
    expect(reasons([register('2025-11-03'), event('void', { reason: '重复登记' }, '2025-11-04', handler)])).toEqual([
      'act-role-not-allowed',
    ]);
  });

  it('第三十六条第三款 不再受理 is an act and status of its own', () => {
    const c = fold([
      register('2025-11-03'),
      event(
        'no-further-acceptance',
        { noticeMethod: 'on-site', explanation: '同一事实和理由已经复核', priorCaseNumber: 'T01-2024-D1-0007' },
        '2025-11-03',
        handler,
      ),
    ]);
    expect(c.status).toBe('no-further-acceptance');
    expect(last([register('2025-11-03')], 'notice')!.stoppedDay).toBeUndefined();
    expect(c.clocks.find((k) => k.kind === 'notice')!.stoppedDay).toBe('2025-11-03');
  });
});
