import { payloadSchemas, petitionFields, type ActType } from './act-payloads';
import type { CaseEvent, CaseEventOf, CaseProjection, Clock, ClockKind } from './case-types';
import type { CaseStatus, Role } from './codes';
import { beijingDay } from './calendar';
import { isBelow, isPetitionOffice, type OfficeTree } from './office-tree';
import type { ActReason } from './reasons';
import { CLOCK_TOLERANCE_MS } from './registration';

/**
 * The act table of domain-rules.md ("States and acts"): from which statuses each act is allowed, the status it
 * leads to, the article it rests on, who may do it, and the extra checks the law asks for. One table serves the
 * desk (before it records an act), the fold (which flags acts that met offline and no longer fit) and the server;
 * `docs/acts.md` is generated from it (scripts/generate-acts-doc.ts).
 */
export interface ActRule<T extends ActType = ActType> {
  readonly from: readonly CaseStatus[] | 'any';
  /** The status after the act; absent: unchanged, or decided by the act's payload (see `outcome`). */
  readonly to?: CaseStatus;
  readonly article: string;
  readonly roles: readonly Role[];
  /** 'current': only the office that holds the matter may act; 'any': any office that sees it (and `guard`). */
  readonly office: 'current' | 'any';
  /** The rule in words (for docs/acts.md): the guard and any status the payload decides. */
  readonly words: string;
  readonly guard?: (c: CaseProjection, e: CaseEventOf<T>, context: ActContext) => ActReason | undefined;
  /**
   * Whether the matter page offers the act to `officeId` now: acts that answer something pending, or that the
   * county's tree (when the desk has it) would refuse to this office whatever the payload.
   */
  readonly offered?: (c: CaseProjection, officeId: string, tree: OfficeTree | undefined) => boolean;
}

/** What a check may know beyond the matter: the county's tree, and when the acts this one follows happened. */
export interface ActContext {
  readonly tree?: OfficeTree | undefined;
  /** The latest `occurredAt` of the events this one lists in `after` (a real-world date never precedes them). */
  readonly afterAt?: string | undefined;
}

const desk: readonly Role[] = ['receptionist', 'handler', 'approver'];
const handling: readonly Role[] = ['handler', 'approver'];
const approving: readonly Role[] = ['approver'];
const received: readonly CaseStatus[] = ['registered', 'forwarded', 'assigned', 'transferred'];
/** A receiver of a 转送/交办 may route it on (county → township), each hop with its own clocks (第二十二条). */
const routing: readonly CaseStatus[] = ['registered', 'forwarded', 'assigned'];
const open: readonly CaseStatus[] = [
  'registered',
  'accepted',
  'forwarded',
  'assigned',
  'transferred',
  'answered',
  'in-review',
  'reviewed',
  'in-re-review',
  're-reviewed',
];
const notVoided: readonly CaseStatus[] = [...open, 'rejected', 'redirected', 'closed', 'no-further-acceptance'];

/** The Beijing day an act was recorded: legal checks run on it, never on a date a user typed (第四十四条). */
const recordedDay = (e: CaseEvent) => beijingDay(e.recordedAt);

/** 第三十条第三款: never pass a 检举控告 matter to the office it accuses; never to oneself. */
function routeGuard(c: CaseProjection, toOfficeId: string): ActReason | undefined {
  if (toOfficeId === c.currentOfficeId) return 'forward-to-self';
  if (c.restricted && c.accusedOfficeIds.includes(toOfficeId)) return 'forward-to-accused';
  return undefined;
}

export function runningClock(c: CaseProjection, kind: ClockKind, officeId?: string): Clock | undefined {
  return c.clocks.find(
    (k) => k.kind === kind && k.stoppedDay === undefined && (officeId === undefined || k.officeId === officeId),
  );
}

