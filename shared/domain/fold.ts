import type { CaseEvent, CaseEventOf, CaseProjection, Clock, ClockKind } from './case-types';
import { checkAct, actRules, type ActRule } from './acts';
import { beijingDay, daysBetween, type HolidayCalendar } from './calendar';
import { startClock } from './clocks';

/**
 * The fold from a matter's events to its projection (design.md §2). Deterministic and order-independent: the
 * events are first put in causal order (an event after every event its actor had seen), ties by legal time then
 * id, so any permutation of the same set gives the same projection. An event that does not fit the matter as
 * folded so far (two offices both 受理 while offline) is kept in the count and flagged, never dropped.
 */
export function foldCase(events: Iterable<CaseEvent>, calendar: HolidayCalendar): CaseProjection | undefined {
  let c: Mutable<CaseProjection> | undefined;
  for (const event of causalOrder(events)) {
    const refused = checkAct(c, event);
    if (c === undefined) {
      if (refused === undefined && event.type === 'register') c = registered(event, calendar);
      continue; // an event whose 登记 has not arrived yet: the projector folds again when it does
    }
    c.eventCount += 1;
    c.lastEventId = event.id;
    c.lastEventAt = event.occurredAt > c.lastEventAt ? event.occurredAt : c.lastEventAt;
    if (refused !== undefined) {
      c.conflicts = [...c.conflicts, { eventId: event.id, type: event.type, reason: refused, officeId: event.actor.officeId }];
      continue;
    }
    apply(c, event, calendar);
    const to = (actRules[event.type] as ActRule).to; // the rule of this event's own type
    if (to !== undefined) c.status = to;
  }
  return c;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function registered(e: CaseEventOf<'register'>, calendar: HolidayCalendar): Mutable<CaseProjection> {
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
    restricted: p.class === 'accusation' || p.flags.includes('confidential'),
    accusedOfficeIds: p.accusedOfficeIds,
    ...(p.problemRegion === undefined ? {} : { problemRegion: p.problemRegion }),
    ...(p.contentCategory === undefined ? {} : { contentCategory: p.contentCategory }),
    clocks: [startClock('notice', receivedDay, e.id, calendar, { officeId: e.actor.officeId })],
    extensionDays: 0,
    hearingDays: 0,
    finalAfterReReview: false,
    recusedUserIds: [],
    repeatCount: 0,
    contentProfile: p.contentProfile ?? [],
    conflicts: [],
    eventCount: 1,
    lastEventId: e.id,
    lastEventAt: e.occurredAt,
  };
}

/** Stops the running clocks of the given kinds (optionally only one office's) on `day`. */
function stop(c: Mutable<CaseProjection>, kinds: readonly ClockKind[], day: string, officeId?: string): void {
  c.clocks = c.clocks.map((k) =>
    k.stoppedDay === undefined && kinds.includes(k.kind) && (officeId === undefined || k.officeId === officeId)
      ? { ...k, stoppedDay: day }
      : k,
  );
}

function add(c: Mutable<CaseProjection>, clock: Clock): void {
  c.clocks = [...c.clocks, clock];
}

/** Hands the matter to another office (转送, 交办, 转出 to an office of ours): the receiver's clocks start. */
function handOver(c: Mutable<CaseProjection>, e: CaseEvent, toOfficeId: string, day: string, calendar: HolidayCalendar): void {
  stop(c, ['notice'], day, c.currentOfficeId);
  c.handedOverBy = c.currentOfficeId;
  c.currentOfficeId = toOfficeId;
  if (!c.officeIds.includes(toOfficeId)) c.officeIds = [...c.officeIds, toOfficeId];
  add(c, startClock('notice', day, e.id, calendar, { officeId: toOfficeId }));
  add(c, startClock('objection', day, e.id, calendar, { officeId: toOfficeId }));
}

const routingDone: readonly ClockKind[] = ['notice', 'objection'];

