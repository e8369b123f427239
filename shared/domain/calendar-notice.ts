/**
 * A year's 放假安排 (the 国务院办公厅 notice of the year's holidays and 调休), as a county administrator types it
 * for `npm run server -- admin calendar-add --year 2027 --file …`, and the pure check of that file.
 *
 * The format (README.md, "Holiday calendar for a new year"): one day or one range per line,
 *
 *   休 2027-01-01              # 元旦
 *   休 2027-02-06 至 2027-02-12  # 春节
 *   班 2027-02-14
 *
 * `休` marks a rest day (法定节假日 or 调休休息日), `班` a make-up working day (调休上班); `#` starts a comment. Dates
 * may also be written 2027-1-1, 2027/1/1 or 2027年1月1日. As in the rest of the calendar model, a Saturday or Sunday
 * that is not listed as 班 is a rest day and a Monday–Friday not listed as 休 is a working day, so only what the
 * notice changes is listed. How rest days then move a deadline is 民法典 第二百零一条、第二百零三条 (deadlines.ts).
 */
import { addDays, dayOfWeek, isValidDay, toDayNumber } from './calendar';

/** Why a 放假安排 file is refused; each problem is reported with its line where it has one. */
export const calendarProblemCodes = [
  'year-invalid', // --year is not a year from 2000 to 2100
  'file-encoding', // the file is not UTF-8 (e.g. saved as GBK by an old Notepad)
  'file-empty', // no 休 or 班 line at all
  'line-unreadable', // not `休|班 <date>` or `休|班 <date> 至 <date>`
  'not-a-date', // e.g. 2027-02-30
  'wrong-year', // a day outside the year (and outside the December before it)
  'range-reversed', // a range whose end is before its start
  'duplicate-day', // a day listed twice with the same mark
  'rest-and-work', // a day listed both as 休 and as 班
  'work-on-weekday', // 班 on a Monday–Friday: already a working day, most likely a mistyped date
  'statutory-holiday-not-rest', // 元旦, 劳动节 or 国庆节 (fixed dates, 放假办法 第二条) is not a rest day
] as const;
/** A reason code of a refused 放假安排 file; shared/messages/calendar.ts has its Chinese. */
export type CalendarProblemCode = (typeof calendarProblemCodes)[number];

/** One problem of a 放假安排 file: its code, the 1-based line and the day concerned, where there are. */
export interface CalendarProblem {
  readonly code: CalendarProblemCode;
  readonly line?: number;
  readonly day?: string;
}

/** A checked 放假安排: the listed days as the calendar model stores them, sorted. */
export interface HolidayNotice {
  readonly year: number;
  /** Monday–Friday rest days (法定节假日 and 调休休息日); listed weekends are rest days anyway and are dropped. */
  readonly restDays: readonly string[];
  /** Saturday/Sunday make-up working days (调休上班). */
  readonly workDays: readonly string[];
}

/** A checked notice, or every problem of the file (it is refused as a whole). */
export type NoticeResult =
  | { readonly ok: true; readonly notice: HolidayNotice }
  | { readonly ok: false; readonly problems: readonly CalendarProblem[] };

/** The first year a notice may be loaded for. */
export const NOTICE_YEAR_MIN = 2000;
/** The last year a notice may be loaded for. */
export const NOTICE_YEAR_MAX = 2100;

type Mark = 'rest' | 'work';

const LINE = /^(休|班)\s*(.+)$/u;
const RANGE = /\s*(?:至|~|～)\s*/u;
const DATE = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/u;

/** '2027年2月6日', '2027/2/6', '2027-2-6' → '2027-02-06'; undefined when it is not shaped like a date at all. */
function normalDate(text: string): string | undefined {
  const [, y, m, d] = DATE.exec(text) ?? [];
  return y && m && d ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : undefined;
}

/**
 * Days of year `year` a notice may list: the year itself, and the December before it, because a notice can move
 * the days around 元旦 into the old year (the 2019 notice: 2018年12月29日上班, 12月30日至2019年1月1日放假调休).
 */
function inNoticeRange(day: string, year: number): boolean {
  return day.startsWith(`${year}-`) || day.startsWith(`${year - 1}-12-`);
}

/**
 * The fixed-date holidays of 《全国年节及纪念日放假办法》第二条 (元旦 1月1日, 劳动节 5月1日、2日, 国庆节 10月1日至3日)
 * in `year`; 劳动节 is two days from 2025 on (2024年11月10日 修订), one day before. The lunar ones (春节, 清明节,
 * 端午节, 中秋节) cannot be checked without a lunar calendar.
 */
