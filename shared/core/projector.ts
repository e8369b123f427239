import type { Subscription } from 'rxjs';
import type { CaseEvent, CaseProjection } from '../domain/case-types';
import type { HolidayCalendar } from '../domain/calendar';
import { nextDue } from '../domain/clocks';
import type { CaseDoc, CaseEventDoc } from '../domain/documents';
import { foldCase } from '../domain/fold';
import type { DeskDatabase } from './database';
import { readOfficeTree } from './office-tree';
import { getChangedDocumentsSince } from 'rxdb';
import { countStorage, queryStorage, readAll } from './read-all';
import { SerialQueue } from './serial';

/** The row the `cases` collection holds for a projection: indexed columns plus the projection itself. */
export function toCaseDoc(c: CaseProjection): CaseDoc {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    status: c.status,
    class: c.class ?? 'unclassified',
    channel: c.channel,
    currentOfficeId: c.currentOfficeId,
    receivedAt: c.receivedAt,
    nextDue: nextDue(c)?.due ?? '9999-12-31',
    restricted: c.restricted,
    projection: c,
  };
}

/** A stored event document is a case event: the core and the server validate payloads before storing them. */
export function asCaseEvent(doc: CaseEventDoc): CaseEvent {
  return doc as unknown as CaseEvent; // payload checked by payloadSchemas[type] before it was stored
}

/** A position in a storage's changes feed. */
interface FeedCheckpoint {
  readonly id: string;
  readonly lwt: number;
}

/** A local document that exists while replicated matters wait to be folded (see `hold`). */
const heldDoc = 'projector-held';
/**
 * A local document holding the `case_events` storage checkpoint up to which every matter was checked against its
 * projection at an open (see `catchUp`).
 */
const checkedDoc = 'projector-checked';
/** Events read per page of the changes feed at an open. */
const CHECK_PAGE = 5_000;
/** Matters whose projection is compared with their events at once (one indexed count each). */
const CHECK_BATCH = 200;
/** Matters folded per refresh when many are due at once (a rebuild, the end of a catch-up). */
const FOLD_BATCH = 2_000;
/** A long catch-up folds what it has held at most this often, so its matters appear while it runs. */
const HOLD_FLUSH_MS = 10_000;

/**
 * Keeps the local `cases` collection equal to the fold of `case_events` (design.md §2): incrementally for the
 * matters an event touches (local acts and replicated ones alike), and from scratch on demand.
 *
 * Refreshes run one at a time, in the order asked: a refresh reads the events after every earlier refresh has
 * stored its projections, so the last refresh of a matter always stores the fold of everything written before it
 * was asked for (two overlapping refreshes could otherwise store an older fold over a newer one).
 */
export class Projector {
  private subscription: Subscription | undefined;
  /** Events the core projected itself right after writing them: the change stream need not fold them again. */
  private readonly projected = new Set<string>();
  private readonly refreshes = new SerialQueue();
  /** The change-stream batch waiting for its microtask (see `start`). */
  private scheduled: Promise<void> | undefined;
  private holding = false;
  /** When the matters now held started to be held (`clock` time). */
  private heldSince = 0;
  /** Matters with replicated events that arrived during a hold. */
  private readonly held = new Set<string>();

