import type { ActType } from '#shared/domain/act-payloads';
import { caseClasses } from '#shared/domain/codes';
import {
  classText,
  fieldText as t,
  noticeMethodText,
  optionText as o,
  ratingText,
  serviceMethodText,
} from '#shared/messages/zh-CN';

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
  | { readonly kind: 'user' }
  /** Several offices of the county (联合接访, 协商受理, 被检举/被控告单位). */
  | { readonly kind: 'offices' }
  /** Several short texts typed one by one (被检举/被控告人员). */
  | { readonly kind: 'tags' }
  /** One of the matter's acts waiting for a 负责人's approval. */
  | { readonly kind: 'proposal' }
  /** One of the matter's 信访件 (初件 or 重件). */
  | { readonly kind: 'petition' };

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

/**
 * `register` and `link` are not here: they come with `petition-register` (the intake form); `propose` is recorded
 * by the core in place of an act the county requires a 负责人 to approve.
 */
export type FormActType = Exclude<ActType, 'register' | 'link' | 'propose'>;

const yesNo = (options: Readonly<Record<'yes' | 'no', string>>): FieldInput => ({ kind: 'yes-no', options });
const amendable = select(o.amendField);
const accused = [
  f('accusedOfficeIds', t.accusedOfficeIds, { kind: 'offices' }),
  f('accusedPersons', t.accusedPersons, { kind: 'tags' }),
];