/** The petitioner's window of `kind` runs on the day `e` was recorded (第三十五条、第三十六条). */
function windowRunning(c: CaseProjection, kind: 'review-window' | 're-review-window', e: CaseEvent): boolean {
  const window = runningClock(c, kind);
  return window !== undefined && recordedDay(e) <= window.due;
}

/**
 * A 复查/复核 request after its window (第四十四条第一项 registers it all the same): counted on the recording day
 * less the letter's days in the post (在途时间).
 */
export function requestLate(
  window: Clock | undefined,
  e: CaseEventOf<'review-request' | 're-review-request'>,
): boolean {
  if (window === undefined) return false;
  const transit = e.payload.transitDays ?? 0;
  const counted = new Date(Date.parse(`${recordedDay(e)}T00:00:00Z`) - transit * 86_400_000).toISOString().slice(0, 10);
  return counted > window.due;
}

/** Hierarchy checks run only on offices the tree knows (a desk whose directory has not synced yet leaves them to others). */
function knows(tree: OfficeTree | undefined, ...officeIds: string[]): tree is OfficeTree {
  return tree !== undefined && officeIds.every((id) => tree.kindOf(id) !== undefined);
}

/** 第四十条: a 信访部门 督办s the offices below it, never the office it is (nor one beside or above it). */
function superviseRefusal(c: CaseProjection, officeId: string, tree: OfficeTree | undefined): ActReason | undefined {
  if (officeId === c.currentOfficeId) return 'supervise-not-below';
  if (!knows(tree, c.currentOfficeId, officeId)) return undefined;
  if (!isPetitionOffice(tree, officeId)) return 'supervise-not-petition-office';
  return isBelow(tree, c.currentOfficeId, officeId) ? undefined : 'supervise-not-below';
}

/** 第三十五条、第三十六条: the organ one level above `officeId`, where the tree knows it. */
function organAbove(tree: OfficeTree | undefined, officeId: string | undefined): string | undefined {
  return officeId === undefined ? undefined : tree?.parentOf(officeId);
}

function windowRequestGuard(
  c: CaseProjection,
  e: CaseEventOf<'review-request' | 're-review-request'>,
  tree: OfficeTree | undefined,
  window: 'review-window' | 're-review-window',
  below: string | undefined,
): ActReason | undefined {
  if (c.pendingLateRequest) return 'late-request-pending';
  if (c.servedAnswerId !== c.answerEventId || c.awaitingReceipt || !runningClock(c, window)) return 'review-not-served';
  const above = organAbove(tree, below);
  if (e.payload.toOfficeId !== undefined && above !== undefined && e.payload.toOfficeId !== above)
    return 'review-wrong-organ';
  return undefined;
}

/** 复查意见/复核意见 by the organ that received the request, never by the organ whose answer is reviewed. */
function reviewerGuard(
  c: CaseProjection,
  e: CaseEventOf<'review-decision' | 're-review-decision'>,
  organ: string | undefined,
  reviewed: string | undefined,
): ActReason | undefined {
  if (e.actor.officeId === reviewed) return 'review-by-decider';
  if (organ !== undefined && e.actor.officeId !== organ) return 'act-wrong-office';
  if (e.payload.result === 'redo' && (e.payload.redoDue === undefined || e.payload.redoDue <= recordedDay(e)))
    return 'redo-due-required';
  return undefined;
}

/** A date of a real-world event (送达回证's 签收 day): never in the future, never before what it follows. */
function dayInRange(day: string | undefined, e: CaseEvent, notBefore: string): ActReason | undefined {
  if (day === undefined) return undefined;
  return day > recordedDay(e) || day < notBefore ? 'date-out-of-range' : undefined;
}

