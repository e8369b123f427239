import { describe, expect, it } from 'vitest';
import { foldCase } from '#shared/domain/fold';
import { checkAct } from '#shared/domain/acts';
import { defaultCalendar } from '#shared/domain/calendar';
import type { CaseEvent, ClockKind } from '#shared/domain/case-types';
import { acceptClaim, actor, county, event, register, township, townshipB } from './case-fixtures';

const fold = (events: CaseEvent[]) => {
  const c = foldCase(events, defaultCalendar);
  if (!c) throw new Error('no projection');
  return c;
};
const clock = (events: CaseEvent[], kind: ClockKind) =>
  fold(events)
    .clocks.filter((k) => k.kind === kind)
    .at(-1);
const approver = actor('approver');

describe('登记 and the notice clock', () => {
  it('第十九条 登记 opens a matter in 已登记 at the registering office', () => {
    const c = fold([register('2025-12-01')]);
    expect(c).toMatchObject({
      status: 'registered',
      currentOfficeId: township,
      receivedDay: '2025-12-01',
      eventCount: 1,
    });
  });

  it.each([
    ['2025-12-01', '2025-12-16'],
    ['2025-09-20', '2025-10-09'], // day 15 is 国庆: rolls to the first working day
  ])('第二十三条 written notice due 15 日 after receipt %s → %s', (received, due) => {
    expect(clock([register(received)], 'notice')).toMatchObject({ startDay: received, due, uncertain: false });
  });

  it('第二十三条 the notice clock counts from the Beijing day of receipt (23:30 on the 1st in Beijing is the 1st)', () => {
    const late = register('2025-12-01 23:30');
    expect(fold([late]).receivedDay).toBe('2025-12-01');
  });

  it('第二十三条 a receipt in a year without calendar data gives an uncertain due date', () => {
    expect(clock([register('2026-12-25')], 'notice')).toMatchObject({ uncertain: true });
  });

  it('no projection while the 登记 of a matter has not arrived', () => {
    expect(foldCase([event('note', { text: '来电询问' }, '2025-12-02')], defaultCalendar)).toBeUndefined();
  });
});

describe('受理 and the handling clock', () => {
  it.each([
    ['2025-08-02', '2025-10-09'],
    ['2025-03-01', '2025-04-30'],
  ])('第三十四条 a 申诉求决类 matter accepted %s is due 60 日 later: %s', (day, due) => {
    const events = [register(day), event('accept', acceptClaim, day)];
    expect(fold(events).status).toBe('accepted');
    expect(clock(events, 'notice')).toMatchObject({ stoppedDay: day });
    expect(clock(events, 'handling')).toMatchObject({ startDay: day, due });
  });

  it('第三十四条 an extension of 30 日 adds to the 60-day period, then the rest-day rule applies', () => {
    const events = [
      register('2025-03-01'),
      event('accept', acceptClaim, '2025-03-01'),
      event('extend', { days: 30, reasons: '需补充调查', noticeMethod: 'post' }, '2025-04-20', approver),
    ];
    expect(clock(events, 'handling')).toMatchObject({ due: '2025-05-30' });
    expect(fold(events).extensionDays).toBe(30);
  });

  it('第三十四条 建议意见类 has no 60-day clock', () => {
    const events = [register('2025-03-01'), event('accept', { ...acceptClaim, class: 'suggestion' }, '2025-03-01')];
    expect(clock(events, 'handling')).toBeUndefined();
  });

  it('第三十二条 a 处理意见 answers the matter and stops the handling clock', () => {
    const events = [
      register('2025-03-01'),
      event('accept', acceptClaim, '2025-03-02'),
      event('decide', { outcome: 'support', basis: '依据相关规定', reviewOrgan: '县人民政府' }, '2025-04-01'),
    ];
    expect(fold(events)).toMatchObject({ status: 'answered', outcome: 'support', answer: 'decision' });
    expect(clock(events, 'handling')).toMatchObject({ stoppedDay: '2025-04-01' });
  });
});

