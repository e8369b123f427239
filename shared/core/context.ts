import type { Session, Settings } from '../contract/api';
import { ApiError } from '../contract/errors';
import { beijingDay, type HolidayCalendar } from '../domain/calendar';
import { CLOCK_TOLERANCE_MS } from '../domain/registration';
import type { DeskDatabase } from './database';
import type { CoreEmitter } from './emitter';
import type { Projector } from './projector';
import type { RepeatIndex } from './repeat-index';

/** What every handler of the desk core works with. */
export interface DeskContext {
  readonly db: DeskDatabase;
  readonly now: () => Date;
  readonly calendar: () => HolidayCalendar;
  readonly emitter: CoreEmitter;
  readonly projector: Projector;
  readonly repeats: RepeatIndex;
  readonly session: { current: Session | undefined };
  settings(): Promise<Settings>;
  /** Runs read-modify-write work one at a time (case numbers, petitioner updates). */
  serial<T>(work: () => Promise<T>): Promise<T>;
}

export function requireSession(ctx: DeskContext): Session {
  const session = ctx.session.current;
  if (!session) throw new ApiError('not-logged-in');
  return session;
}

/** Today as a Beijing day (legal days are Beijing days, whatever the machine's time zone). */
export function today(ctx: DeskContext): string {
  return beijingDay(ctx.now().toISOString());
}


/**
 * The time of an act done now on a matter whose last event is `lastEventAt`: now, or that event's time when another
 * desk's clock ran a little ahead (an act never precedes what it follows). Further ahead stays now, and is refused.
 */
export function actInstant(now: Date, lastEventAt: string): string {
  const last = Date.parse(lastEventAt);
  return last > now.getTime() && last <= now.getTime() + CLOCK_TOLERANCE_MS ? lastEventAt : now.toISOString();
}

/** A queue that runs one task at a time, in order; a failed task does not block the next. */
export function createSerial(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
