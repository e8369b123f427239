import { payloadSchemas, type ActType } from './act-payloads';
import type { CaseEvent, CaseEventOf, CaseProjection } from './case-types';
import type { CaseStatus, Role } from './codes';
import { beijingDay } from './calendar';
import type { ActReason } from './reasons';

/**
 * The act table of domain-rules.md ("States and acts"): from which statuses each act is allowed, the status it
 * leads to, the article it rests on, who may do it, and the extra checks the law asks for. One table serves the
 * desk (before it records an act), the fold (which flags acts that met offline and no longer fit) and the server.
 */
export interface ActRule<T extends ActType = ActType> {
  readonly from: readonly CaseStatus[] | 'any';
  /** The status after the act; absent: unchanged. */
  readonly to?: CaseStatus;
  readonly article: string;
  readonly roles: readonly Role[];
  /** 'current': only the office that holds the matter may act. */
  readonly office: 'current' | 'any';
  readonly guard?: (c: CaseProjection, e: CaseEventOf<T>) => ActReason | undefined;
}

const desk: readonly Role[] = ['receptionist', 'handler', 'approver'];
const handling: readonly Role[] = ['handler', 'approver'];
const approving: readonly Role[] = ['approver'];
const answered: readonly CaseStatus[] = ['answered'];
const routable: readonly CaseStatus[] = ['registered'];
const received: readonly CaseStatus[] = ['registered', 'forwarded', 'assigned', 'transferred'];

/** 第三十条第三款: never pass a matter to the office it accuses; never to oneself. */
function routeGuard(c: CaseProjection, toOfficeId: string): ActReason | undefined {
  if (c.accusedOfficeIds.includes(toOfficeId)) return 'forward-to-accused';
  if (toOfficeId === c.currentOfficeId) return 'forward-to-self';
  return undefined;
}

function runningClock(c: CaseProjection, kind: string) {
  return c.clocks.find((k) => k.kind === kind && k.stoppedDay === undefined);
}

/** A petitioner's window has lapsed when the request day is after its due day (第三十五条、第三十六条). */
function windowLapsed(c: CaseProjection, kind: 'review-window' | 're-review-window', occurredAt: string): boolean {
  const window = runningClock(c, kind);
  return window !== undefined && beijingDay(occurredAt) > window.due;
}

