/**
 * The desk's holiday calendar made of the one shipped with the software and the 放假安排 the county loaded
 * (`admin calendar-add`, replicated to every desk in the `calendars` collection). 《全国年节及纪念日放假办法》
 * 第二条、第六条、第七条 make the holidays and 调休 a yearly notice, so a year is data that arrives after a release.
 */
import { isValidDay, yearOf, type HolidayCalendar } from './calendar';
import type { HolidayNotice } from './calendar-notice';
import type { CalendarDoc } from './documents';

/** Where the schedule of one covered year comes from, as the desk's settings page shows it. */
export interface CalendarYear {
  readonly year: number;
  /** 'bundled': shipped with this desk's software; 'county': sent by the county server (`admin calendar-add`). */
  readonly source: 'bundled' | 'county';
  readonly version: string;
  /** When the county loaded it (ISO instant); absent for the bundled years. */
  readonly loadedAt?: string;
}

/** The document a loaded year travels in: one per year, so loading a year again replaces it and only it. */
export function countyCalendarId(year: number): string {
  return `calendar-${year}`;
}

/** The replicated document of a checked notice; `revision` counts the loads of the same year (1, 2, …). */
export function calendarDocOf(notice: HolidayNotice, revision: number, updatedAt: string): CalendarDoc {
  return {
    id: countyCalendarId(notice.year),
    version: `county-${notice.year}.${revision}`,
    coveredYears: [notice.year],
    restDays: [...notice.restDays],
    workDays: [...notice.workDays],
    updatedAt,
  };
}

type Source =
  | { readonly kind: 'bundled'; readonly calendar: HolidayCalendar }
  | { readonly kind: 'county'; readonly doc: CalendarDoc };

const coveredBy = (s: Source) => (s.kind === 'bundled' ? s.calendar.coveredYears : s.doc.coveredYears);
// The server checked every day it sent; one it could not have sent is skipped rather than stopping the desk.
const daysOf = (s: Source, which: 'restDays' | 'workDays') =>
  (s.kind === 'bundled' ? s.calendar[which] : s.doc[which]).filter(isValidDay);
const versionOf = (s: Source) => (s.kind === 'bundled' ? s.calendar.version : s.doc.version);

/**
 * One calendar from the bundled one and the replicated documents. Each covered year is taken whole from one
 * source: a county document over the bundled table (unless it holds that same table, by its version), and of two
 * county documents the later loaded. A document's
 * days outside its own years (a notice's days of the December before, see calendar-notice.ts) then override those
 * days, the notice of the later year last, since the later notice is the one that moved them.
 */
export function mergeCalendars(
  bundled: HolidayCalendar,
  docs: readonly CalendarDoc[],
): { calendar: HolidayCalendar; years: CalendarYear[] } {
  const winners = new Map<number, Source>();
  const base: Source = { kind: 'bundled', calendar: bundled };
  for (const year of bundled.coveredYears) winners.set(year, base);
  // The server's copy of this very table (`admin demo` stores the bundled table): a version names its data.
  const byLoad = docs
    .filter((d) => d.version !== bundled.version)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id < b.id ? -1 : 1));
  for (const doc of byLoad) {
    const source: Source = { kind: 'county', doc };
    for (const year of doc.coveredYears) winners.set(year, source);
  }

  const chosen = [...winners].sort(([a], [b]) => a - b);
  const years = chosen.map(([year]) => year);
  const marks = new Map<string, 'rest' | 'work'>();
  const mark = (s: Source, keep: (day: string) => boolean) => {
    for (const day of daysOf(s, 'restDays')) if (keep(day)) marks.set(day, 'rest');
    for (const day of daysOf(s, 'workDays')) if (keep(day)) marks.set(day, 'work');
  };
  for (const [year, source] of chosen) mark(source, (day) => yearOf(day) === year);
  const lastYear = (s: Source) => Math.max(...coveredBy(s));
  for (const source of [...new Set(chosen.map(([, s]) => s))].sort((a, b) => lastYear(a) - lastYear(b))) {
    mark(source, (day) => !coveredBy(source).includes(yearOf(day)));
  }

  const sorted = [...marks].sort(([a], [b]) => (a < b ? -1 : 1));
  const names: Record<string, string> = {};
  for (const [day] of sorted) {
    const name = winners.get(yearOf(day))?.kind === 'bundled' ? bundled.names?.[day] : undefined; // county files carry no names
    if (name) names[day] = name;
  }
  const calendar: HolidayCalendar = {
    version: [...new Set(chosen.map(([, s]) => versionOf(s)))].join('+'),
    coveredYears: years,
    restDays: sorted.filter(([, m]) => m === 'rest').map(([day]) => day),
    workDays: sorted.filter(([, m]) => m === 'work').map(([day]) => day),
    names,
  };
  return {
    calendar,
    years: chosen.map(([year, s]): CalendarYear =>
      s.kind === 'bundled'
        ? { year, source: 'bundled', version: s.calendar.version }
        : { year, source: 'county', version: s.doc.version, loadedAt: s.doc.updatedAt },
    ),
  };
}
