import type { Clock, ClockKind, CaseProjection } from './case-types';
import type { HolidayCalendar } from './calendar';
import { dueDate, isDueSoon, isOverdue, type Period } from './deadlines';

/**
 * The legal clocks of a matter (domain-rules.md, "Deadlines"). Overdue and due-soon are derived from a clock
 * and today, never stored (design.md §4).
 */
export interface ClockSpec {
  readonly period: Period;
  readonly article: string;
  /** The accountability article a missed duty maps to (第四十四条第三项 late notice, 第四十五条第一项 late handling). */
  readonly accountability?: string;
}

/** The statutory period of each clock; 'assignment', 'supervision' and 'redo' carry a date set by the deciding office. */
export const clockSpecs: { readonly [K in ClockKind]: ClockSpec } = {
  notice: { period: { days: 15, unit: 'calendar' }, article: '第二十三条', accountability: '第四十四条第三项' },
  objection: { period: { days: 5, unit: 'working' }, article: '第二十三条' },
  assignment: { period: { days: 0, unit: 'calendar' }, article: '第二十二条', accountability: '第四十五条第一项' },
  handling: { period: { days: 60, unit: 'calendar' }, article: '第三十四条', accountability: '第四十五条第一项' },
  'review-window': { period: { days: 30, unit: 'calendar' }, article: '第三十五条' },
  review: { period: { days: 30, unit: 'calendar' }, article: '第三十五条', accountability: '第四十五条第一项' },
  're-review-window': { period: { days: 30, unit: 'calendar' }, article: '第三十六条' },
  're-review': { period: { days: 30, unit: 'calendar' }, article: '第三十六条', accountability: '第四十五条第一项' },
  supervision: { period: { days: 0, unit: 'calendar' }, article: '第四十条' },
  redo: { period: { days: 0, unit: 'calendar' }, article: '第三十五条', accountability: '第四十五条第一项' },
};

/** The petitioner's own windows: lapsing ends a right, it is not an office's delay. */
export const petitionerWindows: readonly ClockKind[] = ['review-window', 're-review-window'];
/**
 * Periods that end a right rather than owe a duty: the petitioner's windows, and the receiver's 5 工作日 to
 * object (第二十三条第三款: once passed, the receiver handles the matter; nobody is late).
 */
export const windows: readonly ClockKind[] = [...petitionerWindows, 'objection'];

/**
 * Starts a clock of `kind` on `startDay`. `extraDays` lengthens a calendar period before the rest-day rule is
 * applied once at the end: the 延期 of 第三十四条 and the 听证 days of 第三十六条第二款.
 */
export function startClock(
  kind: ClockKind,
  startDay: string,
  sourceEventId: string,
  calendar: HolidayCalendar,
  options: { officeId?: string; extraDays?: number; fixedDue?: string; assignedBy?: string } = {},
): Clock {
  const spec = clockSpecs[kind];
  const computed =
    options.fixedDue !== undefined
      ? { due: options.fixedDue, uncertain: false }
      : dueDate(startDay, { ...spec.period, days: spec.period.days + (options.extraDays ?? 0) }, calendar);
  return {
    kind,
    article: spec.article,
    startDay,
    due: computed.due,
    uncertain: computed.uncertain,
    sourceEventId,
    ...(options.officeId === undefined ? {} : { officeId: options.officeId }),
    ...(options.assignedBy === undefined ? {} : { assignedBy: options.assignedBy }),
  };
}

/** The state of one clock on `today` (a Beijing day). */
export type ClockState = 'running' | 'due-soon' | 'overdue' | 'met' | 'met-late' | 'lapsed';

export function clockState(clock: Clock, today: string, dueSoonDays = 3): ClockState {
  // Lateness is recorded when the clock stops and stays (第四十四条第三项、第四十五条第一项).
  if (clock.stoppedDay !== undefined) return clock.metLate || clock.stoppedDay > clock.due ? 'met-late' : 'met';
  if (isOverdue(today, clock.due)) return windows.includes(clock.kind) ? 'lapsed' : 'overdue';
  return isDueSoon(today, clock.due, dueSoonDays) ? 'due-soon' : 'running';
}

/** The running office duties of a matter, earliest first: what the due-soon and overdue lists show. */
export function runningDuties(c: CaseProjection): Clock[] {
  return c.clocks
    .filter((k) => k.stoppedDay === undefined && !windows.includes(k.kind))
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/** The earliest running office duty's due day, or undefined: indexed by the `cases` collection. */
export function nextDue(c: CaseProjection): Clock | undefined {
  return runningDuties(c)[0];
}

/**
 * Overdue and due-soon duties of a matter today, each with the accountability article it maps to:
 * a late notice 第四十四条第三项, late handling 第四十五条第一项.
 */
export function deadlineFlags(c: CaseProjection, today: string, dueSoonDays = 3) {
  const duties = runningDuties(c);
  return {
    overdue: duties.filter((k) => clockState(k, today, dueSoonDays) === 'overdue'),
    dueSoon: duties.filter((k) => clockState(k, today, dueSoonDays) === 'due-soon'),
    uncertain: duties.some((k) => k.uncertain),
  };
}
