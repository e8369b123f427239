/**
 * The official working-day calendar (法定节假日 and 调休) and small pure helpers on legal days.
 *
 * A legal day is a Beijing (UTC+8) calendar day written 'YYYY-MM-DD'. Arithmetic is done on UTC day numbers
 * (days since 1970-01-01), so the machine's time zone never matters; the current time is never read here.
 */
import { CALENDAR_VERSION, COVERED_YEARS, REST_DAYS, WORK_DAYS } from './calendar-data';

/** One dated entry of an official holiday schedule: the day and the holiday it belongs to (e.g. '国庆节'). */
export interface CalendarEntry {
  readonly day: string;
  readonly name: string;
}

/**
 * A versioned holiday calendar, as published each year by 国务院办公厅 under 《全国年节及纪念日放假办法》
 * (第六条 make-up rest days, 第七条 调休). Treat it as immutable: lookups are cached per object.
 */
export interface HolidayCalendar {
  /** e.g. 'cn-2026.1' — stored with every computed deadline so a recomputation can be explained. */
  readonly version: string;
  /** Years whose official schedule this table holds; any other year is uncertain. */
  readonly coveredYears: readonly number[];
  /** Mon–Fri dates that are rest days (法定节假日 and 调休休息日), 'YYYY-MM-DD'. */
  readonly restDays: readonly string[];
  /** Sat/Sun dates that are make-up working days (调休上班), 'YYYY-MM-DD'. */
  readonly workDays: readonly string[];
  /** Optional holiday name (Chinese) of each rest or make-up day, for explaining why a deadline moved. */
  readonly names?: Readonly<Record<string, string>>;
}

/** Builds a calendar from dated entries (as in calendar-data.ts or a calendar pushed by the county server). */
export function calendarFromEntries(
  version: string,
  coveredYears: readonly number[],
  restDays: readonly CalendarEntry[],
  workDays: readonly CalendarEntry[],
): HolidayCalendar {
  const names: Record<string, string> = {};
  for (const e of [...restDays, ...workDays]) names[e.day] = e.name;
  return {
    version,
    coveredYears: [...coveredYears],
    restDays: restDays.map((e) => e.day),
    workDays: workDays.map((e) => e.day),
    names,
  };
}

/** The calendar shipped with the desk (2024–2026, generated from `chinese-days`; see calendar-data.ts). */
export const defaultCalendar: HolidayCalendar = calendarFromEntries(
  CALENDAR_VERSION,
  COVERED_YEARS,
  REST_DAYS,
  WORK_DAYS,
);

const MS_PER_DAY = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Converts 'YYYY-MM-DD' to a UTC day number (days since 1970-01-01).
 * @throws RangeError if `day` is not a real calendar date in that exact format (a programmer error).
 */
export function toDayNumber(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (match) {
    const y = Number(match[1]);
    const m = Number(match[2]);
    const d = Number(match[3]);
    const ms = Date.UTC(y, m - 1, d);
    const back = new Date(ms);
    // Date.UTC silently normalises 2025-02-30 to March; the round trip rejects it. Years < 1000 are not legal days here.
    if (y >= 1000 && back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d) {
      return ms / MS_PER_DAY;
    }
  }
  throw new RangeError(`Invalid day ${JSON.stringify(day)}: expected a real calendar date 'YYYY-MM-DD'`);
}

/** Converts a UTC day number back to 'YYYY-MM-DD'. */
export function fromDayNumber(dayNumber: number): string {
  if (!Number.isSafeInteger(dayNumber)) throw new RangeError(`Invalid day number ${dayNumber}`);
  // Field getters and padding: several times faster than toISOString(), which matters in the fold.
  const date = new Date(dayNumber * MS_PER_DAY);
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  return `${date.getUTCFullYear()}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** True when `day` is a real calendar date written 'YYYY-MM-DD'. */
export function isValidDay(day: string): boolean {
  try {
    toDayNumber(day);
    return true;
  } catch {
    return false;
  }
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Invalid number of days ${n}: expected an integer`);
  return fromDayNumber(toDayNumber(day) + n);
}

