import type { Api } from '../contract/api';
import type { CoreEventName, CoreEvents } from '../contract/events';
import { defaultCalendar, type HolidayCalendar } from '../domain/calendar';
import { openDeskDatabase, type AnyStorage, type DeskDatabase } from './database';
import { CoreEmitter } from './emitter';
import { deskId } from './ids';
import { AppliedWrites, finishPendingRegistration } from './registration-intent';
import { Projector } from './projector';
import { RepeatIndex } from './repeat-index';
import { SerialQueue } from './serial';
import type { DeskContext } from './context';
import { DeskCalendar } from './desk-calendar';
import { calendarHandlers } from './handlers/calendar';
import { caseHandlers } from './handlers/cases';
import { directoryHandlers } from './handlers/directory';
import { draftHandlers } from './handlers/drafts';
import { petitionHandlers } from './handlers/petitions';
import { petitionerHandlers } from './handlers/petitioners';
import { sessionHandlers } from './handlers/session';
import { readSettings, settingsHandlers } from './handlers/settings';
import { SyncController, syncHandlers, type SyncOptions } from './replication-handlers';

export interface DeskOptions {
  /** Our SQLite storage in Electron main, Dexie in the web worker, memory in fast tests. */
  readonly storage: AnyStorage;
  /** Database name: the file stem for SQLite, the IndexedDB name in a browser. */
  readonly name?: string;
  /** The desk clock; legal times are taken from it (design.md §2). */
  readonly clock?: () => Date;
  /** The bundled holiday calendar; the years the county loads replicate in and are merged with it (design.md §4). */
  readonly calendar?: HolidayCalendar;
  /** Several tabs of the web edition on one IndexedDB (design.md §10). */
  readonly multiInstance?: boolean;
  /** Sync with the county server (design.md §3): the platform's fetch; absent, the desk never syncs. */
  readonly sync?: SyncOptions;
}

/** The desk core (design.md §1): the local database, the projector and every handler of the Api. */
export interface Desk {
  readonly api: Api;
  readonly db: DeskDatabase;
  on<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
  /** Folds every matter again from its events. */
  rebuild(): Promise<number>;
  /** Replication with the county server: started when a server is configured and the desk is enrolled. */
  readonly sync: SyncController;
  close(): Promise<void>;
}

/** Merges handler groups into one Api; two handlers of one name are a programming error (style.md). */
function mergeHandlers(...groups: Partial<Api>[]): Api {
  const api: Partial<Api> = {};
  for (const group of groups) {
    for (const name of Object.keys(group) as (keyof Api)[]) {
      if (name in api) throw new Error(`duplicate handler: ${name}`);
      Object.assign(api, { [name]: group[name] });
    }
  }
  return api as Api; // completeness is checked by `satisfies Api` at the call site
}

/**
 * A registration is answered before its documents are applied (handlers/petitions.ts): every handler first waits
 * for such writes, so whoever was told "saved" reads a desk that has it (a second registration linking to the
 * first included).
 */
function afterAppliedWrites(api: Api, applied: AppliedWrites): Api {
  const wrapped: Partial<Record<keyof Api, unknown>> = {};
  for (const name of Object.keys(api) as (keyof Api)[]) {
    const handler = api[name] as (args: unknown) => Promise<unknown>; // every handler takes its parsed arguments
    wrapped[name] = async (args: unknown) => {
      await applied.settled();
      return handler(args);
    };
  }
  return wrapped as Api; // the same names, each with its own signature
}

export async function createDesk(options: DeskOptions): Promise<Desk> {
  const db = await openDeskDatabase(options.storage, options.name ?? 'xinfang-desk', options.multiInstance ?? false);
  await deskId(db); // made once here, so concurrent handlers only ever read it
  const emitter = new CoreEmitter();
  const deskCalendar = new DeskCalendar(db, options.calendar ?? defaultCalendar);
  await deskCalendar.load();
  const calendar = () => deskCalendar.current;
  const repeats = new RepeatIndex(db);
  const now = options.clock ?? (() => new Date());
  const projector = new Projector(
    db,
    calendar,
    (caseIds, projections) => {
      void repeats.update(projections);
      emitter.emit('data-changed', { collections: ['cases', 'case_events'], caseIds });
    },
    () => now().getTime(),
  );
  const session: DeskContext['session'] = { current: undefined };
  const serial = new SerialQueue();
  const ctx: DeskContext = {
    db,
    now,
    calendar,
    emitter,
    projector,
    repeats,
    session,
    settings: () => readSettings(db, session.current?.office.id),
    serial: (work) => serial.run(work),
  };
  const sync = new SyncController(db, ctx.now, emitter, ctx.settings, projector, options.sync);
  const applied = new AppliedWrites();
  const handlers = mergeHandlers(
    sessionHandlers(ctx),
    petitionHandlers(ctx, applied),
    petitionerHandlers(ctx),
    caseHandlers(ctx),
    directoryHandlers(ctx),
    settingsHandlers(ctx),
    draftHandlers(ctx),
    calendarHandlers(ctx, deskCalendar),
    syncHandlers(sync, () => ctx.session.current),
  ) satisfies Api;
  const api = afterAppliedWrites(handlers, applied);
  projector.start();
  // A registration a crash interrupted is finished before anyone uses the desk (registration-intent.ts).
  const finished = await finishPendingRegistration(db);
  if (finished) await projector.refresh([finished]);
  // A matter whose events were written but not folded when the desk stopped is folded before anyone reads it.
  await projector.catchUp();
  // A desk stopped while replicated matters waited to be folded folds everything again, behind the login form.
  void projector.recover().catch(() => undefined); // the marker stays: tried again at the next open
  // Matters folded with another calendar (a year replicated in while the desk was stopped) are folded again.
  void deskCalendar.start(projector, emitter).catch(() => undefined); // the record stays: tried again at the next open
  emitter.on('data-changed', (change) => {
    // A changed server setting restarts (or stops) replication.
    if (change.collections.includes('settings')) void sync.resume();
    // Repeat detection is first needed while someone types a registration: the index is loaded once somebody has
    // signed in, not at the open, where reading every matter would hold up the login form (seconds at 100,000).
    if (change.collections.includes('session') && ctx.session.current) repeats.warm();
  });
  // The directory replicated in (a new office, a renamed one, the county's approval acts) reaches open screens.
  const directory = [
    db.offices.$.subscribe(() => emitter.emit('data-changed', { collections: ['offices'] })),
    db.users.$.subscribe(() => emitter.emit('data-changed', { collections: ['users'] })),
  ];
  await sync.resume();
  return {
    api,
    db,
    on: (event, listener) => emitter.on(event, listener),
    rebuild: () => projector.rebuild(),
    sync,
    async close() {
      await sync.stop();
      for (const subscription of directory) subscription.unsubscribe();
      deskCalendar.stop();
      projector.stop();
      await projector.idle();
      await db.close();
    },
  };
}
