/**
 * Deadline arithmetic for the clocks of 《信访工作条例》 (see domain-rules.md, "Deadlines").
 *
 * The 条例 says "N日" everywhere and "5个工作日" once (第二十三条第三款); it does not define how periods are
 * counted, so the general rules of 民法典 apply (default, configurable by the county — domain-research.md §9.2):
 * - 第二百零一条: the start day (day 0: receipt, 受理, 送达 …) is not counted; counting starts the next day.
 * - 第二百零三条: a period ends at 24:00 on its last day; if that day is a 法定休假日 the period ends on the next
 *   day after the holiday. Following judicial practice, weekly rest days count as 法定休假日 too, so the last day
 *   moves to the next working day of the official calendar (调休 included).
 *
 * Extensions and pauses — the caller's job, done by lengthening the raw period, never by chaining due dates:
 * - 第三十四条 extension (≤30日, once, with approval): `dueDate(start, { days: 60 + extension, unit: 'calendar' })`.
 *   The extension adds to the original (raw, unrolled) 60th day and the rest-day rule applies once, at the end.
 * - 第三十六条第二款 复核 hearing (听证) time is not counted: add the paused calendar days to the period the same
 *   way, `dueDate(received, { days: 30 + pausedDays, unit: 'calendar' })`.
 *
 * All days are Beijing days 'YYYY-MM-DD' (see `beijingDay`); `today` is always passed in.
 */
import { classifyDayNumber, fromDayNumber, toDayNumber } from './calendar';
import type { HolidayCalendar } from './calendar';

/**
 * A legal period: "N日" (`unit: 'calendar'`) or "N个工作日" (`unit: 'working'`, 信访工作条例 第二十三条第三款).
 * `days` is a non-negative integer; 0 means "the same day" (当场, 第二十三条第二款), see {@link dueDate}.
 */
export type Period = { days: number; unit: 'calendar' | 'working' };

/** A computed deadline. `uncertain` means a day that had to be classified lies outside the calendar's years. */
export interface Due {
  /** Last day of the period, 'YYYY-MM-DD' (Beijing); still in time until 24:00 Beijing on this day. */
  due: string;
  /** True when the result rests on a Mon–Fri guess for a year the holiday calendar does not cover. */
  uncertain: boolean;
}

/**
 * The last day of `period` counted from `startDay` (day 0, not counted — 民法典 第二百零一条).
 *
 * - `calendar` ("N日": 信访工作条例 第二十二条、第二十三条 15日, 第三十四条 60日, 第三十五条、第三十六条 30日): day N is
 *   `startDay + N`; if it is not a working day it moves to the next working day (民法典 第二百零三条).
 * - `working` ("N个工作日", 第二十三条第三款 5个工作日): the N-th working day after `startDay`, counting Mon–Fri
 *   that are not rest days plus make-up Saturdays/Sundays (调休上班).
 * - `days: 0` (当场, 第二十三条第二款) gives `startDay` itself, or the next working day if `startDay` is a rest day
 *   — the same rest-day rule, for both units.
 *
 * `uncertain` is true when any day that had to be classified (day N and every day rolled over, or every day
 * counted for a working period) lies in a year not in `calendar.coveredYears`; `due` is then a Mon–Fri guess.
 * @throws RangeError if `startDay` is malformed or `period.days` is not a non-negative integer.
 */
export function dueDate(startDay: string, period: Period, calendar: HolidayCalendar): Due {
  const start = toDayNumber(startDay);
  const { days, unit } = period;
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new RangeError(`Invalid period of ${String(days)} days: expected a non-negative integer`);
  }
  if (unit === 'working') {
    const { day, uncertain } = nthWorkingDay(start, days, calendar);
    return { due: fromDayNumber(day), uncertain };
  }
  if (unit !== 'calendar') throw new RangeError(`Invalid period unit ${JSON.stringify(unit)}`);
  const { day, uncertain } = firstWorkingDayFrom(start + days, calendar);
  return { due: fromDayNumber(day), uncertain };
}

/** The first working day on or after `day`, and whether any day looked at was uncertain. */
function firstWorkingDayFrom(day: number, calendar: HolidayCalendar): { day: number; uncertain: boolean } {
  let uncertain = false;
  for (let d = day; ; d++) {
    const c = classifyDayNumber(d, calendar);
    uncertain ||= c.uncertain;
    if (c.working) return { day: d, uncertain };
  }
}

/** The `n`-th working day after `start` (n = 0: `start` rolled to a working day). */
function nthWorkingDay(start: number, n: number, calendar: HolidayCalendar): { day: number; uncertain: boolean } {
  if (n === 0) return firstWorkingDayFrom(start, calendar);
  let uncertain = false;
  let counted = 0;
  for (let d = start + 1; ; d++) {
    const c = classifyDayNumber(d, calendar);
    uncertain ||= c.uncertain;
    if (c.working && ++counted === n) return { day: d, uncertain };
  }
}

/**
 * Working days in the interval (`from`, `to`]: after `from`, up to and including `to` (0 if `to` ≤ `from`).
 * So `workingDaysBetween(start, dueDate(start, { days: n, unit: 'working' }).due).count === n` for n ≥ 1
 * (信访工作条例 第二十三条第三款). `uncertain` as in {@link dueDate}.
 * @internal
 */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: HolidayCalendar,
): { count: number; uncertain: boolean } {
  const end = toDayNumber(to);
  let count = 0;
  let uncertain = false;
  for (let d = toDayNumber(from) + 1; d <= end; d++) {
    const c = classifyDayNumber(d, calendar);
    uncertain ||= c.uncertain;
    if (c.working) count++;
  }
  return { count, uncertain };
}

/**
 * Calendar days left from `today` to `due`: 0 on the due day itself (still in time until 24:00 Beijing,
 * 民法典 第二百零三条第二款), negative once overdue (信访工作条例 第四十四条、第四十五条 accountability).
 */
export function daysLeft(today: string, due: string): number {
  return toDayNumber(due) - toDayNumber(today);
}

/** The period has expired: `today` is after `due` (信访工作条例 第四十四条(三) notice late, 第四十五条(一) handling late). */
export function isOverdue(today: string, due: string): boolean {
  return daysLeft(today, due) < 0;
}

/**
 * Due soon: not yet overdue and at most `withinDays` calendar days left (domain-rules.md: ≤3 days by default,
 * configurable by the county). Overdue items are not "due soon"; they are on the overdue list.
 * @throws RangeError if `withinDays` is not a non-negative integer.
 */
export function isDueSoon(today: string, due: string, withinDays = 3): boolean {
  if (!Number.isSafeInteger(withinDays) || withinDays < 0) {
    throw new RangeError(`Invalid due-soon window ${withinDays}: expected a non-negative integer`);
  }
  const left = daysLeft(today, due);
  return left >= 0 && left <= withinDays;
}