export const actRules: { readonly [T in ActType]: ActRule<T> } = {
  register: {
    from: [],
    to: 'registered',
    article: '第十九条',
    roles: desk,
    office: 'any',
    words: '登记每一件收到的信访，收到时间不得晚于记录时间',
  },
  link: { from: notVoided, article: '第十九条', roles: desk, office: 'any', words: '后来的信访件作为重件并入本事项' },
  receive: {
    from: ['forwarded', 'assigned', 'transferred'],
    article: '第二十三条',
    roles: desk,
    office: 'current',
    words: '签收一次；接收方的15日告知和5个工作日异议期限自签收之日起算',
    offered: (c) => c.receivedBy !== c.currentOfficeId,
    guard: (c) => (c.receivedBy === c.currentOfficeId ? 'already-received' : undefined),
  },
  accept: {
    from: received,
    to: 'accepted',
    article: '第二十三条',
    roles: handling,
    office: 'current',
    words: '受理并书面告知；可补记被检举/被控告的机构和人员（只增不减）',
  },
  reject: {
    from: received,
    to: 'rejected',
    article: '第十九条',
    roles: handling,
    office: 'current',
    words: '不予受理，载明理由并书面告知',
  },
  'no-further-acceptance': {
    from: received,
    to: 'no-further-acceptance',
    article: '第三十六条',
    roles: handling,
    office: 'current',
    words: '同一事实和理由已经复核的，不再受理，出具不再受理告知书',
  },
  redirect: {
    from: ['registered'],
    to: 'redirected',
    article: '第二十三条',
    roles: desk,
    office: 'current',
    words: '告知信访人向有权机关提出，载明该机关',
  },
  forward: {
    from: routing,
    to: 'forwarded',
    article: '第二十二条',
    roles: handling,
    office: 'current',
    words: '转送有权处理的机关（接收方可再转）；检举控告不得转给被检举单位；未告知信访人去向的，告知期限继续计算',
    guard: (c, e) => routeGuard(c, e.payload.toOfficeId),
  },
  inform: {
    from: 'any',
    article: '第二十三条',
    roles: desk,
    office: 'any',
    words: '转送后补行告知信访人去向，停止该机关的告知期限',
    offered: (c, officeId) => c.untoldOfficeId === officeId,
    guard: (c, e) => (c.untoldOfficeId === e.actor.officeId ? undefined : 'nothing-to-inform'),
  },
  object: {
    from: ['forwarded', 'assigned'],
    article: '第二十三条',
    roles: handling,
    office: 'current',
    words: '接收方自签收之日起5个工作日内提出异议并详细说明理由；事项在转送方核实前仍由接收方办理',
    guard: (c, e) => {
      if (c.pendingObjection) return 'objection-pending';
      const window = runningClock(c, 'objection', c.currentOfficeId);
      return window !== undefined && recordedDay(e) <= window.due ? undefined : 'objection-late';
    },
  },
  'object-decision': {
    from: ['forwarded', 'assigned'],
    article: '第二十三条',
    roles: handling,
    office: 'any',
    words: '转送、交办的机关核实异议：同意则 → 已登记，事项退回该机关（重新起算15日）；不同意则接收方继续办理',
    offered: (c, officeId) => c.pendingObjection !== undefined && c.handedOverBy === officeId,
    guard: (c, e) =>
      !c.pendingObjection ? 'objection-none' : e.actor.officeId === c.handedOverBy ? undefined : 'act-wrong-office',
  },
  assign: {
    from: routing,
    to: 'assigned',
    article: '第二十二条',
    roles: handling,
    office: 'current',
    words: '交办本机关下级的机关，办结期限晚于交办之日，要求提交办结报告',
    guard: (c, e, { tree }) => {
      const refused = routeGuard(c, e.payload.toOfficeId);
      if (refused) return refused;
      if (knows(tree, e.payload.toOfficeId, e.actor.officeId) && !isBelow(tree, e.payload.toOfficeId, e.actor.officeId))
        return 'assign-not-below';
      return e.payload.dueDate > recordedDay(e) ? undefined : 'assign-due-not-after';
    },
  },
  'report-return': {
    from: notVoided,
    article: '第二十二条',
    roles: handling,
    office: 'any',
    words: '交办机关对办结报告退回重办，另定期限',
    offered: (c, officeId) => c.clocks.some((k) => k.kind === 'assignment' && k.assignedBy === officeId),
    guard: (c, e) => {
      const reported = c.clocks.some(
        (k) => k.kind === 'assignment' && k.assignedBy === e.actor.officeId && k.stoppedDay !== undefined,
      );
      if (
        !reported ||
        c.clocks.some((k) => k.kind === 'assignment' && k.assignedBy === e.actor.officeId && k.stoppedDay === undefined)
      )
        return 'report-return-unknown';
      return e.payload.dueDate > recordedDay(e) ? undefined : 'assign-due-not-after';
    },
  },
  transfer: {
    from: routing,
    to: 'transferred',
    article: '第二十二条',
    roles: handling,
    office: 'current',
    words: '涉法涉诉转政法部门，检举控告转纪检监察机关',
    guard: (c, e) => (e.payload.toOfficeId === undefined ? undefined : routeGuard(c, e.payload.toOfficeId)),
  },
  extend: {
    from: ['accepted'],
    article: '第三十四条',
    roles: approving,
    office: 'current',
    words: '负责人批准延期一次，不超过30日，在原期限届满前；自原期限届满之日起算，再适用节假日顺延',
    guard: (c, e) => {
      const handlingClock = runningClock(c, 'handling');
      if (!handlingClock) return 'extension-not-applicable';
      if (c.extensionDays > 0) return 'extension-once';
      if (recordedDay(e) > handlingClock.due) return 'extension-after-due';
      return undefined;
    },
  },
  'hearing-start': {
    from: ['accepted', 'in-review', 'in-re-review'],
    article: '第三十六条',
    roles: handling,
    office: 'any',
    words: '举行听证；只有复核阶段的听证时间不计入复核期限，两端都算',
    offered: (c) => c.hearingOpenSince === undefined,
    guard: (c) => (c.hearingOpenSince === undefined ? undefined : 'hearing-already-open'),
  },
  'hearing-end': {
    from: ['accepted', 'in-review', 'in-re-review'],
    article: '第三十六条',
    roles: handling,
    office: 'any',
    words: '听证结束；未结束的听证由本阶段的意见结束，不带入下一阶段',
    offered: (c) => c.hearingOpenSince !== undefined,
    guard: (c) => (c.hearingOpenSince === undefined ? 'hearing-not-open' : undefined),
  },
  decide: {
    from: ['accepted'],
    to: 'answered',
    article: '第三十二条',
    roles: handling,
    office: 'current',
    words: '申诉求决类按第三十一条第六项出具信访处理意见书（依法定途径办理的不出具）',
    guard: (c) =>
      c.class !== 'claim' ? 'act-wrong-class' : c.procedure !== 'opinion' ? 'act-wrong-procedure' : undefined,
  },
  reply: {
    from: ['accepted'],
    to: 'answered',
    article: '第二十九条',
    roles: handling,
    office: 'current',
    words: '建议意见类回复、检举控告类反馈；不产生复查权利',
    guard: (c) => (c.class === 'suggestion' || c.class === 'accusation' ? undefined : 'act-wrong-class'),
  },
  agree: {
    from: ['accepted'],
    to: 'answered',
    article: '第三十三条',
    roles: handling,
    office: 'current',
    words: '申诉求决类达成调解或和解协议；不产生复查权利',
    guard: (c) => (c.class === 'claim' ? undefined : 'act-wrong-class'),
  },
  serve: {
    from: ['answered', 'reviewed', 're-reviewed'],
    article: '第三十五条',
    roles: desk,
    office: 'any',
    words: '送达书面答复一次；复查/复核申请期限自信访人签收之日起算，邮寄未收回执的待补录签收日',
    offered: (c) => c.servedAnswerId !== c.answerEventId,
    guard: (c, e) =>
      c.servedAnswerId !== undefined && c.servedAnswerId === c.answerEventId
        ? 'already-served'
        : dayInRange(e.payload.signedDay, e, beijingDay(c.lastEventAt)),
  },
  'serve-receipt': {
    from: ['answered', 'reviewed', 're-reviewed', 'closed'],
    article: '第三十五条',
    roles: desk,
    office: 'any',
    words: '补录送达回证的签收日期，信访人的申请期限自该日起算',
    offered: (c) => c.awaitingReceipt === true,
    guard: (c, e) => (!c.awaitingReceipt ? 'serve-receipt-none' : dayInRange(e.payload.signedDay, e, '0000-01-01')),
  },
  report: {
    from: ['accepted', 'answered', 'reviewed', 're-reviewed', 'closed', 'rejected', 'no-further-acceptance'],
    article: '第二十二条',
    roles: handling,
    office: 'any',
    words: '被交办机关提交办结报告（终结后亦可），或不予受理后报告；停止其交办期限',
    offered: (c, officeId) => runningClock(c, 'assignment', officeId) !== undefined,
    guard: (c, e) => (runningClock(c, 'assignment', e.actor.officeId) ? undefined : 'report-without-assignment'),
  },
  'review-request': {
    from: ['answered'],
    article: '第三十五条',
    roles: desk,
    office: 'any',
    words:
      '→ 复查中。只有送达后的信访处理意见可申请复查，由原办理机关的上一级机关办理；逾期申请照样登记（状态不变），由复查机关书面决定是否受理',
    guard: (c, e, { tree }) =>
      c.answer !== 'decision' || c.procedure !== 'opinion'
        ? 'review-not-available'
        : windowRequestGuard(c, e, tree, 'review-window', c.decidedBy),
  },
  'review-decision': {
    from: ['in-review'],
    article: '第三十五条',
    roles: handling,
    office: 'any',
    words:
      '→ 已复查；责令重新处理的 → 已受理，退回原办理机关并另定期限。复查意见由复查机关出具，原办理机关不得自行复查',
    offered: (c, officeId) =>
      officeId !== c.decidedBy && (c.reviewOfficeId === undefined || c.reviewOfficeId === officeId),
    guard: (c, e) => reviewerGuard(c, e, c.reviewOfficeId, c.decidedBy),
  },
  're-review-request': {
    from: ['reviewed'],
    article: '第三十六条',
    roles: desk,
    office: 'any',
    words: '→ 复核中。对送达的复查意见申请复核，由复查机关的上一级机关办理；逾期申请照样登记（状态不变）',
    guard: (c, e, { tree }) => windowRequestGuard(c, e, tree, 're-review-window', c.reviewOfficeId),
  },
  're-review-decision': {
    from: ['in-re-review'],
    article: '第三十六条',
    roles: handling,
    office: 'any',
    words: '→ 已复核，维持或变更的为终局；责令重新复查的 → 复查中，退回复查机关并另定期限',
    offered: (c, officeId) =>
      officeId !== c.reviewOfficeId && (c.reReviewOfficeId === undefined || c.reReviewOfficeId === officeId),
    guard: (c, e) => reviewerGuard(c, e, c.reReviewOfficeId, c.reviewOfficeId),
  },
  'late-request-decision': {
    from: ['answered', 'reviewed'],
    article: '第四十四条',
    roles: handling,
    office: 'any',
    words:
      '收到逾期复查/复核申请的机关书面决定：有正当理由的受理 → 复查中/复核中（期限自收到申请之日起算），否则不予受理（状态不变）',
    offered: (c, officeId) =>
      c.pendingLateRequest !== undefined &&
      (c.pendingLateRequest.officeId === undefined || c.pendingLateRequest.officeId === officeId),
    guard: (c, e) => {
      const late = c.pendingLateRequest;
      if (!late) return 'late-request-none';
      return late.officeId === undefined || late.officeId === e.actor.officeId ? undefined : 'act-wrong-office';
    },
  },
  close: {
    from: ['accepted', 'answered', 'reviewed', 're-reviewed'],
    to: 'closed',
    article: '第三十七条',
    roles: approving,
    office: 'any',
    words: '终结：不得在已登记时；信访人的复查/复核申请期限内只可因撤回终结；第三十一条第六项事项须处理意见书已送达',
    guard: closeGuard,
  },
  evaluate: {
    from: [
      'accepted',
      'answered',
      'in-review',
      'reviewed',
      'in-re-review',
      're-reviewed',
      'closed',
      'rejected',
      'redirected',
      'forwarded',
      'assigned',
      'transferred',
      'no-further-acceptance',
    ],
    article: '第二十一条',
    roles: desk,
    office: 'any',
    words: '信访人对受理、办理的满意度评价',
  },
  supervise: {
    from: notVoided,
    article: '第四十条',
    roles: handling,
    office: 'any',
    words: '信访部门对其下级的承办机关督办或催办，不得督办本机关',
    guard: (c, e, { tree }) => superviseRefusal(c, e.actor.officeId, tree),
    offered: (c, officeId, tree) => superviseRefusal(c, officeId, tree) === undefined,
  },
  feedback: {
    from: 'any',
    article: '第四十条',
    roles: handling,
    office: 'current',
    words: '被督办机关书面反馈',
    offered: (c) => runningClock(c, 'supervision') !== undefined,
    guard: (c, e) =>
      c.clocks.some(
        (k) => k.kind === 'supervision' && k.sourceEventId === e.payload.superviseEventId && k.stoppedDay === undefined,
      )
        ? undefined
        : 'supervision-unknown',
  },
  recuse: {
    from: 'any',
    article: '第二十八条',
    roles: desk,
    office: 'any',
    words: '与事项或信访人有直接利害关系的人员回避；其后该人员的操作不生效并标记',
  },
  reassign: {
    from: open,
    article: '第二十八条',
    roles: approving,
    office: 'current',
    words: '回避后负责人另行指定承办人',
  },
  supplement: {
    from: notVoided,
    article: '第十九条',
    roles: desk,
    office: 'any',
    words: '补充登记时缺少的项目（原记录保留）；请求、事实、理由须指明本事项的信访件；被检举/被控告对象只增不减',
    guard: amendGuard,
    offered: (c, officeId) => c.officeIds.includes(officeId),
  },
  correct: {
    from: notVoided,
    article: '第十九条',
    roles: desk,
    office: 'any',
    words: '更正登记的项目，记录原值、新值、理由和更正人；请求、事实、理由须指明本事项的信访件',
    guard: amendGuard,
    offered: (c, officeId) => c.officeIds.includes(officeId),
  },
  void: {
    from: ['registered', 'accepted', 'rejected', 'redirected', 'forwarded', 'assigned', 'transferred'],
    to: 'voided',
    article: '第十九条',
    roles: approving,
    office: 'current',
    words: '负责人作废误登记的事项：不再列入任何清单和统计，连同办理过程仍可查阅',
  },
  propose: {
    from: 'any',
    article: '第三十四条',
    roles: handling,
    office: 'current',
    words: '需负责人审批的行为先报批，审批前期限照常计算；同一行为已在待审批的，不再重复报批',
    guard: (c, e, context) => {
      if (!payloadSchemas[e.payload.act].safeParse(e.payload.payload).success) return 'act-payload-invalid';
      // One 报批 of an act waits at a time: a second would be approved twice or contradict the first.
      if (c.proposals.some((p) => p.act === e.payload.act)) return 'proposal-pending';
      return checkAct(c, proposedEvent(e, { ...e.actor, role: 'approver' }), context);
    },
  },
  approve: {
    from: 'any',
    article: '第三十四条',
    roles: approving,
    office: 'current',
    words: '负责人审批报批的行为：批准即按批准时生效（状态随该行为），不批准则不生效',
    offered: (c) => c.proposals.length > 0,
    guard: (c, e, context) => {
      const proposal = c.proposals.find((p) => p.eventId === e.payload.proposalEventId);
      if (!proposal) return 'proposal-unknown';
      return e.payload.approved ? checkAct(c, approvedEvent(e, proposal), context) : undefined;
    },
  },
  'leader-reception': {
    from: 'any',
    article: '第十八条',
    roles: desk,
    office: 'any',
    words: '记录领导接访的领导和日期',
  },
  'leader-case': { from: open, article: '第十八条', roles: handling, office: 'any', words: '记录包案领导' },
  'joint-reception': { from: 'any', article: '第十八条', roles: desk, office: 'any', words: '记录联合接访的在场机构' },
  consult: {
    from: ['registered', 'forwarded', 'assigned'],
    article: '第二十四条',
    roles: handling,
    office: 'current',
    words: '涉及多个机关的，记录协商受理的机关和结果',
  },
  'urgent-report': {
    from: 'any',
    article: '第二十五条',
    roles: handling,
    office: 'any',
    words: '重大、紧急信访事项的报告：报告对象和时间',
  },
  'follow-up': { from: 'any', article: '第二十一条', roles: desk, office: 'any', words: '回访信访人并记录结果' },
  note: { from: 'any', article: '第二十一条', roles: desk, office: 'any', words: '备注' },
};

