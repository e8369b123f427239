import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '#shared/contract/api';
import type { ActPayload } from '#shared/domain/act-payloads';
import { defaultCalendar } from '#shared/domain/calendar';
import type { CaseEvent } from '#shared/domain/case-types';
import type { PetitionDoc, PetitionerDoc } from '#shared/domain/documents';
import { foldCase } from '#shared/domain/fold';
import { queryCode } from '#shared/domain/query-code';
import { documentText } from '#shared/messages/zh-CN';
import type { Letter } from '../../../../../src-renderer/app/letters';
import { actDocument, documentKind, type Names } from '../../../../../src-renderer/features/cases/detail/act-documents';
import {
  acceptClaim,
  actor,
  county,
  event,
  register,
  township,
  townshipB,
} from '../../../../shared/domain/case-fixtures';

/**
 * Which document each act prints and what it says (domain-research §7.4), from a matter folded out of its events.
 * The e2e test (tests/e2e/web-documents.test.ts) prints the same documents from the matter page to PDF.
 */

const offices: Record<string, string> = {
  [township]: '青山镇人民政府',
  [townshipB]: '绿水乡人民政府',
  [county]: '示范县信访局',
};
const names: Names = {
  office: (id) => offices[id] ?? id,
  user: (id) => `用户${id}`,
  above: (id) => (id === township || id === townshipB ? county : undefined),
};
const petition: PetitionDoc = {
  id: 'p-1',
  caseId: 'case-1',
  officeId: township,
  channel: 'visit',
  receivedAt: '2025-12-01T02:00:00.000Z',
  petitionerIds: ['pp-1'],
  headcount: 1,
  request: '要求补发土地征收补偿款',
  facts: '2024年征地后补偿款未足额发放',
  reasons: '与公布的补偿方案不符',
  flags: [],
  repeat: false,
  registeredBy: 'u',
  recordedAt: '2025-12-01T02:00:00.000Z',
};
const petitioner = { id: 'pp-1', name: '张三', phone: '13800138000', address: '青山镇东街1号' } as PetitionerDoc; // the fields a document reads

function detailOf(events: CaseEvent[], flags: CaseDetail['case']['flags'] = []): CaseDetail {
  const folded = foldCase(events, defaultCalendar);
  if (!folded) throw new Error('no projection');
  return {
    case: { ...folded, flags, restricted: folded.class === 'accusation' },
    masked: false,
    events,
    petitions: [petition],
    petitioners: [petitioner],
    allowedActs: [],
    proposedActs: [],
    today: '2025-12-31',
    signatures: {},
  };
}

/** The document of the last event of the story, as one text. */
function printed(events: CaseEvent[], flags: CaseDetail['case']['flags'] = []): { letter: Letter; text: string } {
  const detail = detailOf(events, flags);
  const letter = actDocument(events.at(-1)!, detail, names);
  if (!letter) throw new Error('no document');
  const text = [
    documentText.title[letter.kind],
    letter.reference,
    letter.queryCode,
    letter.to,
    ...letter.paragraphs,
    ...(letter.rows ?? []).flat(),
    ...(letter.after ?? []),
    letter.office,
    letter.date,
  ].join('\n');
  return { letter, text };
}

const reg = register('2025-12-01');
const accepted = [reg, event('accept', acceptClaim, '2025-12-02')];
const decision: ActPayload<'decide'> = {
  outcome: 'not-support',
  basis: '补偿款已按方案足额发放，有银行凭证为据',
  reviewOrgan: '示范县人民政府',
  documentNo: '青访答〔2025〕8号',
};
const decided = [...accepted, event('decide', decision, '2025-12-20')];
const served = [
  ...decided,
  event('serve', { method: 'in-person', signedDay: '2025-12-21' }, '2025-12-21', actor('receptionist')),
];
const inReview = [
  ...served,
  event('review-request', { organ: '示范县信访局', toOfficeId: county }, '2025-12-22', actor('receptionist')),
];
const byCounty = actor('handler', county);
const reviewed = (result: ActPayload<'review-decision'>['result']) => [
  ...inReview,
  event(
    'review-decision',
    {
      result,
      content: '原处理意见事实清楚',
      documentNo: '县访复〔2026〕1号',
      ...(result === 'redo' ? { redoDue: '2026-01-30' } : {}),
    },
    '2026-01-05',
    byCounty,
  ),
];
const inReReview = [
  ...reviewed('uphold'),
  event('serve', { method: 'post', signedDay: '2026-01-07' }, '2026-01-08', actor('receptionist', county)),
  event('re-review-request', { organ: '示范市人民政府' }, '2026-01-09', actor('receptionist')),
];
const byCity = actor('handler', townshipB); // typed in by another desk on the city's behalf
const reReviewed = (result: ActPayload<'re-review-decision'>['result']) => [
  ...inReReview,
  event(
    're-review-decision',
    { result, content: '复查意见正确', ...(result === 'redo' ? { redoDue: '2026-02-27' } : {}) },
    '2026-02-03',
    byCity,
  ),
];