describe('转送, 交办 and 异议', () => {
  const countyClerk = actor('handler', county);
  const townClerk = actor('handler', township);

  it('第二十三条第三款 the receiver of a 转送 has 15 日 to give notice and 5 工作日 to object', () => {
    const events = [
      register('2025-09-29', countyClerk),
      event('forward', { toOfficeId: township, petitionerTold: true }, '2025-09-29', countyClerk),
    ];
    const c = fold(events);
    expect(c).toMatchObject({
      status: 'forwarded',
      currentOfficeId: township,
      handedOverBy: county,
      officeIds: [county, township],
    });
    expect(clock(events, 'objection')).toMatchObject({ officeId: township, due: '2025-10-13' });
    expect(clock(events, 'notice')).toMatchObject({ officeId: township, due: '2025-10-14' });
  });

  it('第二十三条第三款 签收 restarts the receiver’s clocks from its receipt', () => {
    const events = [
      register('2025-09-26', countyClerk),
      event('forward', { toOfficeId: township, petitionerTold: true }, '2025-09-26', countyClerk),
      event('receive', {}, '2025-09-29', townClerk),
    ];
    expect(clock(events, 'objection')).toMatchObject({ startDay: '2025-09-29', due: '2025-10-13' });
  });

  it('第二十三条第三款 an 异议 waits for the sender: 核实同意 sends the matter back to it, 已登记, with its own 15 日', () => {
    const events = [
      register('2025-09-29', countyClerk),
      event('forward', { toOfficeId: township, petitionerTold: true }, '2025-09-29', countyClerk),
      event('object', { reasons: '该事项属于县自然资源局职责范围，不属本镇。' }, '2025-10-09', townClerk),
    ];
    expect(fold(events)).toMatchObject({
      status: 'forwarded',
      currentOfficeId: township,
      pendingObjection: { officeId: township },
    });
    expect(clock(events, 'objection')).toMatchObject({ stoppedDay: '2025-10-09' });
    const agreed = [
      ...events,
      event('object-decision', { agreed: true, reasons: '核实属实' }, '2025-10-10', countyClerk),
    ];
    expect(fold(agreed)).toMatchObject({ status: 'registered', currentOfficeId: county });
    expect(fold(agreed).pendingObjection).toBeUndefined();
    expect(clock(agreed, 'notice')).toMatchObject({ officeId: county, startDay: '2025-10-10', due: '2025-10-27' });
  });

  it('第二十三条第三款 an 异议 the sender refuses leaves the matter with the receiver', () => {
    const events = [
      register('2025-09-29', countyClerk),
      event('forward', { toOfficeId: township, petitionerTold: true }, '2025-09-29', countyClerk),
      event('object', { reasons: '该事项属于县自然资源局职责范围，不属本镇。' }, '2025-10-09', townClerk),
      event('object-decision', { agreed: false, reasons: '属于属地管理事项，应由镇办理' }, '2025-10-10', countyClerk),
    ];
    expect(fold(events)).toMatchObject({ status: 'forwarded', currentOfficeId: township });
    expect(fold(events).pendingObjection).toBeUndefined();
  });

  it('第二十二条第三项 交办 runs to the set deadline until the 办结报告', () => {
    const events = [
      register('2025-11-03', countyClerk),
      event('assign', { toOfficeId: township, dueDate: '2025-12-15' }, '2025-11-03', countyClerk),
      event('accept', acceptClaim, '2025-11-05', townClerk),
    ];
    expect(clock(events, 'assignment')).toMatchObject({ due: '2025-12-15', officeId: township });
    const done = [
      ...events,
      event('decide', { outcome: 'explain', basis: '政策解释', reviewOrgan: '县人民政府' }, '2025-12-01', townClerk),
      event('report', { content: '已答复信访人' }, '2025-12-02', townClerk),
    ];
    expect(clock(done, 'assignment')).toMatchObject({ stoppedDay: '2025-12-02' });
  });

  it('第三十条第三款 a matter is never forwarded to the office it accuses', () => {
    const events = [
      register('2025-11-03', countyClerk, { class: 'accusation', accusedOfficeIds: [township] }),
      event('forward', { toOfficeId: township, petitionerTold: false }, '2025-11-04', countyClerk),
    ];
    const c = fold(events);
    expect(c).toMatchObject({ status: 'registered', restricted: true, currentOfficeId: county });
    expect(c.conflicts).toEqual([expect.objectContaining({ reason: 'forward-to-accused' })]);
  });
});