export function fixedStatutoryHolidays(year: number): string[] {
  const labourDay = year >= 2025 ? ['05-01', '05-02'] : ['05-01'];
  return ['01-01', ...labourDay, '10-01', '10-02', '10-03'].map((md) => `${year}-${md}`);
}

const isWeekend = (day: string): boolean => {
  const dow = dayOfWeek(day);
  return dow === 0 || dow === 6;
};

/**
 * Reads and checks the 放假安排 of `year` written in the format above. Every problem of the file is reported, not
 * only the first, so the administrator fixes them in one go; a file with any problem is refused as a whole.
 */
export function parseHolidayNotice(year: number, text: string): NoticeResult {
  if (!Number.isSafeInteger(year) || year < NOTICE_YEAR_MIN || year > NOTICE_YEAR_MAX)
    return { ok: false, problems: [{ code: 'year-invalid' }] };
  // A decoder that met bytes it could not read (GBK read as UTF-8) leaves U+FFFD; the rest of the file is noise.
  if (text.includes('\uFFFD')) return { ok: false, problems: [{ code: 'file-encoding' }] };
  const problems: CalendarProblem[] = [];
  const marks = new Map<string, { mark: Mark; line: number }>();
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
  for (const [i, raw] of lines.entries()) {
    const lineNo = i + 1;
    const line = raw
      .replace(/[#＃].*$/u, '')
      .replace(/\s+/gu, ' ')
      .trim(); // \s covers the ideographic space U+3000
    if (line === '') continue;
    const [, markText, dates] = LINE.exec(line) ?? [];
    const ends = dates?.split(RANGE) ?? [];
    const from = ends.length <= 2 ? normalDate(ends[0] ?? '') : undefined;
    const to = ends.length === 2 ? normalDate(ends[1] ?? '') : from;
    if (!markText || !from || !to) {
      problems.push({ code: 'line-unreadable', line: lineNo });
      continue;
    }
    const bad = [from, to].find((d) => !isValidDay(d));
    if (bad) {
      problems.push({ code: 'not-a-date', line: lineNo, day: bad });
      continue;
    }
    if (toDayNumber(to) < toDayNumber(from)) {
      problems.push({ code: 'range-reversed', line: lineNo, day: to });
      continue;
    }
    const mark: Mark = markText === '休' ? 'rest' : 'work';
    for (let day = from; toDayNumber(day) <= toDayNumber(to); day = addDays(day, 1)) {
      problems.push(...checkDay(day, mark, lineNo, year, marks));
    }
  }
  if (marks.size === 0 && problems.length === 0) return { ok: false, problems: [{ code: 'file-empty' }] };
  for (const day of fixedStatutoryHolidays(year)) {
    const listed = marks.get(day)?.mark;
    if (listed === 'work' || (listed === undefined && !isWeekend(day)))
      problems.push({ code: 'statutory-holiday-not-rest', day });
  }
  if (problems.length > 0) return { ok: false, problems };
  const days = (mark: Mark) =>
    [...marks]
      .filter(([day, v]) => v.mark === mark && (mark === 'work' || !isWeekend(day)))
      .map(([day]) => day)
      .sort();
  return { ok: true, notice: { year, restDays: days('rest'), workDays: days('work') } };
}

function checkDay(
  day: string,
  mark: Mark,
  line: number,
  year: number,
  marks: Map<string, { mark: Mark; line: number }>,
): CalendarProblem[] {
  if (!inNoticeRange(day, year)) return [{ code: 'wrong-year', line, day }];
  const earlier = marks.get(day);
  if (earlier) return [{ code: earlier.mark === mark ? 'duplicate-day' : 'rest-and-work', line, day }];
  marks.set(day, { mark, line });
  if (mark === 'work' && !isWeekend(day)) return [{ code: 'work-on-weekday', line, day }];
  return [];
}

/**
 * The years a desk's calendar must cover on `today` (a Beijing day): the current year, and from 1 November on the
 * next one too, since the 国务院办公厅 publishes the next year's 放假安排 in the autumn and deadlines of late-year
 * matters (60 日 to handle, 第三十二条) run into it.
 */
export function yearsToCover(today: string): number[] {
  const year = Number(today.slice(0, 4));
  toDayNumber(today); // a malformed day is a programmer error
  return today.slice(5) >= '11-01' ? [year, year + 1] : [year];
}

/** The years of {@link yearsToCover} that `coveredYears` lacks: a desk asks the county to load them. */
export function missingCalendarYears(today: string, coveredYears: readonly number[]): number[] {
  return yearsToCover(today).filter((y) => !coveredYears.includes(y));
}