/** 补充/更正 (第十九条) by an office that holds or held the matter; a petition's text names one of its petitions. */
/** 第十九条: a registration is completed or corrected by an office that holds the matter, not by one above it that watches. */
function amendGuard(c: CaseProjection, e: CaseEventOf<'supplement' | 'correct'>): ActReason | undefined {
  if (!c.officeIds.includes(e.actor.officeId)) return 'act-wrong-office';
  if (
    petitionFields.includes(e.payload.field) &&
    (e.payload.petitionId === undefined || !c.petitionIds.includes(e.payload.petitionId))
  )
    return 'act-payload-invalid';
  return undefined;
}

/** The act a 报批 proposes, as an event of its own type recorded at the time of `e` by `actor`. */
export function proposedEvent(e: CaseEventOf<'propose'>, actor: CaseEvent['actor']): CaseEvent {
  return {
    ...e,
    type: e.payload.act,
    payload: e.payload.payload,
    actor,
    article: actRules[e.payload.act].article,
  } as CaseEvent; // payload checked by the proposed act's schema
}

/** The proposed act taking effect when approved: recorded at the approval's time, in the approver's name. */
export function approvedEvent(e: CaseEventOf<'approve'>, proposal: CaseProjection['proposals'][number]): CaseEvent {
  return { ...e, type: proposal.act, payload: proposal.payload, article: actRules[proposal.act].article } as CaseEvent; // the proposal's payload passed its act's schema when proposed
}