function apply(c: Mutable<CaseProjection>, e: CaseEvent, calendar: HolidayCalendar): void {
  const day = beijingDay(e.occurredAt);
  switch (e.type) {
    case 'register':
      return; // checkAct refuses a second 登记
    case 'link':
      c.repeatCount += 1;
      if (!c.petitionIds.includes(e.payload.petitionId)) c.petitionIds = [...c.petitionIds, e.payload.petitionId];
      c.petitionerIds = [...new Set([...c.petitionerIds, ...e.payload.petitionerIds])];
      return;
    case 'receive': {
      // 第二十三条第三款: the receiver's 15 日 and 5 工作日 run from its receipt of the item.
      const office = c.currentOfficeId;
      const restarted = c.clocks.filter((k) => k.stoppedDay === undefined && k.officeId === office && routingDone.includes(k.kind));
      c.clocks = c.clocks.filter((k) => !restarted.includes(k));
      for (const k of restarted) add(c, startClock(k.kind, day, k.sourceEventId, calendar, { officeId: office }));
      return;
    }
    case 'accept':
      stop(c, routingDone, day, c.currentOfficeId);
      c.class = e.payload.class;
      c.procedure = e.payload.procedure;
      if (e.payload.class === 'accusation') c.restricted = true;
      // 第三十四条: the 60-day clock applies to 申诉求决类 handled under 第三十一条第六项.
      if (e.payload.class === 'claim' && e.payload.procedure === 'opinion') {
        add(c, startClock('handling', day, e.id, calendar, { officeId: c.currentOfficeId }));
      }
      return;
    case 'reject':
    case 'redirect':
      stop(c, routingDone, day, c.currentOfficeId);
      return;
    case 'forward':
      return handOver(c, e, e.payload.toOfficeId, day, calendar);
    case 'assign':
      handOver(c, e, e.payload.toOfficeId, day, calendar);
      add(c, startClock('assignment', day, e.id, calendar, { officeId: e.payload.toOfficeId, fixedDue: e.payload.dueDate }));
      return;
    case 'transfer':
      if (e.payload.toOfficeId !== undefined) return handOver(c, e, e.payload.toOfficeId, day, calendar);
      stop(c, routingDone, day, c.currentOfficeId);
      return;
    case 'object':
      return objectToSender(c, day);
    case 'extend':
      return extendHandling(c, e, calendar);
    case 'hearing-start':
      c.hearingOpenSince = day;
      return;
    case 'hearing-end':
      return endHearing(c, day, calendar);
    case 'decide':
      c.outcome = e.payload.outcome;
      c.answer = 'decision';
      stop(c, ['handling'], day);
      return;
    case 'reply':
      c.answer = 'reply';
      stop(c, ['handling'], day);
      return;
    case 'agree':
      c.answer = 'agreement';
      stop(c, ['handling'], day);
      return;
    case 'serve':
      if (c.status === 'answered') add(c, startClock('review-window', day, e.id, calendar));
      if (c.status === 'reviewed') add(c, startClock('re-review-window', day, e.id, calendar));
      return;
    case 'report':
      stop(c, ['assignment'], day);
      return;
    case 'review-request':
      stop(c, ['review-window'], day);
      add(c, startClock('review', day, e.id, calendar, { officeId: e.actor.officeId }));
      return;
    case 'review-decision':
      stop(c, ['review'], day);
      return;
    case 're-review-request':
      stop(c, ['re-review-window'], day);
      c.hearingDays = 0;
      add(c, startClock('re-review', day, e.id, calendar, { officeId: e.actor.officeId }));
      return;
    case 're-review-decision':
      stop(c, ['re-review'], day);
      c.finalAfterReReview = true;
      return;
    case 'close':
      c.closeGround = e.payload.ground;
      c.clocks = c.clocks.map((k) => (k.stoppedDay === undefined ? { ...k, stoppedDay: day } : k));
      return;
    case 'supervise':
      if (e.payload.feedbackDue !== undefined) {
        add(c, startClock('supervision', day, e.id, calendar, { officeId: c.currentOfficeId, fixedDue: e.payload.feedbackDue }));
      }
      return;
    case 'feedback':
      c.clocks = c.clocks.map((k) => (k.sourceEventId === e.payload.superviseEventId && k.stoppedDay === undefined ? { ...k, stoppedDay: day } : k));
      return;
    case 'recuse':
      if (!c.recusedUserIds.includes(e.payload.userId)) c.recusedUserIds = [...c.recusedUserIds, e.payload.userId];
      return;
    case 'evaluate':
    case 'note':
      return;
  }
}

/** 异议 (第二十三条第三款): the matter goes back to the office that forwarded or assigned it. */
function objectToSender(c: Mutable<CaseProjection>, day: string): void {
  stop(c, [...routingDone, 'assignment'], day, c.currentOfficeId);
  c.currentOfficeId = c.handedOverBy ?? c.registeringOfficeId;
  c.handedOverBy = undefined;
}

/** 延期 (第三十四条): the extension adds to the 60-day period; the rest-day rule applies once at the end. */
function extendHandling(c: Mutable<CaseProjection>, e: CaseEventOf<'extend'>, calendar: HolidayCalendar): void {
  c.extensionDays = e.payload.days;
  c.clocks = c.clocks.map((k) =>
    k.kind === 'handling' && k.stoppedDay === undefined
      ? startClock('handling', k.startDay, k.sourceEventId, calendar, { officeId: k.officeId, extraDays: e.payload.days })
      : k,
  );
}

/** 听证 days are excluded from the 复核 period (第三十六条第二款). */
function endHearing(c: Mutable<CaseProjection>, day: string, calendar: HolidayCalendar): void {
  const since = c.hearingOpenSince ?? day;
  c.hearingOpenSince = undefined;
  if (c.status !== 'in-re-review') return;
  c.hearingDays += daysBetween(since, day);
  c.clocks = c.clocks.map((k) =>
    k.kind === 're-review' && k.stoppedDay === undefined
      ? startClock('re-review', k.startDay, k.sourceEventId, calendar, { officeId: k.officeId, extraDays: c.hearingDays })
      : k,
  );
}

/**
 * Causal order: an event comes after every event listed in its `after`; among events whose predecessors are
 * all placed, the earliest legal time wins, then the smallest id. A cycle (only a forged log can have one) is
 * broken at its smallest event. Every act follows its matter's 登记. Duplicate ids (a set union delivered twice)
 * count once.
 */
export function causalOrder(events: Iterable<CaseEvent>): CaseEvent[] {
  const byId = new Map<string, CaseEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  const pending = [...byId.values()].sort(compareEvents);
  // Every act comes after its matter's 登记, whatever the desk clocks say.
  const registrations = pending.filter((e) => e.type === 'register').map((e) => e.id);
  const placed = new Set<string>();
  const ordered: CaseEvent[] = [];
  const isReady = (e: CaseEvent) =>
    (e.type === 'register' || registrations.every((id) => placed.has(id))) && e.after.every((id) => placed.has(id) || !byId.has(id));
  while (pending.length > 0) {
    const ready = pending.findIndex(isReady);
    const [next] = pending.splice(ready === -1 ? 0 : ready, 1);
    if (next === undefined) break;
    placed.add(next.id);
    ordered.push(next);
  }
  return ordered;
}

function compareEvents(a: CaseEvent, b: CaseEvent): number {
  const at = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (at !== 0) return at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