describe('送达, 复查 and 复核', () => {
  const answered = () => [
    register('2025-11-01'),
    event('accept', acceptClaim, '2025-11-01'),
    event('decide', { outcome: 'not-support', basis: '不符合补偿条件', reviewOrgan: '县人民政府' }, '2025-12-20'),
  ];
  const countyReviewer = actor('handler', county);

  it('第三十五条 送达 starts the petitioner’s 30-day window for 复查', () => {
    const events = [...answered(), event('serve', { method: 'in-person' }, '2026-01-03')];
    expect(clock(events, 'review-window')).toMatchObject({ startDay: '2026-01-03', due: '2026-02-02' });
  });

  it('第三十五条、第四十四条第一项 a 复查 request after the window is registered and waits for a written answer; 终结 on the lapse waits for it', () => {
    const served = [...answered(), event('serve', { method: 'in-person' }, '2026-01-03')];
    const late = fold([
      ...served,
      event('review-request', { organ: '县人民政府' }, '2026-02-03', actor('receptionist')),
    ]);
    expect(late).toMatchObject({
      status: 'answered',
      conflicts: [],
      pendingLateRequest: { stage: 'review', day: '2026-02-03' },
    });
    expect(checkAct(late, event('close', { ground: 'review-window-lapsed' }, '2026-02-04', approver))).toBe(
      'late-request-pending',
    );
    const closed = fold([...served, event('close', { ground: 'review-window-lapsed' }, '2026-02-03', approver)]);
    expect(closed).toMatchObject({ status: 'closed', closeGround: 'review-window-lapsed' });
    const early = fold([...served, event('close', { ground: 'review-window-lapsed' }, '2026-01-20', approver)]);
    expect(early.conflicts.map((k) => k.reason)).toEqual(['close-window-running']);
  });

  it('第三十六条 a 复核 request more than 30 日 after 送达 of the 复查 answer is registered as late', () => {
    const reviewed = [
      ...answered(),
      event('serve', { method: 'post', signedDay: '2026-01-03' }, '2026-01-04'),
      event('review-request', { organ: '县人民政府' }, '2026-01-05', countyReviewer),
      event('review-decision', { result: 'uphold', content: '维持' }, '2026-01-20', countyReviewer),
      event('serve', { method: 'post', signedDay: '2026-01-21' }, '2026-01-22', countyReviewer),
    ];
    expect(clock(reviewed, 're-review-window')).toMatchObject({ due: '2026-02-24' }); // 02-20 is in 春节: rolls to 02-24
    const late = fold([...reviewed, event('re-review-request', { organ: '市人民政府' }, '2026-02-25', countyReviewer)]);
    expect(late).toMatchObject({ status: 'reviewed', conflicts: [], pendingLateRequest: { stage: 're-review' } });
    const inTime = fold([
      ...reviewed,
      event('re-review-request', { organ: '市人民政府' }, '2026-02-24', countyReviewer),
    ]);
    expect(inTime.status).toBe('in-re-review');
  });

  it('第三十五条 复查 is answered within 30 日 of the request', () => {
    const events = [
      ...answered(),
      event('serve', { method: 'post', signedDay: '2026-01-03' }, '2026-01-05'),
      event('review-request', { organ: '县人民政府' }, '2026-01-10', countyReviewer),
    ];
    expect(fold(events).status).toBe('in-review');
    expect(clock(events, 'review')).toMatchObject({ startDay: '2026-01-10', due: '2026-02-09' });
  });

  it('第三十六条第二款 听证 days, both ends counted, are excluded from the 复核 period', () => {
    const events = [
      ...answered(),
      event('serve', { method: 'in-person' }, '2026-01-03'),
      event('review-request', { organ: '县人民政府' }, '2026-01-05', countyReviewer),
      event('review-decision', { result: 'uphold', content: '维持' }, '2026-01-20', countyReviewer),
      event('serve', { method: 'in-person' }, '2026-01-21'),
      event('re-review-request', { organ: '市人民政府' }, '2026-02-10', countyReviewer),
    ];
    expect(clock(events, 're-review')).toMatchObject({ due: '2026-03-12' });
    const heard = [
      ...events,
      event('hearing-start', {}, '2026-02-20', countyReviewer),
      event('hearing-end', {}, '2026-03-02', countyReviewer),
    ];
    expect(fold(heard).hearingDays).toBe(11); // 02-20 … 03-02
    expect(clock(heard, 're-review')).toMatchObject({ due: '2026-03-23' }); // 03-12 + 11 日 = 03-23 (Mon)
    const done = fold([
      ...heard,
      event('re-review-decision', { result: 'uphold', content: '维持' }, '2026-03-20', countyReviewer),
    ]);
    expect(done).toMatchObject({ status: 're-reviewed', finalAfterReReview: true });
  });

  it('第三十六条第三款 a later petition on the same matter is still registered and linked, and the matter shows it is final', () => {
    const reReviewed = [
      ...answered(),
      event('serve', { method: 'in-person' }, '2026-01-03'),
      event('review-request', { organ: '县人民政府' }, '2026-01-05', countyReviewer),
      event('review-decision', { result: 'uphold', content: '维持' }, '2026-01-20', countyReviewer),
      event('serve', { method: 'in-person' }, '2026-01-21'),
      event('re-review-request', { organ: '市人民政府' }, '2026-01-25', countyReviewer),
      event('re-review-decision', { result: 'uphold', content: '维持' }, '2026-02-20', countyReviewer),
      event('link', { petitionId: 'p-2', petitionerIds: ['pp-1'] }, '2026-03-01', actor('receptionist')),
    ];
    expect(fold(reReviewed)).toMatchObject({ finalAfterReReview: true, repeatCount: 1, petitionIds: ['p-1', 'p-2'] });
  });
});

