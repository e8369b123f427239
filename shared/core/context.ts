import type { Session, Settings } from '../contract/api';
import { ApiError } from '../contract/errors';
import { beijingDay, type HolidayCalendar } from '../domain/calendar';
import { CLOCK_TOLERANCE_MS } from '../domain/registration';
import type { DeskDatabase } from './database';
import { signEvent } from '../auth/event-signatures';
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
  /**
   * The signed-in user, and their act-signing secret key unwrapped at login (memory only, never in the `Session`
   * the renderer sees; absent for a user who has no key yet).
   */
  readonly session: { current: Session | undefined; signingKey?: Uint8Array | undefined };
  settings(): Promise<Settings>;
  /** Runs read-modify-write work one at a time (case numbers, petitioner updates). */
  serial<T>(work: () => Promise<T>): Promise<T>;
}

export function requireSession(ctx: DeskContext): Session {
  const session = ctx.session.current;
  if (!session) throw new ApiError('not-logged-in');
  return session;
}

/**
 * The event as the desk records it: signed by the signed-in user (design.md §5), or as it is when the user has no
 * signing key yet (created before acts were signed: the server accepts it, and every desk shows it unsigned).
 */
export function signedByUser<E extends object>(ctx: DeskContext, event: E): E {
  const key = ctx.session.signingKey;
  return key ? signEvent(event, key) : event;
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