export const actRules: { readonly [T in ActType]: ActRule<T> } = {
  register: { from: [], to: 'registered', article: '第十九条', roles: desk, office: 'any' },
  link: { from: 'any', article: '第十九条', roles: desk, office: 'any' },
  receive: { from: ['forwarded', 'assigned', 'transferred'], article: '第二十三条', roles: desk, office: 'current' },
  accept: { from: received, to: 'accepted', article: '第二十三条', roles: handling, office: 'current' },
  reject: { from: received, to: 'rejected', article: '第十九条', roles: handling, office: 'current' },
  redirect: { from: routable, to: 'redirected', article: '第二十三条', roles: desk, office: 'current' },
  forward: {
    from: routable,
    to: 'forwarded',
    article: '第二十二条',
    roles: handling,
    office: 'current',
    guard: (c, e) => routeGuard(c, e.payload.toOfficeId),
  },
  object: { from: ['forwarded', 'assigned'], to: 'registered', article: '第二十三条', roles: handling, office: 'current' },
  assign: {
    from: routable,
    to: 'assigned',
    article: '第二十二条',
    roles: handling,
    office: 'current',
    guard: (c, e) => routeGuard(c, e.payload.toOfficeId),
  },
  transfer: {
    from: routable,
    to: 'transferred',
    article: '第二十二条',
    roles: handling,
    office: 'current',
    guard: (c, e) => (e.payload.toOfficeId === undefined ? undefined : routeGuard(c, e.payload.toOfficeId)),
  },
  extend: {
    from: ['accepted'],
    article: '第三十四条',
    roles: approving,
    office: 'current',
    guard: (c, e) => {
      const handlingClock = runningClock(c, 'handling');
      if (!handlingClock) return 'extension-not-applicable';
      if (c.extensionDays > 0) return 'extension-once';
      if (beijingDay(e.occurredAt) > handlingClock.due) return 'extension-after-due';
      return undefined;
    },
  },
  'hearing-start': {
    from: ['accepted', 'in-review', 'in-re-review'],
    article: '第三十六条',
    roles: handling,
    office: 'any',
    guard: (c) => (c.hearingOpenSince === undefined ? undefined : 'hearing-already-open'),
  },
  'hearing-end': {
    from: ['accepted', 'in-review', 'in-re-review'],
    article: '第三十六条',
    roles: handling,
    office: 'any',
    guard: (c) => (c.hearingOpenSince === undefined ? 'hearing-not-open' : undefined),
  },
  decide: {
    from: ['accepted'],
    to: 'answered',
    article: '第三十二条',
    roles: handling,
    office: 'current',
    guard: (c) => (c.class === 'claim' ? undefined : 'act-wrong-class'),
  },
  reply: {
    from: ['accepted'],
    to: 'answered',
    article: '第二十九条',
    roles: handling,
    office: 'current',
    guard: (c) => (c.class === 'suggestion' || c.class === 'accusation' ? undefined : 'act-wrong-class'),
  },
  agree: {
    from: ['accepted'],
    to: 'answered',
    article: '第三十三条',
    roles: handling,
    office: 'current',
    guard: (c) => (c.class === 'claim' ? undefined : 'act-wrong-class'),
  },
  serve: {
    from: ['answered', 'reviewed', 're-reviewed'],
    article: '第三十五条',
    roles: desk,
    office: 'any',
    guard: (c) => {
      const window = c.status === 'answered' ? 'review-window' : c.status === 'reviewed' ? 're-review-window' : undefined;
      return window !== undefined && runningClock(c, window) ? 'already-served' : undefined;
    },
  },
  report: {
    from: ['answered', 'closed'],
    article: '第二十二条',
    roles: handling,
    office: 'current',
    guard: (c) => (runningClock(c, 'assignment') ? undefined : 'report-without-assignment'),
  },
  'review-request': {
    from: answered,
    to: 'in-review',
    article: '第三十五条',
    roles: desk,
    office: 'any',
    guard: (c, e) => (windowLapsed(c, 'review-window', e.occurredAt) ? 'review-window-lapsed' : undefined),
  },
  'review-decision': { from: ['in-review'], to: 'reviewed', article: '第三十五条', roles: handling, office: 'any' },
  're-review-request': {
    from: ['reviewed'],
    to: 'in-re-review',
    article: '第三十六条',
    roles: desk,
    office: 'any',
    guard: (c, e) => (windowLapsed(c, 're-review-window', e.occurredAt) ? 're-review-window-lapsed' : undefined),
  },
  're-review-decision': {
    from: ['in-re-review'],
    to: 're-reviewed',
    article: '第三十六条',
    roles: handling,
    office: 'any',
    guard: (c) => (c.hearingOpenSince === undefined ? undefined : 'hearing-already-open'),
  },
  close: {
    from: ['registered', 'accepted', 'answered', 'reviewed', 're-reviewed'],
    to: 'closed',
    article: '第三十七条',
    roles: approving,
    office: 'any',
    guard: (c, e) => (closeGroundMet(c, e) ? undefined : 'close-ground-not-met'),
  },
  evaluate: {
    from: ['accepted', 'answered', 'in-review', 'reviewed', 'in-re-review', 're-reviewed', 'closed', 'rejected', 'redirected', 'forwarded', 'assigned', 'transferred'],
    article: '第二十一条',
    roles: desk,
    office: 'any',
  },
  supervise: { from: 'any', article: '第四十条', roles: handling, office: 'any' },
  feedback: {
    from: 'any',
    article: '第四十条',
    roles: handling,
    office: 'current',
    guard: (c, e) =>
      c.clocks.some((k) => k.kind === 'supervision' && k.sourceEventId === e.payload.superviseEventId && k.stoppedDay === undefined)
        ? undefined
        : 'supervision-unknown',
  },
  recuse: { from: 'any', article: '第二十八条', roles: desk, office: 'any' },
  note: { from: 'any', article: '第二十一条', roles: desk, office: 'any' },
};

/** 终结 grounds that depend on the matter's state (第三十六条第三款, 第三十七条); the others are a person's finding. */
function closeGroundMet(c: CaseProjection, e: CaseEventOf<'close'>): boolean {
  switch (e.payload.ground) {
    case 're-review-done':
      return c.status === 're-reviewed';
    case 'review-window-lapsed':
      return c.status === 'answered' && windowLapsed(c, 'review-window', e.occurredAt);
    case 're-review-window-lapsed':
      return c.status === 'reviewed' && windowLapsed(c, 're-review-window', e.occurredAt);
    case 'agreement':
      return c.status === 'answered' && c.answer === 'agreement';
    default:
      return true;
  }
}

/**
 * Whether `event` may be applied to the matter as it stands (the one check used by desk, fold and server).
 * Returns the reason code of the first rule it breaks, or undefined when allowed.
 */
export function checkAct(c: CaseProjection | undefined, event: CaseEvent): ActReason | undefined {
  if (!payloadSchemas[event.type].safeParse(event.payload).success) return 'act-payload-invalid';
  if (event.type === 'register') return c === undefined ? undefined : 'case-already-registered';
  if (c === undefined) return 'case-not-registered';
  const rule = actRules[event.type] as ActRule; // indexed by the event's own type: the rule fits the event
  if (!rule.roles.includes(event.actor.role)) return 'act-role-not-allowed';
  if (rule.from !== 'any' && !rule.from.includes(c.status)) return 'act-not-allowed-in-status';
  if (rule.office === 'current' && event.actor.officeId !== c.currentOfficeId) return 'act-wrong-office';
  return rule.guard?.(c, event);
}

/** The acts a user in `role` of `officeId` may start now (for the matter page's buttons). */
export function allowedActs(c: CaseProjection, role: Role, officeId: string): ActType[] {
  return (Object.keys(actRules) as ActType[]).filter((type) => {
    const rule = actRules[type] as ActRule; // see checkAct
    if (type === 'register' || !rule.roles.includes(role)) return false;
    if (rule.from !== 'any' && !rule.from.includes(c.status)) return false;
    return rule.office === 'any' || officeId === c.currentOfficeId;
  });
}