export const actFields: { readonly [T in FormActType]: readonly ActField[] } = {
  receive: [],
  accept: [
    f('noticeMethod', t.noticeMethod, select(noticeMethodText)),
    f('class', t.class, select(classes)),
    f('procedure', t.procedure, select(o.procedure)),
    f('route', t.route, select(o.route)),
    f('noticeNo', t.noticeNo, text),
    ...accused,
  ],
  reject: [f('ground', t.ground, select(o.ground)), f('explanation', t.explanation, area), ...notice],
  redirect: [f('organ', t.organ, text), ...notice],
  forward: [
    f('toOfficeId', t.toOfficeId, { kind: 'office' }),
    f('petitionerTold', t.petitionerTold, { kind: 'yes-no', options: o.petitionerTold }),
    f('note', t.note, area),
  ],
  object: [f('reasons', t.objectReasons, area)],
  assign: [
    f('toOfficeId', t.toOfficeId, { kind: 'office' }),
    f('dueDate', t.dueDate, { kind: 'date' }),
    f('note', t.note, area),
  ],
  transfer: [
    f('target', t.target, select(o.target)),
    f('organ', t.transferOrgan, text),
    f('toOfficeId', t.toOfficeId, { kind: 'office' }),
  ],
  extend: [
    f('days', t.days, { kind: 'number' }),
    f('reasons', t.extendReasons, area),
    f('noticeMethod', t.noticeMethod, select(noticeMethodText)),
  ],
  'hearing-start': [f('note', t.note, area)],
  'hearing-end': [f('conclusion', t.conclusion, area)],
  decide: [
    f('outcome', t.outcome, select(o.outcome)),
    f('basis', t.basis, area),
    f('reviewOrgan', t.reviewOrgan, text),
    f('documentNo', t.documentNo, text),
  ],
  reply: [f('content', t.replyContent, area), f('adoption', t.adoption, select(o.adoption))],
  agree: [f('kind', t.kind, select(o.agreeKind)), f('terms', t.terms, area), f('documentNo', t.documentNo, text)],
  serve: [
    f('method', t.method, select(serviceMethodText)),
    f('signedDay', t.signedDay, { kind: 'date' }),
    f('receiptNo', t.receiptNo, text),
  ],
  report: [f('content', t.reportContent, area)],
  'review-request': [f('organ', t.reviewOrgan, text)],
  'review-decision': [
    f('result', t.result, select(o.result)),
    f('content', t.reviewContent, area),
    f('redoDue', t.redoDue, { kind: 'date' }),
    f('documentNo', t.documentNo, text),
  ],
  're-review-request': [
    f('organ', t.reReviewOrgan, text),
    f('toOfficeId', t.reReviewOffice, { kind: 'office' }),
    f('lateReason', t.lateReason, area),
    f('transitDays', t.transitDays, { kind: 'number' }),
  ],
  're-review-decision': [
    f('result', t.result, select(o.result)),
    f('content', t.reReviewContent, area),
    f('redoDue', t.redoDue, { kind: 'date' }),
    f('documentNo', t.documentNo, text),
  ],
  close: [f('ground', t.closeGround, select(o.closeGround)), f('note', t.note, area)],
  evaluate: [
    f('target', t.evaluateTarget, select(o.evaluateTarget)),
    f('stage', t.stage, select(o.stage)),
    f('rating', t.rating, select(ratingText)),
  ],
  supervise: [
    f('kind', t.kind, select(o.superviseKind)),
    f('issue', t.issue, area),
    f('feedbackDue', t.feedbackDue, { kind: 'date' }),
  ],
  feedback: [f('superviseEventId', t.superviseEventId, { kind: 'supervision' }), f('content', t.feedbackContent, area)],
  recuse: [f('userId', t.userId, { kind: 'user' }), f('reason', t.reason, area)],
  'no-further-acceptance': [
    f('priorCaseNumber', t.priorCaseNumber, text),
    f('explanation', t.explanation, area),
    ...notice,
  ],
  inform: [...notice],
  'object-decision': [f('agreed', t.agreed, yesNo(o.agreed)), f('reasons', t.reasons, area)],
  'report-return': [f('reasons', t.returnReasons, area), f('dueDate', t.dueDate, { kind: 'date' })],
  'serve-receipt': [f('signedDay', t.signedDay, { kind: 'date' }), f('receiptNo', t.receiptNo, text)],
  'late-request-decision': [
    f('admitted', t.admitted, yesNo(o.admitted)),
    f('explanation', t.explanation, area),
    f('noticeMethod', t.noticeMethod, select(noticeMethodText)),
  ],
  reassign: [f('userId', t.assignee, { kind: 'user' }), f('note', t.note, area)],
  supplement: [
    f('field', t.amendField, amendable),
    f('petitionId', t.petitionPick, { kind: 'petition' }),
    f('value', t.amendValue, area),
    ...accused,
  ],
  correct: [
    f('field', t.amendField, amendable),
    f('petitionId', t.petitionPick, { kind: 'petition' }),
    f('oldValue', t.oldValue, area),
    f('value', t.amendValue, area),
    f('reason', t.correctReason, area),
  ],
  void: [f('reason', t.voidReason, area)],
  approve: [
    f('proposalEventId', t.proposalEventId, { kind: 'proposal' }),
    f('approved', t.approved, yesNo(o.approved)),
    f('note', t.note, area),
  ],
  'leader-reception': [f('leader', t.leader, text), f('note', t.note, area)],
  'leader-case': [f('leader', t.leader, text), f('note', t.note, area)],
  'joint-reception': [
    f('officeIds', t.jointOffices, { kind: 'offices' }),
    f('offices', t.otherOffices, text),
    f('note', t.note, area),
  ],
  consult: [f('officeIds', t.consultOffices, { kind: 'offices' }), f('outcome', t.consultOutcome, area)],
  'urgent-report': [f('to', t.reportTo, text), f('content', t.content, area)],
  'follow-up': [f('method', t.followUpMethod, select(noticeMethodText)), f('result', t.followUpResult, area)],
  note: [f('text', t.text, area)],
};

/**
 * Acts that record something that happened elsewhere or earlier (a notice given on the spot, a request that came
 * by post, a leader's reception): their form asks when it happened (发生时间), never in the future and never before
 * the matter's last event; left empty, it is the moment of 确定. Legal checks run on the recording time all the
 * same (第四十四条). A 送达回证's own day is its payload's `signedDay`.
 */
export const datedActs: ReadonlySet<FormActType> = new Set<FormActType>([
  'accept',
  'reject',
  'no-further-acceptance',
  'redirect',
  'serve',
  'review-request',
  're-review-request',
  'object',
  'inform',
  'hearing-start',
  'hearing-end',
  'evaluate',
  'leader-reception',
  'joint-reception',
  'follow-up',
  'urgent-report',
]);

export function isFormAct(type: ActType): type is FormActType {
  return type !== 'register' && type !== 'link' && type !== 'propose';
}
