import type { ActType } from '#shared/domain/act-payloads';
import { caseClasses } from '#shared/domain/codes';
import { classText, fieldText as t, noticeMethodText, optionText as o, ratingText, serviceMethodText } from '#shared/messages/zh-CN';

/**
 * The fields of each act's form, in the order a person fills them. Which fields exist and their limits come from
 * `payloadSchemas` (shared/domain/act-payloads.ts): this table only says how each one is entered and labelled;
 * whether it is required is read from the schema itself (see `validate.ts`).
 */
export type FieldInput =
  | { readonly kind: 'select'; readonly options: Readonly<Record<string, string>> }
  | { readonly kind: 'text' }
  | { readonly kind: 'textarea' }
  | { readonly kind: 'number' }
  | { readonly kind: 'date' }
  /** An office of the county, picked by name or code from the directory (`office-list`). */
  | { readonly kind: 'office' }
  | { readonly kind: 'yes-no'; readonly options: Readonly<Record<'yes' | 'no', string>> }
  /** One of the matter's 督办 still waiting for written feedback. */
  | { readonly kind: 'supervision' }
  /** A staff account id. */
  | { readonly kind: 'user' };

export interface ActField {
  readonly name: string;
  readonly label: string;
  readonly input: FieldInput;
}

const select = (options: Readonly<Record<string, string>>): FieldInput => ({ kind: 'select', options });
const text: FieldInput = { kind: 'text' };
const area: FieldInput = { kind: 'textarea' };
const f = (name: string, label: string, input: FieldInput): ActField => ({ name, label, input });

const classes = Object.fromEntries(caseClasses.map((c) => [c, classText[c]]));
const notice = [f('noticeMethod', t.noticeMethod, select(noticeMethodText)), f('noticeNo', t.noticeNo, text)];

/** `register` and `link` are not here: they come with `petition-register` (the intake form). */
export type FormActType = Exclude<ActType, 'register' | 'link'>;

export const actFields: { readonly [T in FormActType]: readonly ActField[] } = {
  receive: [],
  accept: [f('noticeMethod', t.noticeMethod, select(noticeMethodText)), f('class', t.class, select(classes)), f('procedure', t.procedure, select(o.procedure)), f('noticeNo', t.noticeNo, text)],
  reject: [f('ground', t.ground, select(o.ground)), f('explanation', t.explanation, area), ...notice],
  redirect: [f('organ', t.organ, text), ...notice],
  forward: [f('toOfficeId', t.toOfficeId, { kind: 'office' }), f('petitionerTold', t.petitionerTold, { kind: 'yes-no', options: o.petitionerTold }), f('note', t.note, area)],
  object: [f('reasons', t.objectReasons, area)],
  assign: [f('toOfficeId', t.toOfficeId, { kind: 'office' }), f('dueDate', t.dueDate, { kind: 'date' }), f('note', t.note, area)],
  transfer: [f('target', t.target, select(o.target)), f('organ', t.transferOrgan, text), f('toOfficeId', t.toOfficeId, { kind: 'office' })],
  extend: [f('days', t.days, { kind: 'number' }), f('reasons', t.extendReasons, area), f('noticeMethod', t.noticeMethod, select(noticeMethodText))],
  'hearing-start': [f('note', t.note, area)],
  'hearing-end': [f('conclusion', t.conclusion, area)],
  decide: [f('outcome', t.outcome, select(o.outcome)), f('basis', t.basis, area), f('reviewOrgan', t.reviewOrgan, text), f('documentNo', t.documentNo, text)],
  reply: [f('content', t.replyContent, area), f('adoption', t.adoption, select(o.adoption))],
  agree: [f('kind', t.kind, select(o.agreeKind)), f('terms', t.terms, area), f('documentNo', t.documentNo, text)],
  serve: [f('method', t.method, select(serviceMethodText)), f('receiptNo', t.receiptNo, text)],
  report: [f('content', t.reportContent, area)],
  'review-request': [f('organ', t.reviewOrgan, text)],
  'review-decision': [f('result', t.result, select(o.result)), f('content', t.reviewContent, area)],
  're-review-request': [f('organ', t.reReviewOrgan, text)],
  're-review-decision': [f('result', t.result, select(o.result)), f('content', t.reReviewContent, area)],
  close: [f('ground', t.closeGround, select(o.closeGround)), f('note', t.note, area)],
  evaluate: [f('target', t.evaluateTarget, select(o.evaluateTarget)), f('stage', t.stage, select(o.stage)), f('rating', t.rating, select(ratingText))],
  supervise: [f('kind', t.kind, select(o.superviseKind)), f('issue', t.issue, area), f('feedbackDue', t.feedbackDue, { kind: 'date' })],
  feedback: [f('superviseEventId', t.superviseEventId, { kind: 'supervision' }), f('content', t.feedbackContent, area)],
  recuse: [f('userId', t.userId, { kind: 'user' }), f('reason', t.reason, area)],
  note: [f('text', t.text, area)],
};

export function isFormAct(type: ActType): type is FormActType {
  return type !== 'register' && type !== 'link';
}