describe('notices to the petitioner carry the 查询码 (第二十一条第二款) and their article', () => {
  it('第二十三条、第三十四条 受理 of a 申诉求决 under 第三十一条第六项 promises 60日 citing 第三十四条 and states the 复查 right (第三十五条)', () => {
    const { letter, text } = printed(accepted);
    expect(letter).toMatchObject({
      kind: 'accept',
      queryCode: queryCode('case-1'),
      to: '张三',
      office: '青山镇人民政府',
      date: '2025年12月2日',
      contact: true,
    });
    expect(text).toContain('第三十四条的规定，该事项自受理之日起60日内办结');
    expect(text).toContain('第三十五条');
    expect(text).toContain('要求补发土地征收补偿款');
  });

  it.each([
    ['第二十九条 建议意见类', 'suggestion', '第二十九条'],
    ['第三十条 检举控告类', 'accusation', '第三十条第三款'],
  ] as const)('%s: the 受理告知书 promises no 60日 and mentions no 复查', (_rule, cls, article) => {
    const { text } = printed([reg, event('accept', { ...acceptClaim, class: cls }, '2025-12-02')]);
    expect(text).toContain(article);
    expect(text).not.toContain('60日');
    expect(text).not.toContain('复查');
  });

  it('第三十一条第一项至第五项 a 申诉求决 led into a statutory procedure: names the route, no 60日, no 复查', () => {
    const blank = printed([reg, event('accept', { ...acceptClaim, procedure: 'statutory' }, '2025-12-02')]).text;
    expect(blank).toContain('第三十一条第一项至第五项的规定，应当通过法定途径处理：____');
    const arbitration = { ...acceptClaim, procedure: 'statutory' as const, route: 'arbitration' as const };
    const named = printed([reg, event('accept', arbitration, '2025-12-02')]).text;
    expect(named).toContain('第三十一条第二项的规定，应当通过仲裁解决');
    for (const text of [blank, named]) {
      expect(text).not.toContain('60日');
      expect(text).not.toContain('复查');
    }
  });

  it('第三十二条 处理意见书: request, facts and reasons from the petition, the opinion and its basis, the 复查 organ and window (第三十五条)', () => {
    const { letter, text } = printed(decided);
    expect(letter).toMatchObject({
      kind: 'decide',
      reference: '文号：青访答〔2025〕8号',
      queryCode: queryCode('case-1'),
      office: '青山镇人民政府',
    });
    expect(letter.paragraphs).toEqual([
      expect.stringContaining('第三十一条第六项'),
      '投诉请求：要求补发土地征收补偿款',
      '事实和理由：2024年征地后补偿款未足额发放；与公布的补偿方案不符',
      expect.stringContaining('第三十二条第一款第三项的规定，不予支持'),
      '事实和依据：补偿款已按方案足额发放，有银行凭证为据',
      '如不服本处理意见，可以自收到本意见书之日起30日内向示范县人民政府请求复查（《信访工作条例》第三十五条）。',
    ]);
    expect(text).toContain('2025年12月20日');
  });

  it('第十九条 a request 补充ed before the opinion reads as amended; one after it does not change it', () => {
    const supplement = event(
      'supplement',
      { field: 'request', value: '要求补发补偿款并支付利息', petitionId: 'p-1' },
      '2025-12-10',
      actor('receptionist'),
    );
    const later = event(
      'supplement',
      { field: 'request', value: '后来补充的请求', petitionId: 'p-1' },
      '2025-12-21',
      actor('receptionist'),
    );
    const events = [...accepted, supplement, event('decide', decision, '2025-12-20'), later];
    const letter = actDocument(events.at(-2)!, detailOf(events), names);
    expect(letter?.paragraphs).toContain('投诉请求：要求补发补偿款并支付利息');
  });

  it('第三十五条、第三十六条 复查意见书 upheld: signed by the 复查 organ, names the 复核 window and organ', () => {
    const { letter, text } = printed(reviewed('uphold'));
    expect(letter).toMatchObject({
      kind: 'review-decision',
      office: '示范县信访局',
      reference: '文号：县访复〔2026〕1号',
      queryCode: queryCode('case-1'),
    });
    expect(text).toContain('你（你们）不服青山镇人民政府作出的信访处理意见，于2025年12月22日请求复查');
    expect(text).toContain('复查结果：维持原处理意见。');
    // The county is the top of this directory: the 复核 organ is named by its relation.
    expect(text).toContain('30日内向本机关的上一级机关、单位请求复核（《信访工作条例》第三十六条）');
  });

  it('第三十五条 复查意见书 redo: back to the organ that decided, by the date set; no 复核 step', () => {
    const { text } = printed(reviewed('redo'));
    expect(text).toContain('责令原办理机关重新处理');
    expect(text).toContain('青山镇人民政府应当于2026年1月30日前重新作出信访处理意见');
    expect(text).not.toContain('请求复核');
  });

  it('第三十六条第三款 复核意见书 upheld is final: the same facts and reasons are not accepted again', () => {
    const { letter, text } = printed(reReviewed('uphold'));
    expect(letter).toMatchObject({
      kind: 're-review-decision',
      office: '示范市人民政府',
      queryCode: queryCode('case-1'),
    });
    expect(text).toContain('你（你们）不服示范县信访局作出的复查意见，于2026年1月9日请求复核');
    expect(text).toContain(
      '信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理（《信访工作条例》第三十六条第三款）',
    );
  });

  it('第三十六条 复核意见书 redo: back to the 复查 organ by the date set, not final', () => {
    const { text } = printed(reReviewed('redo'));
    expect(text).toContain('示范县信访局应当于2026年2月27日前重新提出复查意见');
    expect(text).not.toContain('不再受理');
  });

  it('第三十六条第三款 不再受理告知书 names the matter already re-reviewed', () => {
    const { letter, text } = printed([
      reg,
      event(
        'no-further-acceptance',
        { noticeMethod: 'post', priorCaseNumber: 'T01-2024-D1-0007', explanation: '同一事实和理由已于2024年复核' },
        '2025-12-03',
      ),
    ]);
    expect(letter).toMatchObject({ kind: 'no-further-acceptance', queryCode: queryCode('case-1') });
    expect(text).toContain('信访事项（编号T01-2024-D1-0007）的事实和理由相同');
    expect(text).toContain('第三十六条第三款');
  });

  it('第二十三条 告知转送去向 names the office the matter was forwarded to', () => {
    const forwarded = [
      reg,
      event('forward', { toOfficeId: townshipB, petitionerTold: false }, '2025-12-02'),
      event('inform', { noticeMethod: 'phone' }, '2025-12-03', actor('receptionist')),
    ];
    expect(printed(forwarded).text).toContain('第二十二条、第二十三条的规定转送绿水乡人民政府办理');
  });
});