/**
 * 终结 (第三十六条第三款, 第三十七条): never from 已登记; during a petitioner's running 复查/复核 window only on
 * 撤回; a matter under 第三十一条第六项 only once its 处理意见书 was served and the windows ran out or were used up
 * (or the petitioner withdrew or died).
 */
function closeGuard(c: CaseProjection, e: CaseEventOf<'close'>): ActReason | undefined {
  const ground = e.payload.ground;
  if (ground === 'withdrawn') return undefined;
  if (windowRunning(c, 'review-window', e) || windowRunning(c, 're-review-window', e)) return 'close-window-running';
  if (c.pendingLateRequest) return 'late-request-pending';
  if (ground === 'petitioner-died') return undefined;
  const opinion = c.class === 'claim' && c.procedure === 'opinion';
  switch (ground) {
    case 're-review-done':
      return c.status === 're-reviewed' && c.finalAfterReReview ? undefined : 'close-ground-not-met';
    case 'review-window-lapsed':
      return c.status === 'answered' && c.answer === 'decision' && lapsed(c, 'review-window', e)
        ? undefined
        : opinion && !c.servedAnswerId
          ? 'close-not-served'
          : 'close-ground-not-met';
    case 're-review-window-lapsed':
      return c.status === 'reviewed' && lapsed(c, 're-review-window', e) ? undefined : 'close-ground-not-met';
    case 'agreement':
      return c.status === 'answered' && c.answer === 'agreement' ? undefined : 'close-ground-not-met';
    case 'replied':
      return c.status === 'answered' && c.answer === 'reply' ? undefined : 'close-ground-not-met';
    case 'executed':
    case 'certified':
      // Matters led into a statutory procedure (第三十一条第一至五项) end when it does; a 处理意见 ends by its windows.
      if (opinion) return c.servedAnswerId ? 'close-ground-not-met' : 'close-not-served';
      return c.status === 'accepted' || c.status === 'answered' ? undefined : 'close-ground-not-met';
  }
}

