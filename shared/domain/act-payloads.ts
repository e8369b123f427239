import { z } from 'zod';
import { caseClasses, channels, noticeMethods, petitionFlags, purposes, ratings, serviceMethods } from './codes';

/**
 * What each act on a matter must carry (domain-rules.md, "States and acts"), as zod schemas: the desk validates
 * before it records an act, and the county server validates every pushed event with the same schemas.
 */

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });

/** 问题属地 region code: GB/T 2260 county (6 digits), + GB/T 10114 township (9), + village (12). */
export const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/);

/** How a matter is classified at registration: shared by the registration form and the 登记 event. */
export const classification = {
  class: z.enum(caseClasses).optional(),
  purpose: z.enum(purposes).optional(),
  flags: z.array(z.enum(petitionFlags)).max(petitionFlags.length),
  problemRegion: regionCode.optional(),
  contentCategory: z.string().max(100).optional(),
  /** 被反映单位 that are offices of ours: a 检举控告 matter never reaches them (第三十条第三款). */
  accusedOfficeIds: z.array(id).max(20),
};

/** 登记 (第十九条、第二十一条至第二十三条): the receipt time starts every legal clock. */
export const registerPayload = z.object({
  /** Provisional human number `<office code>-<year>-<desk>-<seq>`, unique without the server (design.md §2). */
  caseNumber: text(64),
  receivedAt: instant,
  channel: z.enum(channels),
  petitionIds: z.array(id).min(1).max(200),
  petitionerIds: z.array(id).max(200),
  title: text(200),
  ...classification,
  /** Repeat-detection profile of the content (see `repeat.ts`), kept so every desk can score without re-reading text. */
  contentProfile: z.array(z.number().int().nonnegative()).max(2000).optional(),
});

const notice = { noticeMethod: z.enum(noticeMethods), noticeNo: z.string().max(64).optional() };

export const payloadSchemas = {
  register: registerPayload,
  /** 重件: a later petition linked to this matter (第十九条第三款, 第三十六条第三款). */
  link: z.object({ petitionId: id, petitionerIds: z.array(id).max(200) }),
  /** 签收 of a forwarded or assigned matter: starts the receiver's clocks (第二十三条第三款). */
  receive: z.object({}),
  /** 受理 with the 受理告知书 (第二十三条). `procedure: 'opinion'` = handled under 第三十一条第六项 (60-day clock). */
  accept: z.object({ ...notice, class: z.enum(caseClasses), procedure: z.enum(['opinion', 'statutory']) }),
  /** 不予受理 with reason code and notice (第十九条第三款, 第三十一条, 第三十六条第三款). */
  reject: z.object({
    ...notice,
    ground: z.enum(['higher-level-duplicate', 'after-re-review', 'statutory-procedure', 'not-a-petition', 'other']),
    explanation: text(2000),
  }),
  /** 告知 where to go: outside the office's remit (第二十三条第一款). */
  redirect: z.object({ ...notice, organ: text(200) }),
  /** 转送 (第二十二条、第二十三条); the petitioner is told where it went. */
  forward: z.object({ toOfficeId: id, petitionerTold: z.boolean(), note: z.string().max(2000).optional() }),
  /** 异议 by the receiver of a forwarded item outside its remit, with detailed reasons (第二十三条第三款). */
  object: z.object({ reasons: z.string().trim().min(10).max(4000) }),
  /** 交办 with a set deadline and a 办结报告 required (第二十二条第三项). */
  assign: z.object({ toOfficeId: id, dueDate: day, note: z.string().max(2000).optional() }),
  /** 转政法 (第二十二条第二款, 第二十八条第二款) / 转纪检监察 (第二十二条第二款, 第三十条). */
  transfer: z.object({ target: z.enum(['political-legal', 'discipline']), organ: text(200), toOfficeId: id.optional() }),
  /** 延期: ≤30 days once, approved by the 负责人, notice with reasons (第三十四条). */
  extend: z.object({ days: z.number().int().min(1).max(30), reasons: text(2000), noticeMethod: z.enum(noticeMethods) }),
  /** 听证 start / end (第三十一条第六项; the 复核 clock pauses, 第三十六条第二款). */
  'hearing-start': z.object({ note: z.string().max(2000).optional() }),
  'hearing-end': z.object({ conclusion: z.string().max(4000).optional() }),
  /** 信访处理意见书: 支持 / 解释说明 / 不予支持, basis, and the 复查 right stated (第三十一条第六项, 第三十二条). */
  decide: z.object({
    outcome: z.enum(['support', 'explain', 'not-support']),
    basis: text(4000),
    reviewOrgan: text(200),
    documentNo: z.string().max(64).optional(),
  }),
  /** 回复 for 建议意见类 (第二十九条) / 反馈 for 检举控告类 (第三十条). */
  reply: z.object({ content: text(4000), adoption: z.enum(['adopted', 'partly-adopted', 'not-adopted']).optional() }),
  /** 调解协议 / 和解协议 (第三十三条). */
  agree: z.object({ kind: z.enum(['mediation', 'settlement']), documentNo: z.string().max(64).optional(), terms: text(4000) }),
  /** 送达 of the latest written answer: starts the petitioner's 30-day window (第三十五条、第三十六条). */
  serve: z.object({ method: z.enum(serviceMethods), receiptNo: z.string().max(64).optional() }),
  /** 办结报告 of an assigned matter (第二十二条第三项). */
  report: z.object({ content: text(4000) }),
  /** 复查申请 to the organ one level up (第三十五条). */
  'review-request': z.object({ organ: text(200) }),
  /** 复查意见 (第三十五条). */
  'review-decision': z.object({ result: z.enum(['uphold', 'revoke', 'change', 'redo']), content: text(4000) }),
  /** 复核申请 (第三十六条). */
  're-review-request': z.object({ organ: text(200) }),
  /** 复核意见 (第三十六条); afterwards the same facts and reasons are 不再受理 (第三十六条第三款). */
  're-review-decision': z.object({ result: z.enum(['uphold', 'revoke', 'change', 'redo']), content: text(4000) }),
  /** 终结 (第三十六条第三款, 第三十七条). */
  close: z.object({
    ground: z.enum([
      're-review-done',
      'review-window-lapsed',
      're-review-window-lapsed',
      'agreement',
      'executed',
      'replied',
      'withdrawn',
      'petitioner-died',
      'certified',
    ]),
    note: z.string().max(2000).optional(),
  }),
  /** 满意度评价 (第二十一条第二款); scale configurable. */
  evaluate: z.object({
    target: z.enum(['petition-office', 'handling-office']),
    stage: z.enum(['acceptance', 'handling']),
    rating: z.enum(ratings),
  }),
  /** 督办 / 催办 (第三十九条、第四十条): the supervised office must answer in writing. */
  supervise: z.object({ kind: z.enum(['supervise', 'urge']), issue: text(2000), feedbackDue: day.optional() }),
  /** 书面反馈 to a 督办 (第四十条第四款). */
  feedback: z.object({ superviseEventId: id, content: text(4000) }),
  /** 回避: staff with a direct interest recuse (第二十八条第三款). */
  recuse: z.object({ userId: id, reason: text(500) }),
  /** 备注. */
  note: z.object({ text: text(4000) }),
} as const;

/** Every act on a matter (the event types of `case_events`). */
export type ActType = keyof typeof payloadSchemas;
export const actTypes = Object.keys(payloadSchemas) as ActType[]; // keys of a literal object: exactly ActType
export type ActPayload<T extends ActType> = z.infer<(typeof payloadSchemas)[T]>;