  constructor(
    private readonly db: DeskDatabase,
    private readonly calendar: () => HolidayCalendar,
    private readonly onChanged: (caseIds: string[], projections: CaseProjection[]) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Folds the given matters again and stores their projections (after every earlier refresh); returns them. */
  refresh(caseIds: Iterable<string>): Promise<CaseProjection[]> {
    const ids = [...new Set(caseIds)];
    if (ids.length === 0) return Promise.resolve([]);
    return this.refreshes.run(() => this.fold(ids));
  }

  private async fold(ids: string[]): Promise<CaseProjection[]> {
    // One equality query per matter: RxDB plans `$in` as a scan of the whole index, which made every replicated
    // page cost a pass over all events (initial sync quadratic in its size); equality reads one index range.
    // Straight to the storage: the events are folded once and dropped, never used as RxDocuments.
    // The office tree is read once per batch (tens of rows), so every matter's hierarchy checks run in the fold.
    const [tree, ...perCase] = await Promise.all([
      readOfficeTree(this.db),
      ...ids.map((id) => queryStorage(this.db.case_events, { selector: { caseId: id } })),
    ]);
    const docs = perCase.flat();
    const byCase = new Map<string, CaseEvent[]>();
    for (const doc of docs) {
      const event = asCaseEvent(doc);
      const list = byCase.get(event.caseId) ?? [];
      list.push(event);
      byCase.set(event.caseId, list);
    }
    const calendar = this.calendar();
    const projections = ids.flatMap((id) => foldCase(byCase.get(id) ?? [], calendar, tree) ?? []);
    if (projections.length > 0) await this.db.cases.bulkUpsert(projections.map(toCaseDoc));
    this.onChanged(ids, projections);
    return projections;
  }

  /** Marks events the caller is about to project itself. */
  willProject(eventIds: Iterable<string>): void {
    for (const id of eventIds) this.projected.add(id);
  }

  /** Follows events that arrive by replication (or from another tab) and folds their matters. */
  start(): void {
    let pending = new Set<string>();
    this.subscription = this.db.case_events.$.subscribe((change) => {
      if (this.projected.delete(change.documentId)) return;
      const caseId = (change.documentData as CaseEventDoc).caseId;
      if (this.holding) {
        this.held.add(caseId);
        return;
      }
      pending.add(caseId);
      this.scheduled ??= Promise.resolve().then(async () => {
        const batch = pending;
        pending = new Set();
        this.scheduled = undefined;
        await this.refresh(batch).catch(() => undefined); // retried with the next event of the matter or a rebuild
      });
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  /**
   * Replication is catching up (full pages keep coming): the matters its events touch are folded once, at
   * `release`, instead of once per page. A county's feed interleaves its matters, so every page of 1,000 events
   * touched about as many matters, and an initial sync folded each matter once per event it had. Resolves once a
   * marker document is stored: a desk that stops before `release` rebuilds its projections at the next open
   * (`recover`), so no replicated event stays unfolded. A catch-up that runs long (a county desk's first sync)
   * folds what it holds every `HOLD_FLUSH_MS`, in the background, so its matters appear while it runs.
   */
  async hold(): Promise<void> {
    if (this.holding) {
      if (this.clock() - this.heldSince >= HOLD_FLUSH_MS) void this.foldHeld().catch(() => undefined); // folded again by the release or a rebuild
      return;
    }
    this.holding = true;
    this.heldSince = this.clock();
    await this.db.upsertLocal(heldDoc, { since: this.heldSince });
  }

  /** Ends a hold: folds every matter that received events during it, then removes the marker. */
  async release(): Promise<void> {
    if (!this.holding) return;
    this.holding = false;
    await this.foldHeld();
    await this.clearMarker();
  }

  /** Folds the matters held so far (the hold itself, if any, goes on). */
  private async foldHeld(): Promise<void> {
    const ids = [...this.held];
    this.held.clear();
    this.heldSince = this.clock();
    await this.refreshAll(ids);
  }

  /** Folds many matters, `FOLD_BATCH` to a refresh. */
  private async refreshAll(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += FOLD_BATCH) await this.refresh(ids.slice(i, i + FOLD_BATCH));
  }

  /** Removes the hold's marker, unless a new hold began meanwhile. */
  private async clearMarker(): Promise<void> {
    if (!this.holding) await (await this.db.getLocal(heldDoc))?.remove();
  }

  /** Resolves once every event seen so far is folded (after a release, before reading projections). */
  async idle(): Promise<void> {
    await this.scheduled;
    await this.refreshes.idle();
  }

  /**
   * After a stop during a hold (see `hold`): folds every matter again and removes the marker; false at once when
   * there was none. The desk runs it in the background: until it ends, the list may show older projections.
   */
  async recover(): Promise<boolean> {
    if (!(await this.db.getLocal(heldDoc))) return false;
    await this.rebuild();
    await this.clearMarker();
    return true;
  }

  /**
   * At an open, before the desk answers: folds again every matter whose stored events are not all in its
   * projection. A desk killed after an event was written but before its matter was folded (a registration is
   * answered before it is applied, a replicated page is stored before its matters are folded) would otherwise not
   * list the matter, or list it in an older state, until something else folded it.
   *
   * Cheap at open: only events written since the previous open are read (the feed after the stored checkpoint,
   * on the [_meta.lwt, id] index), and a matter they touch is folded again only when the count of its events
   * (one indexed count) differs from the `eventCount` its projection folded — events are insert-only, so a
   * projection that folded as many events as its matter has folded all of them. The checkpoint is advanced only
   * here, once every matter before it is folded, so a kill at any point leaves it before every unfolded event.
   * Returns how many matters were folded again. A pending `hold` marker means `recover` rebuilds everything, so
   * the check is left to the next open.
   */
  async catchUp(): Promise<number> {
    if (await this.db.getLocal(heldDoc)) return 0;
    let checkpoint = (await this.db.getLocal<{ checkpoint: FeedCheckpoint }>(checkedDoc))?.get('checkpoint');
    const wholeFeed = !checkpoint;
    const touched = new Map<string, number>(); // matter → its events read from the feed
    for (;;) {
      const page = await getChangedDocumentsSince(this.db.case_events.storageInstance, CHECK_PAGE, checkpoint);
      for (const doc of page.documents) touched.set(doc.caseId, (touched.get(doc.caseId) ?? 0) + 1);
      if (page.documents.length > 0) checkpoint = page.checkpoint as FeedCheckpoint; // the feed's own checkpoint type
      if (page.documents.length < CHECK_PAGE) break;
    }
    // Read from its start, the feed holds every event of a matter: no count needs asking (the first open after
    // the upgrade that brought the check reads every event once).
    const stale = await this.unfolded([...touched.keys()], wholeFeed ? touched : undefined);
    await this.refreshAll(stale);
    if (checkpoint) await this.db.upsertLocal(checkedDoc, { checkpoint });
    return stale.length;
  }

  /**
   * The matters among `ids` whose projection is missing or folded fewer (or more) events than they have; `known`
   * gives the counts when they are known already, else each is counted on the `caseId` index.
   */
  private async unfolded(ids: readonly string[], known?: ReadonlyMap<string, number>): Promise<string[]> {
    const stale: string[] = [];
    for (let i = 0; i < ids.length; i += CHECK_BATCH) {
      const batch = ids.slice(i, i + CHECK_BATCH);
      const folded = await this.db.cases.storageInstance.findDocumentsById(batch, false);
      const eventCounts = new Map(folded.map((doc) => [doc.id, doc.projection.eventCount]));
      const counts = await Promise.all(
        batch.map((id) => known?.get(id) ?? countStorage(this.db.case_events, { selector: { caseId: id } })),
      );
      stale.push(...batch.filter((id, k) => eventCounts.get(id) !== counts[k]));
    }
    return stale;
  }

  /** Rebuilds every projection from the events (e.g. after a calendar update or a repair). */
  async rebuild(): Promise<number> {
    const caseIds = new Set<string>();
    for await (const event of readAll(this.db.case_events)) caseIds.add(event.caseId);
    const ids = [...caseIds];
    await this.refreshAll(ids);
    const orphans = await this.db.cases.find({ selector: { id: { $nin: ids } } }).exec();
    if (orphans.length > 0) await this.db.cases.bulkRemove(orphans.map((d) => d.id));
    return ids.length;
  }
}
