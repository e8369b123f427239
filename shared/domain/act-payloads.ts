import { z } from 'zod';
import {
  caseClasses,
  channels,
  noticeMethods,
  petitionFlags,
  purposes,
  ratings,
  serviceMethods,
  statutoryRoutes,
} from './codes';

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
  /** 被检举/被控告人员 as typed (free text): never shown or passed to them (第三十条第三款). */
  accusedPersons: z.array(text(100)).max(20).optional(),
};

/** The accused a later act adds (受理/分类, 补充): added to, never removed (第三十条第三款). */
const accused = {
  accusedOfficeIds: z.array(id).max(20).optional(),
  accusedPersons: z.array(text(100)).max(20).optional(),
};

/** Fields of a registration that 补充 (supplement) and 更正 (correct) may set (第十九条 如实记录). */
export const amendableFields = ['title', 'request', 'facts', 'reasons', 'problemRegion', 'contentCategory'] as const;
export type AmendableField = (typeof amendableFields)[number];
/** Amendable fields kept on a 信访件 rather than on the matter. */
export const petitionFields: readonly AmendableField[] = ['request', 'facts', 'reasons'];

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

/** A 31(6) window request (复查/复核申请) after its window: 正当理由 and 在途时间 (第四十四条第一项). */
const lateness = {
  /** 正当理由 for a request made after the 30 日 (不可抗力 etc.), for the receiving organ to accept or refuse. */
  lateReason: z.string().trim().min(1).max(2000).optional(),
  /** 在途时间: days a letter was in the post, not counted against the petitioner. */
  transitDays: z.number().int().min(0).max(60).optional(),
};

const notice = { noticeMethod: z.enum(noticeMethods), noticeNo: z.string().max(64).optional() };