/** Day of the week of `day`: 0 = Sunday, 1 = Monday … 6 = Saturday. */
export function dayOfWeek(day: string): number {
  return weekdayOf(toDayNumber(day));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier); `daysBetween(d, d) === 0`. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The year of `day`. */
export function yearOf(day: string): number {
  return yearOfNumber(toDayNumber(day));
}

/**
 * The Beijing (UTC+8, no daylight saving) calendar day of an ISO-8601 instant, e.g.
 * '2025-09-30T17:30:00.000Z' → '2025-10-01'. Periods end at 24:00 Beijing time (民法典 第二百零三条), so every
 * legal day is a Beijing day whatever the device's time zone.
 * @throws RangeError if `instant` is not an ISO-8601 date-time with 'Z' or an explicit offset.
 */
export function beijingDay(instant: string): string {
  const match = INSTANT_PATTERN.exec(instant);
  const ms = match ? Date.parse(instant) : Number.NaN;
  // The date part is checked separately because some engines accept e.g. '2025-02-30T…' and roll it over.
  if (!match || Number.isNaN(ms) || !isValidDay(match[1] ?? '')) {
    throw new RangeError(
      `Invalid instant ${JSON.stringify(instant)}: expected ISO-8601 with 'Z' or an offset, e.g. '2025-09-30T17:30:00.000Z'`,
    );
  }
  return fromDayNumber(Math.floor((ms + BEIJING_OFFSET_MS) / MS_PER_DAY));
}

/** Lookup sets of one calendar, keyed by day number. */
interface CalendarIndex {
  readonly rest: ReadonlySet<number>;
  readonly work: ReadonlySet<number>;
  /** Covered years as half-open day-number ranges [first, next year's first), for a year check without Date. */
  readonly covered: readonly (readonly [number, number])[];
}

// Built once per calendar object: the fold classifies days for every matter (≈100,000) on each recomputation.
const indexCache = new WeakMap<HolidayCalendar, CalendarIndex>();

function indexOf(calendar: HolidayCalendar): CalendarIndex {
  let index = indexCache.get(calendar);
  if (!index) {
    index = {
      rest: new Set(calendar.restDays.map(toDayNumber)),
      work: new Set(calendar.workDays.map(toDayNumber)),
      covered: calendar.coveredYears.map(
        (y) => [Date.UTC(y, 0, 1) / MS_PER_DAY, Date.UTC(y + 1, 0, 1) / MS_PER_DAY] as const,
      ),
    };
    indexCache.set(calendar, index);
  }
  return index;
}

function weekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function yearOfNumber(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** Classification of one day: whether it is a working day and whether the calendar actually knows that year. */
export interface DayClass {
  readonly working: boolean;
  /** The day's year is not in `coveredYears`: `working` is only a Mon–Fri guess. */
  readonly uncertain: boolean;
}

/**
 * {@link isWorkingDay} on a day number (see {@link toDayNumber}); for loops that walk many days.
 */
export function classifyDayNumber(dayNumber: number, calendar: HolidayCalendar): DayClass {
  const index = indexOf(calendar);
  const uncertain = !index.covered.some(([first, next]) => dayNumber >= first && dayNumber < next);
  if (index.rest.has(dayNumber)) return { working: false, uncertain };
  if (index.work.has(dayNumber)) return { working: true, uncertain };
  const dow = weekdayOf(dayNumber);
  return { working: dow >= 1 && dow <= 5, uncertain };
}

/**
 * Whether `day` is a working day under the official calendar: Mon–Fri that is not a 法定节假日 or 调休 rest day,
 * or a Sat/Sun that is a make-up working day (调休上班). `uncertain` is true when the day's year is not covered by
 * the calendar; `working` is then a plain Mon–Fri guess and must not be presented as certain.
 * @throws RangeError if `day` is malformed.
 * @internal
 */
export function isWorkingDay(day: string, calendar: HolidayCalendar): { working: boolean; uncertain: boolean } {
  return classifyDayNumber(toDayNumber(day), calendar);
}

/** Chinese name of the holiday a rest or make-up day belongs to (e.g. '国庆节'), if the calendar records it. @internal */
export function holidayName(day: string, calendar: HolidayCalendar): string | undefined {
  toDayNumber(day);
  return calendar.names?.[day];
}