describe('督办', () => {
  it('第四十条 a 督办 with a feedback date runs until the supervised office answers in writing', () => {
    const supervise = event(
      'supervise',
      { kind: 'supervise', issue: '逾期未告知', feedbackDue: '2025-12-20' },
      '2025-12-10',
      actor('handler', county),
    );
    const events = [register('2025-11-01'), supervise];
    expect(clock(events, 'supervision')).toMatchObject({ officeId: township, due: '2025-12-20' });
    const answered = [
      ...events,
      event('feedback', { superviseEventId: supervise.id, content: '已书面告知' }, '2025-12-15'),
    ];
    expect(clock(answered, 'supervision')).toMatchObject({ stoppedDay: '2025-12-15' });
  });
});

describe('acts out of turn are kept and flagged, never dropped (design.md §2)', () => {
  it.each([
    [
      '第三十二条 处理意见 before 受理',
      'act-not-allowed-in-status',
      event('decide', { outcome: 'support', basis: 'x', reviewOrgan: 'y' }, '2025-12-02'),
    ],
    [
      '第二十三条 受理 by an office that does not hold the matter',
      'act-wrong-office',
      event('accept', acceptClaim, '2025-12-02', actor('handler', townshipB)),
    ],
    [
      '第三十四条 延期 without 受理',
      'act-not-allowed-in-status',
      event('extend', { days: 10, reasons: 'x', noticeMethod: 'post' }, '2025-12-02', approver),
    ],
    [
      '第二十三条 受理 by a receptionist',
      'act-role-not-allowed',
      event('accept', acceptClaim, '2025-12-02', actor('receptionist')),
    ],
  ])('%s → %s', (_name, reason, act) => {
    const c = fold([register('2025-12-01'), act]);
    expect(c.status).toBe('registered');
    expect(c.conflicts).toEqual([{ eventId: act.id, type: act.type, reason, officeId: act.actor.officeId }]);
    expect(c.eventCount).toBe(2);
  });

  it('第二十三条 two offices that both 受理 offline: the first applies, the second is kept and flagged', () => {
    const countyClerk = actor('handler', county);
    const forward = event('forward', { toOfficeId: township, petitionerTold: true }, '2025-12-01 11:00', countyClerk);
    const townAccept = event('accept', acceptClaim, '2025-12-03', actor('handler', township), { after: [forward.id] });
    const countyObjectionIgnored = event('accept', acceptClaim, '2025-12-02', countyClerk, { after: [forward.id] });
    const c = fold([register('2025-12-01', countyClerk), forward, townAccept, countyObjectionIgnored]);
    expect(c.status).toBe('accepted');
    expect(c.conflicts).toHaveLength(1);
    expect(c.eventCount).toBe(4);
  });

  it('causal order wins over a desk clock that runs behind', () => {
    const countyClerk = actor('handler', county);
    const forward = event('forward', { toOfficeId: township, petitionerTold: true }, '2025-12-01 11:00', countyClerk);
    // The township desk's clock is an hour behind: its 受理 carries a time before the 转送 it answers.
    const accept = event('accept', acceptClaim, '2025-12-01 10:30', actor('handler', township), {
      after: [forward.id],
    });
    const c = fold([accept, register('2025-12-01 09:00', countyClerk), forward]);
    expect(c).toMatchObject({ status: 'accepted', currentOfficeId: township, conflicts: [] });
  });

  it('an event delivered twice counts once', () => {
    const note = event('note', { text: '已电话联系' }, '2025-12-02');
    expect(fold([register('2025-12-01'), note, note]).eventCount).toBe(2);
  });
});