/** The latest window of `kind` ran out by the day `e` was recorded, unused or used only late (and refused). */
function lapsed(c: CaseProjection, kind: 'review-window' | 're-review-window', e: CaseEvent): boolean {
  const window = c.clocks.filter((k) => k.kind === kind).at(-1);
  return (
    window !== undefined &&
    recordedDay(e) > window.due &&
    (window.stoppedDay === undefined || window.stoppedDay > window.due)
  );
}

/**
 * Whether `event` may be applied to the matter as it stands (the one check used by desk, fold and server).
 * Returns the reason code of the first rule it breaks, or undefined when allowed.
 */
export function checkAct(
  c: CaseProjection | undefined,
  event: CaseEvent,
  context: ActContext = {},
): ActReason | undefined {
  if (!payloadSchemas[event.type].safeParse(event.payload).success) return 'act-payload-invalid';
  // Legal checks run on the recording time; the date of what happened never lies after it, nor before what it follows.
  if (Date.parse(event.occurredAt) > Date.parse(event.recordedAt) + CLOCK_TOLERANCE_MS)
    return 'occurred-after-recorded';
  if (context.afterAt !== undefined && Date.parse(event.occurredAt) < Date.parse(context.afterAt))
    return 'occurred-before-previous';
  if (event.type === 'register') {
    if (Date.parse(event.payload.receivedAt) > Date.parse(event.recordedAt) + CLOCK_TOLERANCE_MS)
      return 'occurred-after-recorded';
    return c === undefined ? undefined : 'case-already-registered';
  }
  if (c === undefined) return 'case-not-registered';
  // 第二十八条第三款: a recused user's acts (arriving by sync too) are kept and flagged, never applied.
  if (c.recusedUserIds.includes(event.actor.userId)) return 'user-recused';
  const rule = actRules[event.type] as ActRule; // indexed by the event's own type: the rule fits the event
  if (!rule.roles.includes(event.actor.role)) return 'act-role-not-allowed';
  if (rule.from !== 'any' && !rule.from.includes(c.status)) return 'act-not-allowed-in-status';
  if (rule.office === 'current' && event.actor.officeId !== c.currentOfficeId) return 'act-wrong-office';
  return rule.guard?.(c, event, context);
}

/**
 * The acts a user in `role` of `officeId` may start now (for the matter page's buttons). With the county's `tree`,
 * an act its hierarchy check would refuse to this office is not offered either (a button that always fails).
 */
export function allowedActs(c: CaseProjection, role: Role, officeId: string, tree?: OfficeTree): ActType[] {
  return (Object.keys(actRules) as ActType[]).filter((type) => {
    const rule = actRules[type] as ActRule; // see checkAct
    if (type === 'register' || !rule.roles.includes(role)) return false;
    if (rule.from !== 'any' && !rule.from.includes(c.status)) return false;
    if (rule.offered && !rule.offered(c, officeId, tree)) return false;
    return rule.office === 'any' || officeId === c.currentOfficeId;
  });
}