export const payloadSchemas = {
  register: registerPayload,
  /** 重件: a later petition linked to this matter (第十九条第三款, 第三十六条第三款). */
  // A repeat may name more of the accused (第三十条第三款): they are added to the matter, never removed.
  link: z.object({ petitionId: id, petitionerIds: z.array(id).max(200), ...accused }),
  /** 签收 of a forwarded or assigned matter: starts the receiver's clocks (第二十三条第三款). */
  receive: z.object({}),
  /** 受理 with the 受理告知书 (第二十三条). `procedure: 'opinion'` = handled under 第三十一条第六项 (60-day clock). */
  accept: z.object({
    ...notice,
    class: z.enum(caseClasses),
    procedure: z.enum(['opinion', 'statutory']),
    /** For `statutory`: the route of 第三十一条第一至五项 the matter is led into (诉讼, 仲裁, 复议 …). */
    route: z.enum(statutoryRoutes).optional(),
    ...accused,
  }),
  /** 不予受理 with reason code and notice (第十九条第三款, 第三十一条, 第三十六条第三款). */
  reject: z.object({
    ...notice,
    ground: z.enum([
      'higher-level-duplicate',
      'after-re-review',
      'statutory-procedure',
      'not-a-petition',
      'late-request',
      'other',
    ]),
    explanation: text(2000),
  }),
  /** 告知 where to go: outside the office's remit (第二十三条第一款). */
  redirect: z.object({ ...notice, organ: text(200) }),
  /** 转送 (第二十二条、第二十三条); the petitioner is told where it went (until then the notice clock runs). */
  forward: z.object({ toOfficeId: id, petitionerTold: z.boolean(), note: z.string().max(2000).optional() }),
  /** 告知去向: the petitioner told where a 转送/交办 went, after the act (第二十三条第一款、第二款). */
  inform: z.object({ noticeMethod: z.enum(noticeMethods), noticeNo: z.string().max(64).optional() }),
  /** 异议 by the receiver of a forwarded item outside its remit, with detailed reasons (第二十三条第三款). */
  object: z.object({ reasons: z.string().trim().min(10).max(4000) }),
  /** 核实异议: the office that forwarded or assigned agrees (the matter comes back) or refuses (第二十三条第三款). */
  'object-decision': z.object({ agreed: z.boolean(), reasons: text(2000) }),
  /** 交办 with a set deadline and a 办结报告 required (第二十二条第三项). */
  assign: z.object({ toOfficeId: id, dueDate: day, note: z.string().max(2000).optional() }),
  /** 退回重办 of a 办结报告 by the assigning office, with a new deadline (第二十二条第三项). */
  'report-return': z.object({ reasons: text(2000), dueDate: day }),
  /** 转政法 (第二十二条第二款, 第二十八条第二款) / 转纪检监察 (第二十二条第二款, 第三十条). */
  transfer: z.object({
    target: z.enum(['political-legal', 'discipline']),
    organ: text(200),
    toOfficeId: id.optional(),
  }),
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
  agree: z.object({
    kind: z.enum(['mediation', 'settlement']),
    documentNo: z.string().max(64).optional(),
    terms: text(4000),
  }),
  /**
   * 送达 of the latest written answer (第三十五条、第三十六条 "自收到书面答复之日起"): the petitioner's 30-day window
   * starts on `signedDay`, the day the petitioner received it (送达回证); a letter posted without one yet starts
   * no window until its 回证 is recorded (`serve-receipt`).
   */
  serve: z.object({
    method: z.enum(serviceMethods),
    receiptNo: z.string().max(64).optional(),
    signedDay: day.optional(),
  }),
  /** 补录送达回证: the day the petitioner signed for a posted answer (第三十五条). */
  'serve-receipt': z.object({ signedDay: day, receiptNo: z.string().max(64).optional() }),
  /** 办结报告 of an assigned matter (第二十二条第三项). */
  report: z.object({ content: text(4000) }),
  /**
   * 复查申请 to the organ one level above the one that decided (第三十五条): `toOfficeId` when that organ is in the
   * county's directory, `organ` its name. A late request is registered all the same (第四十四条第一项).
   */
  'review-request': z.object({ organ: text(200), toOfficeId: id.optional(), ...lateness }),
  /**
   * 复查意见 (第三十五条). `redo` (撤销并责令重新处理) sends the matter back to the organ that decided, to decide
   * again by `redoDue`.
   */
  'review-decision': z.object({
    result: z.enum(['uphold', 'revoke', 'change', 'redo']),
    content: text(4000),
    redoDue: day.optional(),
    documentNo: z.string().max(64).optional(),
  }),
  /** 复核申请 to the organ one level above the 复查 organ (第三十六条). */
  're-review-request': z.object({ organ: text(200), toOfficeId: id.optional(), ...lateness }),
  /**
   * 复核意见 (第三十六条): upheld (or the 复核 organ's own change) is final, and the same facts and reasons are
   * 不再受理 (第三十六条第三款); `redo` sends it back to the 复查 organ by `redoDue`.
   */
  're-review-decision': z.object({
    result: z.enum(['uphold', 'revoke', 'change', 'redo']),
    content: text(4000),
    redoDue: day.optional(),
    documentNo: z.string().max(64).optional(),
  }),
  /** The receiving organ admits or refuses (in writing) a 复查/复核 request made after its window (第四十四条第一项). */
  'late-request-decision': z.object({
    admitted: z.boolean(),
    explanation: text(2000),
    noticeMethod: z.enum(noticeMethods),
  }),
  /** 不再受理 of the same facts and reasons after an upheld 复核 (第三十六条第三款), with its 不再受理告知书. */
  'no-further-acceptance': z.object({
    ...notice,
    priorCaseNumber: z.string().trim().max(64).optional(),
    explanation: text(2000),
  }),
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
  /** 回避后另行指定承办人 (第二十八条第三款). */
  reassign: z.object({ userId: id, note: z.string().max(2000).optional() }),
  /** 补充 an item missing at registration (第十九条); adds, never replaces (a set item is 更正d). */
  supplement: z.object({ field: z.enum(amendableFields), value: text(20000), petitionId: id.optional(), ...accused }),
  /** 更正 a registered item: old and new value and the reason; the old value stays in the history (第十九条 如实记录). */
  correct: z.object({
    field: z.enum(amendableFields),
    oldValue: z.string().max(20000),
    value: text(20000),
    reason: text(500),
    petitionId: id.optional(),
  }),
  /** 作废 a registration made in error (负责人): out of every list and count, readable with its history. */
  void: z.object({ reason: text(500) }),
  /**
   * 报批: an act recorded as proposed where the county requires a 负责人's approval (default: 不予受理, 不再受理,
   * 终结, 延期); it takes effect when approved, the clocks running meanwhile. `payload` is checked by the proposed
   * act's own schema.
   */
  propose: z.object({
    act: z.enum(['reject', 'no-further-acceptance', 'close', 'extend', 'void']),
    // Bounded here; its fields are checked by the proposed act's own schema (the `propose` guard).
    payload: z
      .record(z.string().max(64), z.unknown())
      .refine((p) => Object.keys(p).length <= 32, { message: 'too many fields' }),
  }),
  /** 审批 of an act proposed where the county requires a 负责人's approval. */
  approve: z.object({ proposalEventId: id, approved: z.boolean(), note: z.string().max(2000).optional() }),
  /** 领导接访 (第十八条第二款): the leader who received the petitioner. */
  'leader-reception': z.object({ leader: text(50), note: z.string().max(2000).optional() }),
  /** 领导包案 (第十八条第二款): the leader who takes the matter on. */
  'leader-case': z.object({ leader: text(50), note: z.string().max(2000).optional() }),
  /** 联合接访 (第十八条第三款): the offices present. */
  'joint-reception': z.object({
    officeIds: z.array(id).max(20),
    offices: z.string().max(500).optional(),
    note: z.string().max(2000).optional(),
  }),
  /** 协商受理 (第二十四条) among the offices concerned. */
  consult: z.object({ officeIds: z.array(id).max(20), outcome: text(2000) }),
  /** 重大紧急报告 (第二十五条): to whom and when. */
  'urgent-report': z.object({ to: text(200), content: text(4000) }),
  /** 回访 of the petitioner after handling. */
  'follow-up': z.object({ method: z.enum(noticeMethods), result: text(2000) }),
  /** 备注. */
  note: z.object({ text: text(4000) }),
} as const;

/** Every act on a matter (the event types of `case_events`). */
export type ActType = keyof typeof payloadSchemas;
export const actTypes = Object.keys(payloadSchemas) as ActType[]; // keys of a literal object: exactly ActType
export type ActPayload<T extends ActType> = z.infer<(typeof payloadSchemas)[T]>;
/** Acts a county may require a 负责人's approval for (报批, `propose`; 第三十四条). */
export const proposableActs = payloadSchemas.propose.shape.act.options;