describe('第三十条第三款 confidentiality is widened by later acts, never narrowed', () => {
  const countyClerk = actor('receptionist', county);
  const accusation = () =>
    register('2025-12-01', countyClerk, {
      class: 'accusation',
      accusedOfficeIds: [township],
      accusedPersons: ['王某某'],
    });

  it('第三十条第三款 a second 登记, back-dated, as 申诉求决类 with no accused, is flagged and leaves the matter restricted with its accused', () => {
    const first = accusation();
    const forged = {
      ...register('2025-11-20', countyClerk, { class: 'claim', accusedOfficeIds: [] }),
      caseId: first.caseId,
    };
    for (const events of [
      [first, forged],
      [forged, first],
    ]) {
      const c = fold(events);
      expect(c).toMatchObject({
        restricted: true,
        accusedOfficeIds: [township],
        accusedPersons: ['王某某'],
        eventCount: 2,
      });
      expect(c.conflicts).toEqual([expect.objectContaining({ type: 'register', reason: 'case-already-registered' })]);
    }
  });

  it('第三十条第三款 a second 登记 that marks the matter confidential or names more accused widens it', () => {
    const first = register('2025-12-01', countyClerk);
    const second = {
      ...register('2025-12-02', countyClerk, { flags: ['confidential'], accusedOfficeIds: [townshipB] }),
      caseId: first.caseId,
    };
    expect(fold([first, second])).toMatchObject({ restricted: true, accusedOfficeIds: [townshipB] });
  });

  it('第三十条第三款 受理 as another class with no accused keeps a 检举控告 restricted and every accused office and person', () => {
    const handler = actor('handler', county);
    const c = fold([
      accusation(),
      event('accept', { ...acceptClaim, accusedOfficeIds: [], accusedPersons: [] }, '2025-12-02', handler),
    ]);
    expect(c).toMatchObject({
      status: 'accepted',
      restricted: true,
      accusedOfficeIds: [township],
      accusedPersons: ['王某某'],
    });
    const more = fold([
      accusation(),
      event(
        'accept',
        { noticeMethod: 'on-site', class: 'accusation', procedure: 'statutory', accusedOfficeIds: [townshipB] },
        '2025-12-02',
        handler,
      ),
    ]);
    expect(more.accusedOfficeIds).toEqual([township, townshipB]);
  });
});
