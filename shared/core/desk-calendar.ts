import type { Subscription } from 'rxjs';
import type { HolidayCalendar } from '../domain/calendar';
import { mergeCalendars, type CalendarYear } from '../domain/calendar-merge';
import type { DeskDatabase } from './database';
import type { CoreEmitter } from './emitter';
import type { Projector } from './projector';
import { SerialQueue } from './serial';

/** The local document naming the calendar the stored projections were folded with. */
const foldedDoc = 'calendar-folded';

/**
 * The desk's holiday calendar (design.md §4): the table shipped with the software merged with the `calendars`
 * documents the county replicates (calendar-merge.ts), so a year the county loads (`admin calendar-add`) counts
 * at the desk from its next sync. Rest days decide where a deadline ends (民法典 第二百零一条、第二百零三条), so when
 * the calendar changes every matter is folded again; the calendar the projections were folded with is recorded,
 * and a desk stopped before that ended (or started with a newer bundled table) folds again at its next start.
 */
export class DeskCalendar {
  private merged: { calendar: HolidayCalendar; years: CalendarYear[] };
  private key: string;
  private subscription: Subscription | undefined;
  /** Loads and folds, one at a time; a failed fold is retried at the next change or the next start. */
  private readonly work = new SerialQueue();

  constructor(
    private readonly db: DeskDatabase,
    private readonly bundled: HolidayCalendar,
  ) {
    this.merged = mergeCalendars(bundled, []);
    this.key = calendarKey(this.merged.calendar);
  }

  /** The calendar deadlines are computed with now. */
  get current(): HolidayCalendar {
    return this.merged.calendar;
  }

  /** Each covered year and where it comes from (the settings page). */
  get years(): readonly CalendarYear[] {
    return this.merged.years;
  }

  /** Reads the replicated documents; true when the days the calendar decides changed. */
  async load(): Promise<boolean> {
    const docs = await this.db.calendars.find().exec();
    const next = mergeCalendars(
      this.bundled,
      docs.map((d) => d.toMutableJSON()),
    );
    const key = calendarKey(next.calendar);
    const changed = key !== this.key;
    this.merged = next;
    this.key = key;
    return changed;
  }

  /**
   * Follows the `calendars` collection: a change that changes the calendar folds every matter again and tells the
   * renderer. First, projections folded with another calendar than the current one are folded again too.
   */
  start(projector: Projector, emitter: CoreEmitter): Promise<void> {
    this.subscription = this.db.calendars.$.subscribe(() => {
      void this.work.run(async () => {
        const changed = await this.load();
        emitter.emit('data-changed', { collections: ['calendars'] }); // a reload of the same days is news too
        if (changed) await this.refold(projector);
      });
    });
    return this.work.run(async () => {
      const folded = (await this.db.getLocal<{ key: string }>(foldedDoc))?.toJSON().data.key;
      // A desk older than this record folded with the bundled table alone.
      if ((folded ?? calendarKey(mergeCalendars(this.bundled, []).calendar)) === this.key) await this.record(this.key);
      else await this.refold(projector);
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  /** Resolves when the calendar changes seen so far are loaded and folded into every matter. */
  idle(): Promise<void> {
    return this.work.idle();
  }

  private async refold(projector: Projector): Promise<void> {
    const key = this.key;
    await projector.rebuild();
    await this.record(key);
  }

  private async record(key: string): Promise<void> {
    await this.db.upsertLocal(foldedDoc, { key });
  }
}

/** A short fingerprint of what decides deadlines in a calendar: its years, rest days and make-up days. */
function calendarKey(calendar: HolidayCalendar): string {
  const text = JSON.stringify([calendar.coveredYears, calendar.restDays, calendar.workDays]);
  let hash = 0x811c9dc5; // FNV-1a, 32 bits
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}#${(hash >>> 0).toString(16)}`;
}