describe('forms between offices carry no 查询码', () => {
  it('第二十二条、第二十三条第三款 转送单: to whom, the matter, the receiver’s duties', () => {
    const { letter, text } = printed([
      reg,
      event('forward', { toOfficeId: townshipB, petitionerTold: true, note: '请核实后答复' }, '2025-12-02'),
    ]);
    expect(letter.queryCode).toBeUndefined();
    expect(letter).toMatchObject({ kind: 'forward', to: '绿水乡人民政府', office: '青山镇人民政府' });
    expect(letter.rows).toContainEqual(['事项编号', 'T01-2025-D1-0001']);
    expect(letter.rows).toContainEqual(['主要请求', '要求补发土地征收补偿款']);
    expect(letter.rows).toContainEqual(['附言', '请核实后答复']);
    expect(text).toContain('第二十二条');
    expect(text).toContain('第二十三条第三款');
    expect(text).not.toContain('第三十条第三款');
  });

  it('第三十条第三款 a 检举控告 form says it is confidential', () => {
    const events = [
      register('2025-12-01', actor('receptionist'), { class: 'accusation' }),
      event('forward', { toOfficeId: townshipB, petitionerTold: false }, '2025-12-02'),
    ];
    expect(printed(events).text).toContain(documentText.secrecy);
  });

  it('第二十二条第三项 交办单: the deadline and the 办结报告', () => {
    const { letter, text } = printed([
      reg,
      event('assign', { toOfficeId: townshipB, dueDate: '2025-12-31' }, '2025-12-02', actor('handler', county)),
    ]);
    expect(letter).toMatchObject({ kind: 'assign', to: '绿水乡人民政府', office: '示范县信访局' });
    expect(letter.queryCode).toBeUndefined();
    expect(text).toContain('第二十二条第三项');
    expect(text).toContain('请于2025年12月31日前办结，向本机关反馈办理结果并提交办结报告');
  });

  it.each([
    ['supervise', '督办事项', 'supervise'],
    ['urge', '催办事项', 'urge'],
  ] as const)(
    '第四十条 %s: the issue and the day written feedback is due, to the supervised office',
    (kind, label, document) => {
      const events = [
        reg,
        event(
          'supervise',
          { kind, issue: '超期未告知信访人', feedbackDue: '2025-12-19' },
          '2025-12-18',
          actor('handler', county),
        ),
      ];
      const { letter, text } = printed(events);
      expect(documentKind(events.at(-1)!, events)).toBe(document);
      expect(letter).toMatchObject({ to: '青山镇人民政府', office: '示范县信访局' });
      expect(letter.rows).toContainEqual([label, '超期未告知信访人']);
      expect(text).toContain('第四十条');
      expect(text).toContain('于2025年12月19日前将办理情况书面反馈本机关');
    },
  );

  it('第三十五条 送达回证: the document served with its number, whom, how, by whom; signature and date left blank', () => {
    const { letter, text } = printed(served);
    expect(letter.queryCode).toBeUndefined();
    expect(letter.rows).toEqual([
      ['事项编号', 'T01-2025-D1-0001'],
      ['送达文书', '信访事项处理意见书（青访答〔2025〕8号）'],
      ['受送达人', '张三'],
      ['送达地点', '青山镇东街1号'],
      ['送达方式', '直接送达'],
      ['送达人', `用户${actor('receptionist').userId}`],
      ['受送达人签名（盖章）', ''],
      ['签收日期', documentText.blankDate],
      ['代收人及代收理由', ''],
      ['备注', ''],
    ]);
    expect(text).toContain('第三十五条');
  });

  it('第三十六条第三款、第三十七条 终结 record: ground, date, approver; via 报批 the proposer too', () => {
    const done = [
      ...reReviewed('uphold'),
      event('serve', { method: 'in-person', signedDay: '2026-02-04' }, '2026-02-04', actor('receptionist')),
    ];
    const direct = printed([...done, event('close', { ground: 're-review-done' }, '2026-02-05', actor('approver'))]);
    expect(direct.letter.rows).toContainEqual(['终结情形', '已复核完毕']);
    expect(direct.letter.rows).toContainEqual(['终结日期', '2026年2月5日']);
    expect(direct.letter.rows).toContainEqual(['批准人', `用户${actor('approver').userId}（青山镇人民政府）`]);
    expect(direct.text).toContain('第三十六条第三款');
    expect(direct.text).toContain('第三十七条');

    const proposal = event('propose', { act: 'close', payload: { ground: 're-review-done' } }, '2026-02-05');
    const approval = event(
      'approve',
      { proposalEventId: proposal.id, approved: true },
      '2026-02-06',
      actor('approver'),
    );
    const approved = printed([...done, proposal, approval]);
    expect(approved.letter).toMatchObject({ kind: 'close', date: '2026年2月6日' });
    expect(approved.letter.rows).toContainEqual(['报批人', `用户${actor('handler').userId}（青山镇人民政府）`]);
    const refused = event(
      'approve',
      { proposalEventId: proposal.id, approved: false },
      '2026-02-06',
      actor('approver'),
    );
    expect(documentKind(refused, [...done, proposal, refused])).toBeUndefined();
  });
});

describe('what prints nothing, and dates', () => {
  it.each([
    ['note', event('note', { text: '来电询问进度' }, '2025-12-02')],
    ['receive', event('receive', {}, '2025-12-02')],
    ['report', event('report', { content: '已办结' }, '2025-12-02')],
  ])('%s prints no document', (_type, e) => {
    expect(documentKind(e, [reg, e])).toBeUndefined();
    expect(actDocument(e, detailOf([reg, e]), names)).toBeUndefined();
  });

  it.each([
    ['2025-12-02 23:30', '2025年12月2日'],
    ['2025-12-03 00:30', '2025年12月3日'],
  ])('a document is dated the Beijing day of the act: %s → %s', (when, date) => {
    expect(printed([reg, event('accept', acceptClaim, when)]).letter.date).toBe(date);
  });

  it('第二十三条 an anonymous petition is addressed to 信访人 and a form names no contact', () => {
    expect(printed(accepted, ['anonymous']).letter.to).toBe('信访人');
    expect(
      printed([reg, event('forward', { toOfficeId: townshipB, petitionerTold: false }, '2025-12-02')], ['anonymous'])
        .letter.rows,
    ).toContainEqual(['联系方式', '—']);
  });
});
