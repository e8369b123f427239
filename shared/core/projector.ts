import type { Subscription } from 'rxjs';
import type { CaseEvent, CaseProjection } from '../domain/case-types';
import type { HolidayCalendar } from '../domain/calendar';
import { nextDue } from '../domain/clocks';
import type { CaseDoc, CaseEventDoc } from '../domain/documents';
import { foldCase } from '../domain/fold';
import type { DeskDatabase } from './database';
import { queryStorage, readAll } from './read-all';

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

/**
 * Keeps the local `cases` collection equal to the fold of `case_events` (design.md §2): incrementally for the
 * matters an event touches (local acts and replicated ones alike), and from scratch on demand.
 */
export class Projector {
  private subscription: Subscription | undefined;
  /** Events the core projected itself right after writing them: the change stream need not fold them again. */
  private readonly projected = new Set<string>();

  constructor(
    private readonly db: DeskDatabase,
    private readonly calendar: () => HolidayCalendar,
    private readonly onChanged: (caseIds: string[], projections: CaseProjection[]) => void,
  ) {}

  /** Folds the given matters again and stores their projections; returns them. */
  async refresh(caseIds: Iterable<string>): Promise<CaseProjection[]> {
    const ids = [...new Set(caseIds)];
    if (ids.length === 0) return [];
    // One equality query per matter: RxDB plans `$in` as a scan of the whole index, which made every replicated
    // page cost a pass over all events (initial sync quadratic in its size); equality reads one index range.
    // Straight to the storage: the events are folded once and dropped, never used as RxDocuments.
    const docs = (await Promise.all(ids.map((id) => queryStorage(this.db.case_events, { selector: { caseId: id } })))).flat();
    const byCase = new Map<string, CaseEvent[]>();
    for (const doc of docs) {
      const event = asCaseEvent(doc);
      const list = byCase.get(event.caseId) ?? [];
      list.push(event);
      byCase.set(event.caseId, list);
    }
    const calendar = this.calendar();
    const projections = ids.flatMap((id) => foldCase(byCase.get(id) ?? [], calendar) ?? []);
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
    let scheduled: Promise<void> | undefined;
    this.subscription = this.db.case_events.$.subscribe((change) => {
      if (this.projected.delete(change.documentId)) return;
      pending.add((change.documentData as CaseEventDoc).caseId);
      scheduled ??= Promise.resolve().then(async () => {
        const batch = pending;
        pending = new Set();
        scheduled = undefined;
        await this.refresh(batch).catch(() => undefined); // retried with the next event of the matter or a rebuild
      });
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  /** Rebuilds every projection from the events (e.g. after a calendar update or a repair). */
  async rebuild(batchSize = 2_000): Promise<number> {
    const caseIds = new Set<string>();
    for await (const event of readAll(this.db.case_events)) caseIds.add(event.caseId);
    const ids = [...caseIds];
    for (let i = 0; i < ids.length; i += batchSize) await this.refresh(ids.slice(i, i + batchSize));
    const orphans = await this.db.cases.find({ selector: { id: { $nin: ids } } }).exec();
    if (orphans.length > 0) await this.db.cases.bulkRemove(orphans.map((d) => d.id));
    return ids.length;
  }
}
