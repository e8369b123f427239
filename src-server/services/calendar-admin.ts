import { defaultCalendar } from '#shared/domain/calendar';
import { calendarDocOf, countyCalendarId, mergeCalendars, type CalendarYear } from '#shared/domain/calendar-merge';
import { parseHolidayNotice, type CalendarProblem } from '#shared/domain/calendar-notice';
import type { CalendarDoc } from '#shared/domain/documents';
import type { Database } from '../db/database';
import { writeReference } from './admin';
import { withFeedAppends } from './feed';

/**
 * `admin calendar-add`: the county 信访局 loads a year's 放假安排 (国务院办公厅, under 《全国年节及纪念日放假办法》
 * 第二条、第六条、第七条) without a software release. The year travels in its own `calendars` document, which
 * replicates down to every office's desks at their next sync; loading a year again replaces that document.
 */

/** The file was refused: nothing was written. `problems` say why, line by line. */
export class CalendarFileRefused extends Error {
  constructor(
    readonly year: number,
    readonly problems: readonly CalendarProblem[],
  ) {
    super(`calendar file refused: ${problems.map((p) => p.code).join(', ')}`);
    this.name = 'CalendarFileRefused';
  }
}

export interface CalendarAdded {
  readonly year: number;
  readonly version: string;
  readonly restDays: number;
  readonly workDays: number;
  /** Every year the desks now cover, with where each comes from. */
  readonly years: readonly CalendarYear[];
}

/**
 * Checks `text` as the 放假安排 of `year` and stores it for every office.
 * @throws CalendarFileRefused when the file has any problem (see calendar-notice.ts).
 */
export async function addCalendarYear(
  db: Database,
  year: number,
  text: string,
  now = new Date(),
): Promise<CalendarAdded> {
  const result = parseHolidayNotice(year, text);
  if (!result.ok) throw new CalendarFileRefused(year, result.problems);
  const doc = await withFeedAppends(db, async (tx) => {
    // Locked so two loads of one year at once count their revisions one after the other.
    const { rows } = await tx.query<{ body: CalendarDoc }>(
      `SELECT body FROM docs WHERE collection = 'calendars' AND id = $1 FOR UPDATE`,
      [countyCalendarId(year)],
    );
    const revision = Number(/\.(\d+)$/.exec(rows[0]?.body.version ?? '')?.[1] ?? 0) + 1;
    const next = calendarDocOf(result.notice, revision, now.toISOString());
    await writeReference(tx, 'calendars', [next]);
    return next;
  });
  return {
    year,
    version: doc.version,
    restDays: doc.restDays.length,
    workDays: doc.workDays.length,
    years: await listCalendarYears(db),
  };
}

/** The years the desks cover: the software's own table and what the county loaded (`admin calendar-list`). */
export async function listCalendarYears(db: Database): Promise<CalendarYear[]> {
  const { rows } = await db.query<{ body: CalendarDoc }>(
    `SELECT body FROM docs WHERE collection = 'calendars' AND NOT deleted`,
  );
  return mergeCalendars(
    defaultCalendar,
    rows.map((r) => r.body),
  ).years;
}
