import type { ActPayload, ActType, AmendableField } from './act-payloads';
import type { CaseEvent, CaseEventOf, CaseProjection, Clock, ClockKind } from './case-types';
import { approvedEvent, checkAct, actRules, requestLate, type ActRule } from './acts';
import { beijingDay, daysBetween, type HolidayCalendar } from './calendar';
import { petitionerWindows, startClock } from './clocks';
import { dueDate } from './deadlines';
import { MinHeap } from './min-heap';
import type { OfficeTree } from './office-tree';

/**
 * The fold from a matter's events to its projection (design.md §2). Deterministic and order-independent: the
 * events are first put in causal order (an event after every event its actor had seen), ties by legal time then
 * id, so any permutation of the same set gives the same projection. An event that does not fit the matter as
 * folded so far (two offices both 受理 while offline, an act of a recused user) is kept in the count and flagged,
 * never dropped. `tree` (the county's offices) lets the hierarchy checks run; without it they are left to the
 * caller that has one.
 */
export function foldCase(
  events: Iterable<CaseEvent>,
  calendar: HolidayCalendar,
  tree?: OfficeTree,
): CaseProjection | undefined {
  let c: Mutable<CaseProjection> | undefined;
  for (const event of causalOrder(events)) {
    // No `afterAt` here: desk clocks differ, and causal order already puts an answer after its question. The desk
    // that records an act checks its date against what it follows (shared/core/handlers/cases.ts).
    const refused = checkAct(c, event, { tree });
    if (c === undefined) {
      if (refused === undefined && event.type === 'register') c = registered(event, calendar);
      continue; // an event whose 登记 has not arrived yet: the projector folds again when it does
    }
    c.eventCount += 1;
    c.lastEventId = event.id;
    c.lastEventAt = event.occurredAt > c.lastEventAt ? event.occurredAt : c.lastEventAt;
    if (refused !== undefined) {
      c.conflicts = [
        ...c.conflicts,
        { eventId: event.id, type: event.type, reason: refused, officeId: event.actor.officeId },
      ];
      if (event.type === 'register') widenConfidentiality(c, event.payload);
      continue;
    }
    applyEvent(c, event, { calendar, tree });
  }
  return c;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Folding = Mutable<CaseProjection>;
interface FoldContext {
  readonly calendar: HolidayCalendar;
  readonly tree: OfficeTree | undefined;
}

/** Applies an allowed act: its effect, then the status the act table names (if any). */
function applyEvent(c: Folding, e: CaseEvent, f: FoldContext): void {
  (appliers[e.type] as Applier<ActType>)(c, e, { ...f, day: beijingDay(e.occurredAt) }); // the applier of this event's own type
  const to = (actRules[e.type] as ActRule).to; // the rule of this event's own type
  if (to !== undefined) c.status = to;
}

function registered(e: CaseEventOf<'register'>, calendar: HolidayCalendar): Folding {
  const p = e.payload;
  const receivedDay = beijingDay(p.receivedAt);
  return {
    id: e.caseId,
    caseNumber: p.caseNumber,
    status: 'registered',
    ...(p.class === undefined ? {} : { class: p.class }),
    channel: p.channel,
    title: p.title,
    receivedAt: p.receivedAt,
    receivedDay,
    registeringOfficeId: e.actor.officeId,
    currentOfficeId: e.actor.officeId,
    officeIds: [e.actor.officeId],
    petitionIds: p.petitionIds,
    petitionerIds: p.petitionerIds,
    flags: p.flags,
    // 第三十条第三款: 检举控告 material is restricted from the start.
    restricted: restricts(p),
    accusedOfficeIds: p.accusedOfficeIds,
    accusedPersons: p.accusedPersons ?? [],
    ...(p.problemRegion === undefined ? {} : { problemRegion: p.problemRegion }),
    ...(p.contentCategory === undefined ? {} : { contentCategory: p.contentCategory }),
    clocks: noticeOwed(p) ? [startClock('notice', receivedDay, e.id, calendar, { officeId: e.actor.officeId })] : [],
    extensionDays: 0,
    hearingDays: 0,
    finalAfterReReview: false,
    recusedUserIds: [],
    proposals: [],
    leaders: [],
    repeatCount: 0,
    contentProfile: p.contentProfile ?? [],
    amendments: [],
    conflicts: [],
    eventCount: 1,
    lastEventId: e.id,
    lastEventAt: e.occurredAt,
  };
}

/**
 * 第二十三条第二款: no written notice is owed where the petitioner's name and address are unknown (an anonymous
 * letter, call or message). A visitor stands at the desk: the notice can be given there (当场告知), so a visit
 * whose petitioners are not yet typed in still owes it.
 */
function noticeOwed(c: { readonly flags: readonly string[]; readonly channel: string }): boolean {
  return !c.flags.includes('anonymous') || c.channel === 'visit';
}

/** Stops the running clocks of the given kinds (optionally only one office's) on `day`; lateness is recorded then. */
function stop(c: Folding, kinds: readonly ClockKind[], day: string, officeId?: string): void {
  c.clocks = c.clocks.map((k) =>
    k.stoppedDay === undefined && kinds.includes(k.kind) && (officeId === undefined || k.officeId === officeId)
      ? stopped(k, day)
      : k,
  );
}

function stopped(k: Clock, day: string): Clock {
  return { ...k, stoppedDay: day, ...(day > k.due ? { metLate: true } : {}) };
}

function add(c: Folding, clock: Clock): void {
  c.clocks = [...c.clocks, clock];
}

const routingDone: readonly ClockKind[] = ['notice', 'objection'];

/** Hands the matter to another office (转送, 交办, 转出 to an office of ours): the receiver's clocks start. */
function handOver(
  c: Folding,
  e: CaseEvent,
  toOfficeId: string,
  day: string,
  calendar: HolidayCalendar,
  petitionerTold = true,
): void {
  // 第二十三条: the sender's notice clock stops when the petitioner is told where the matter went.
  stop(c, petitionerTold ? routingDone : ['objection'], day, c.currentOfficeId);
  if (!petitionerTold) c.untoldOfficeId = c.currentOfficeId;
  c.handedOverBy = c.currentOfficeId;
  c.currentOfficeId = toOfficeId;
  c.receivedBy = undefined;
  c.pendingObjection = undefined;
  if (!c.officeIds.includes(toOfficeId)) c.officeIds = [...c.officeIds, toOfficeId];
  if (noticeOwed(c)) add(c, startClock('notice', day, e.id, calendar, { officeId: toOfficeId }));
  add(c, startClock('objection', day, e.id, calendar, { officeId: toOfficeId }));
}

/** 第三十条第三款: 检举控告 material, or material marked confidential, is restricted. */
function restricts(p: { readonly class?: string | undefined; readonly flags: readonly string[] }): boolean {
  return p.class === 'accusation' || p.flags.includes('confidential');
}

/**
 * A second 登记 of a matter is kept flagged, never applied (the first one in causal order stands); yet which of two
 * is first is decided by dates a desk writes, so a back-dated forgery could come first. Whatever the order, the
 * matter is as confidential as any of its 登记 says: restriction and accused are widened by every one, never
 * narrowed (第三十条第三款, 第四十六条第五项).
 */
function widenConfidentiality(c: Folding, p: ActPayload<'register'>): void {
  if (restricts(p)) c.restricted = true;
  addAccused(c, p);
}

/** Accused offices and persons are added to, never removed (第三十条第三款). */
function addAccused(
  c: Folding,
  p: { accusedOfficeIds?: readonly string[] | undefined; accusedPersons?: readonly string[] | undefined },
): void {
  if (p.accusedOfficeIds?.length) c.accusedOfficeIds = [...new Set([...c.accusedOfficeIds, ...p.accusedOfficeIds])];
  if (p.accusedPersons?.length) c.accusedPersons = [...new Set([...c.accusedPersons, ...p.accusedPersons])];
}

/** A written answer now in force (处理意见, 回复, 协议, 复查意见, 复核意见): a new one to serve. */
function answered(c: Folding, e: CaseEvent): void {
  c.answerEventId = e.id;
  c.awaitingReceipt = undefined;
  c.hearingOpenSince = undefined; // a hearing never carries into the next stage (第三十六条第二款)
}

/** The petitioner's window after the answer in force, from the day they received it (第三十五条、第三十六条). */
function openWindow(c: Folding, e: CaseEvent, day: string, calendar: HolidayCalendar): void {
  const kind =
    c.status === 'answered' && c.answer === 'decision' && c.procedure === 'opinion'
      ? 'review-window'
      : c.status === 'reviewed'
        ? 're-review-window'
        : undefined;
  if (kind) add(c, startClock(kind, day, e.id, calendar));
}

/** A 复查/复核 request: in time it starts the organ's 30 日; late it waits for the organ's written answer. */
function windowRequest(
  c: Folding,
  e: CaseEventOf<'review-request' | 're-review-request'>,
  f: StepContext,
  stage: 'review' | 're-review',
): void {
  const window = c.clocks.filter((k) => k.kind === (stage === 'review' ? 'review-window' : 're-review-window')).at(-1);
  const below = stage === 'review' ? c.decidedBy : c.reviewOfficeId;
  const organ = e.payload.toOfficeId ?? (below === undefined ? undefined : f.tree?.parentOf(below));
  if (stage === 'review') c.reviewOfficeId = organ;
  else c.reReviewOfficeId = organ;
  stop(c, [stage === 'review' ? 'review-window' : 're-review-window'], f.day);
  if (requestLate(window, e)) {
    c.pendingLateRequest = { stage, eventId: e.id, ...(organ === undefined ? {} : { officeId: organ }), day: f.day };
    return;
  }
  startRequestClock(c, stage, f.day, e.id, organ, f.calendar);
}

function startRequestClock(
  c: Folding,
  stage: 'review' | 're-review',
  day: string,
  sourceEventId: string,
  organ: string | undefined,
  calendar: HolidayCalendar,
): void {
  c.status = stage === 'review' ? 'in-review' : 'in-re-review';
  if (stage === 're-review') c.hearingDays = 0;
  add(c, startClock(stage, day, sourceEventId, calendar, organ === undefined ? {} : { officeId: organ }));
}

/** 复查意见 / 复核意见; `redo` sends the matter back with a new clock owned by the organ that must decide again. */
function reviewDecision(
  c: Folding,
  e: CaseEventOf<'review-decision' | 're-review-decision'>,
  f: StepContext,
  stage: 'review' | 're-review',
): void {
  if (stage === 're-review' && c.hearingOpenSince !== undefined) endHearing(c, f.day, f.calendar); // 第三十六条第二款
  stop(c, [stage, 'redo'], f.day);
  answered(c, e);
  if (e.payload.result !== 'redo') {
    c.status = stage === 'review' ? 'reviewed' : 're-reviewed';
    if (stage === 're-review') c.finalAfterReReview = true; // 第三十六条第三款
    return;
  }
  // 撤销并责令重新处理: back to the organ whose answer was reviewed, to answer again by the set day.
  const back = stage === 'review' ? c.decidedBy : c.reviewOfficeId;
  c.status = stage === 'review' ? 'accepted' : 'in-review';
  if (stage === 'review') {
    c.answer = undefined;
    if (back !== undefined) c.currentOfficeId = back;
  }
  add(
    c,
    startClock('redo', f.day, e.id, f.calendar, {
      ...(back === undefined ? {} : { officeId: back }),
      fixedDue: e.payload.redoDue ?? f.day,
    }),
  );
}

type StepContext = FoldContext & { readonly day: string };
type Applier<K extends ActType> = (c: Folding, e: CaseEventOf<K>, f: StepContext) => void;
const noEffect = () => undefined;

/**
 * What each act does to the matter (domain-rules.md "States and acts"), keyed by act type: a new act type that
 * the fold does not handle does not compile.
 */
const appliers = {
  register: noEffect, // checkAct refuses a second 登记
  link: (c, e) => {
    c.repeatCount += 1;
    if (!c.petitionIds.includes(e.payload.petitionId)) c.petitionIds = [...c.petitionIds, e.payload.petitionId];
    c.petitionerIds = [...new Set([...c.petitionerIds, ...e.payload.petitionerIds])];
    addAccused(c, e.payload);
  },
  receive: (c, _e, { day, calendar }) => {
    // 第二十三条第三款: the receiver's 15 日 and 5 工作日 run from its receipt of the item, signed for once.
    const office = c.currentOfficeId;
    c.receivedBy = office;
    const restarted = c.clocks.filter(
      (k) => k.stoppedDay === undefined && k.officeId === office && routingDone.includes(k.kind),
    );
    c.clocks = c.clocks.filter((k) => !restarted.includes(k));
    for (const k of restarted) add(c, startClock(k.kind, day, k.sourceEventId, calendar, { officeId: office }));
  },
  accept: (c, e, { day, calendar }) => {
    stop(c, routingDone, day, c.currentOfficeId);
    c.class = e.payload.class;
    c.procedure = e.payload.procedure;
    if (e.payload.class === 'accusation') c.restricted = true;
    addAccused(c, e.payload);
    // 第三十四条: the 60-day clock applies to 申诉求决类 handled under 第三十一条第六项.
    if (e.payload.class === 'claim' && e.payload.procedure === 'opinion')
      add(c, startClock('handling', day, e.id, calendar, { officeId: c.currentOfficeId }));
  },
  reject: (c, _e, { day }) => stop(c, routingDone, day, c.currentOfficeId),
  'no-further-acceptance': (c, _e, { day }) => stop(c, routingDone, day, c.currentOfficeId),
  redirect: (c, _e, { day }) => stop(c, routingDone, day, c.currentOfficeId),
  forward: (c, e, { day, calendar }) => handOver(c, e, e.payload.toOfficeId, day, calendar, e.payload.petitionerTold),
  inform: (c, e, { day }) => {
    stop(c, ['notice'], day, e.actor.officeId);
    c.untoldOfficeId = undefined;
  },
  assign: (c, e, { day, calendar }) => {
    const by = c.currentOfficeId;
    handOver(c, e, e.payload.toOfficeId, day, calendar);
    add(
      c,
      startClock('assignment', day, e.id, calendar, {
        officeId: e.payload.toOfficeId,
        fixedDue: e.payload.dueDate,
        assignedBy: by,
      }),
    );
  },
  'report-return': (c, e, { day, calendar }) => {
    const reported = c.clocks.filter((k) => k.kind === 'assignment' && k.assignedBy === e.actor.officeId).at(-1);
    if (reported?.officeId !== undefined)
      add(
        c,
        startClock('assignment', day, e.id, calendar, {
          officeId: reported.officeId,
          fixedDue: e.payload.dueDate,
          assignedBy: e.actor.officeId,
        }),
      );
  },
  transfer: (c, e, { day, calendar }) => {
    if (e.payload.toOfficeId !== undefined) return handOver(c, e, e.payload.toOfficeId, day, calendar);
    stop(c, routingDone, day, c.currentOfficeId);
  },
  object: (c, e, { day }) => {
    // 第二十三条第三款: the objection is raised in time; the matter stays with the receiver until the sender confirms.
    stop(c, ['objection'], day, c.currentOfficeId);
    c.pendingObjection = { eventId: e.id, officeId: c.currentOfficeId };
  },
  'object-decision': (c, e, { day, calendar }) => {
    c.pendingObjection = undefined;
    if (!e.payload.agreed) return;
    stop(c, [...routingDone, 'assignment'], day, c.currentOfficeId);
    c.currentOfficeId = e.actor.officeId;
    c.handedOverBy = undefined;
    c.receivedBy = undefined;
    c.status = 'registered';
    // Back with the sender: it routes the matter again within its own 15 日 (第二十二条).
    if (noticeOwed(c)) add(c, startClock('notice', day, e.id, calendar, { officeId: e.actor.officeId }));
  },
  extend: (c, e, { calendar }) => {
    // 第三十四条 with 民法典第二百零三条: the extension runs from the day the original period legally ended.
    c.extensionDays = e.payload.days;
    c.clocks = c.clocks.map((k) => {
      if (k.kind !== 'handling' || k.stoppedDay !== undefined) return k;
      const extended = dueDate(k.due, { days: e.payload.days, unit: 'calendar' }, calendar);
      return { ...k, due: extended.due, uncertain: k.uncertain || extended.uncertain };
    });
  },
  'hearing-start': (c, _e, { day }) => {
    c.hearingOpenSince = day;
  },
  'hearing-end': (c, _e, { day, calendar }) => endHearing(c, day, calendar),
  decide: (c, e, { day }) => {
    c.outcome = e.payload.outcome;
    c.answer = 'decision';
    c.decidedBy = e.actor.officeId;
    stop(c, ['handling', 'redo'], day);
    answered(c, e);
  },
  reply: (c, e, { day }) => {
    c.answer = 'reply';
    stop(c, ['handling'], day);
    answered(c, e);
  },
  agree: (c, e, { day }) => {
    c.answer = 'agreement';
    stop(c, ['handling'], day);
    answered(c, e);
  },
  serve: (c, e, { day, calendar }) => {
    c.servedAnswerId = c.answerEventId;
    // 第三十五条 "自收到书面答复之日起": by hand the day it happened; by post the day on the 送达回证.
    const signed = e.payload.signedDay ?? (e.payload.method === 'post' ? undefined : day);
    if (signed === undefined) c.awaitingReceipt = true;
    else openWindow(c, e, signed, calendar);
  },
  'serve-receipt': (c, e, { calendar }) => {
    c.awaitingReceipt = undefined;
    openWindow(c, e, e.payload.signedDay, calendar);
  },
  report: (c, e, { day }) => stop(c, ['assignment'], day, e.actor.officeId),
  'review-request': (c, e, f) => windowRequest(c, e, f, 'review'),
  'review-decision': (c, e, f) => reviewDecision(c, e, f, 'review'),
  're-review-request': (c, e, f) => windowRequest(c, e, f, 're-review'),
  're-review-decision': (c, e, f) => reviewDecision(c, e, f, 're-review'),
  'late-request-decision': (c, e, { calendar }) => {
    const late = c.pendingLateRequest;
    c.pendingLateRequest = undefined;
    // Admitted: the organ's 30 日 run from its receipt of the request (第三十五条、第三十六条).
    if (late && e.payload.admitted) startRequestClock(c, late.stage, late.day, late.eventId, late.officeId, calendar);
  },
  close: (c, e, { day }) => {
    c.closeGround = e.payload.ground;
    // A 交办's 办结报告 and a 督办's feedback are still owed after 终结 (第二十二条第三项, 第四十条); a petitioner's
    // window that ran out unused stays as it ended (期满未申请): only a request stops a window after its due day.
    const kept = (k: Clock) =>
      k.kind === 'assignment' || k.kind === 'supervision' || (petitionerWindows.includes(k.kind) && k.due < day);
    c.clocks = c.clocks.map((k) => (k.stoppedDay === undefined && !kept(k) ? stopped(k, day) : k));
  },
  evaluate: noEffect,
  supervise: (c, e, { day, calendar }) => {
    if (e.payload.feedbackDue !== undefined)
      add(
        c,
        startClock('supervision', day, e.id, calendar, {
          officeId: c.currentOfficeId,
          fixedDue: e.payload.feedbackDue,
        }),
      );
  },
  feedback: (c, e, { day }) => {
    c.clocks = c.clocks.map((k) =>
      k.sourceEventId === e.payload.superviseEventId && k.stoppedDay === undefined ? stopped(k, day) : k,
    );
  },
  recuse: (c, e) => {
    if (!c.recusedUserIds.includes(e.payload.userId)) c.recusedUserIds = [...c.recusedUserIds, e.payload.userId];
    if (c.assigneeUserId === e.payload.userId) c.assigneeUserId = undefined;
  },
  reassign: (c, e) => {
    c.assigneeUserId = e.payload.userId;
  },
  supplement: (c, e) => {
    addAccused(c, e.payload);
    amend(c, e, e.payload.field, e.payload.value, e.payload.petitionId);
  },
  correct: (c, e) => amend(c, e, e.payload.field, e.payload.value, e.payload.petitionId),
  void: (c, _e, { day }) => {
    c.clocks = c.clocks.map((k) => (k.stoppedDay === undefined ? stopped(k, day) : k));
  },
  propose: (c, e) => {
    c.proposals = [
      ...c.proposals,
      { eventId: e.id, act: e.payload.act, payload: e.payload.payload, userId: e.actor.userId },
    ];
  },
  approve: (c, e, f) => {
    const proposal = c.proposals.find((p) => p.eventId === e.payload.proposalEventId);
    c.proposals = c.proposals.filter((p) => p !== proposal);
    if (proposal && e.payload.approved) applyEvent(c, approvedEvent(e, proposal), f);
  },
  'leader-reception': noEffect,
  'leader-case': (c, e) => {
    if (!c.leaders.includes(e.payload.leader)) c.leaders = [...c.leaders, e.payload.leader];
  },
  'joint-reception': noEffect,
  consult: noEffect,
  'urgent-report': noEffect,
  'follow-up': noEffect,
  note: noEffect,
} satisfies { [K in ActType]: Applier<K> };

/** 补充 / 更正 (第十九条 如实记录): the matter's own fields change; a petition's text is overlaid, its record kept. */
function amend(c: Folding, e: CaseEvent, field: AmendableField, value: string, petitionId: string | undefined): void {
  if (field === 'title') c.title = value;
  else if (field === 'problemRegion') c.problemRegion = value;
  else if (field === 'contentCategory') c.contentCategory = value;
  c.amendments = [
    ...c.amendments,
    { eventId: e.id, field, value, ...(petitionId === undefined ? {} : { petitionId }) },
  ];
}

/** 听证 days (both ends counted) are excluded from the 复核 period only (第三十六条第二款). */
function endHearing(c: Folding, day: string, calendar: HolidayCalendar): void {
  const since = c.hearingOpenSince ?? day;
  c.hearingOpenSince = undefined;
  if (c.status !== 'in-re-review') return;
  c.hearingDays += daysBetween(since, day) + 1;
  c.clocks = c.clocks.map((k) =>
    k.kind === 're-review' && k.stoppedDay === undefined
      ? startClock('re-review', k.startDay, k.sourceEventId, calendar, {
          ...(k.officeId === undefined ? {} : { officeId: k.officeId }),
          extraDays: c.hearingDays,
        })
      : k,
  );
}

/**
 * Causal order: an event comes after every event listed in its `after`; among events whose predecessors are
 * all placed, the earliest legal time wins, then the smallest id. A cycle (only a forged log can have one) is
 * broken at its smallest event. Every act follows its matter's 登记. Duplicate ids (a set union delivered twice)
 * count once; an `after` id the set does not hold is ignored.
 *
 * Kahn's algorithm over the `after` links with a min-heap of positions in the sorted list: O(n log n). The server
 * folds a matter on every push to it (services/visibility.ts), so a rescan of the waiting events per placed event
 * (O(n²), as this once was) let one crafted push freeze it for seconds.
 */
export function causalOrder(events: Iterable<CaseEvent>): CaseEvent[] {
  const byId = new Map<string, CaseEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  const sorted = [...byId.values()].sort(compareEvents);
  const position = new Map(sorted.map((e, i) => [e.id, i]));
  // For each event, the positions that list it in `after`, and how many of its own predecessors are unplaced.
  const followers = sorted.map((): number[] => []);
  const unplacedBefore = sorted.map((e, i) => {
    const before = [...new Set(e.after)].flatMap((id) => position.get(id) ?? []);
    for (const p of before) followers[p]?.push(i);
    return before.length;
  });
  // Every act comes after its matter's 登记, whatever the desk clocks say.
  let registrationsLeft = sorted.filter((e) => e.type === 'register').length;
  const placed = sorted.map(() => false);
  const queued = sorted.map(() => false);
  const ready = new MinHeap();
  const enqueue = (i: number) => {
    const e = sorted[i];
    if (!e || queued[i] || placed[i] || unplacedBefore[i] !== 0 || (e.type !== 'register' && registrationsLeft > 0))
      return;
    queued[i] = true;
    ready.push(i);
  };
  sorted.forEach((_e, i) => enqueue(i));
  const ordered: CaseEvent[] = [];
  let smallestUnplaced = 0;
  while (ordered.length < sorted.length) {
    while (placed[smallestUnplaced]) smallestUnplaced += 1;
    const next = ready.pop() ?? smallestUnplaced; // nothing ready: a cycle, broken at its smallest event
    const e = sorted[next];
    if (!e) break;
    placed[next] = true;
    ordered.push(e);
    if (e.type === 'register' && --registrationsLeft === 0) sorted.forEach((_e, i) => enqueue(i));
    for (const f of followers[next] ?? []) {
      unplacedBefore[f] = (unplacedBefore[f] ?? 0) - 1;
      enqueue(f);
    }
  }
  return ordered;
}

function compareEvents(a: CaseEvent, b: CaseEvent): number {
  const at = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (at !== 0) return at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
