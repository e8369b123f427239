import { answer, isWireRequest } from '#shared/contract/dispatch';
import { coreEventNames } from '#shared/contract/events';
import { createDesk } from '#shared/core/desk';
import { readOfficeTree } from '#shared/core/office-tree';
import { asCaseEvent } from '#shared/core/projector';
import { defaultCalendar } from '#shared/domain/calendar';
import type { CaseProjection } from '#shared/domain/case-types';
import type { CaseEventDoc } from '#shared/domain/documents';
import { causalOrder, foldCase } from '#shared/domain/fold';
import { getRxStorageSQLite } from '../../src-main/storage-sqlite/index';

/**
 * One desk of the torture run in a process of its own (so that it can be killed with SIGKILL mid-write): the real
 * desk core on its SQLite file in `TORTURE_DESK_DIR`, syncing through Node's fetch (the Electron main process's) with
 * the county server at whatever address it was enrolled with (the fault proxy). The parent drives it over the IPC
 * channel: the Api's wire requests, plus `inventory` (what the desk holds, and its projections checked against a
 * fresh fold) and `close`.
 */
const send = (message: unknown) => process.send?.(message);

const desk = await createDesk({
  storage: getRxStorageSQLite({ databaseDirectory: process.env.TORTURE_DESK_DIR! }),
  name: 'desk',
  sync: { fetch: (url, init) => fetch(url, init), retry: { minMs: 100, maxMs: 1_000 } },
});
for (const event of coreEventNames)
  if (event === 'sync-status-changed') desk.on(event, (payload) => send({ kind: 'event', event, payload }));

/** What the desk holds: every event (id, matter, type, the 信访件 a 重件 links), 信访件 and 信访人, and its projections. */
export interface Inventory {
  readonly events: readonly { id: string; caseId: string; type: string; petitionId?: string }[];
  readonly petitions: readonly { id: string; caseId: string }[];
  readonly petitioners: readonly string[];
  readonly cases: readonly string[];
  /** Matters whose stored projection differs from a fresh fold of the desk's events (or exists without one). */
  readonly wrongProjections: readonly {
    caseId: string;
    why: string;
    unfolded: readonly { id: string; type: string; recordedAt: string }[];
  }[];
}

async function inventory(): Promise<Inventory> {
  const eventDocs = (await desk.db.case_events.find().exec()).map((d) => d.toMutableJSON() as CaseEventDoc);
  const petitions = (await desk.db.petitions.find().exec()).map((d) => ({
    id: d.primary,
    caseId: String(d.get('caseId')),
  }));
  const petitioners = (await desk.db.petitioners.find().exec()).map((d) => d.primary);
  const stored = new Map(
    (await desk.db.cases.find().exec()).map((d) => [d.primary, d.toMutableJSON().projection as CaseProjection]),
  );
  const byCase = new Map<string, CaseEventDoc[]>();
  for (const e of eventDocs) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const tree = await readOfficeTree(desk.db);
  const wrongProjections: Inventory['wrongProjections'][number][] = [];
  for (const [caseId, events] of byCase) {
    const fresh = foldCase(events.map(asCaseEvent), defaultCalendar, tree);
    const projection = stored.get(caseId);
    if (!fresh && !projection) continue; // events whose 登记 has not arrived: nothing to fold yet
    // The events a stale projection lacks, in the fold's order: the parent tells a local act from a replicated one.
    const ordered = [...causalOrder(events.map(asCaseEvent))];
    const unfolded = ordered
      .slice(ordered.findIndex((e) => e.id === projection?.lastEventId) + 1)
      .map((e) => ({ id: e.id, type: e.type, recordedAt: e.recordedAt }));
    if (!projection) wrongProjections.push({ caseId, why: `no projection (${events.length} events)`, unfolded });
    else if (!fresh) wrongProjections.push({ caseId, why: 'a projection without a 登记', unfolded: [] });
    else if (JSON.stringify(fresh) !== JSON.stringify(projection))
      wrongProjections.push({
        caseId,
        why: `stale: folded ${projection.eventCount} of ${fresh.eventCount} events`,
        unfolded,
      });
  }
  for (const caseId of stored.keys())
    if (!byCase.has(caseId)) wrongProjections.push({ caseId, why: 'a projection without events', unfolded: [] });
  return {
    events: eventDocs.map((e) => ({
      id: e.id,
      caseId: e.caseId,
      type: e.type,
      ...(e.type === 'link' ? { petitionId: String((e.payload as { petitionId?: string }).petitionId) } : {}),
    })),
    petitions,
    petitioners,
    cases: [...stored.keys()],
    wrongProjections,
  };
}

process.on('message', (message: unknown) => {
  if (isWireRequest(message)) {
    void answer(desk.api, message, (error) => console.error('desk internal error', error)).then(send);
    return;
  }
  const control = message as { kind: 'control'; id: number; op: 'inventory' | 'close' };
  const run = control.op === 'inventory' ? inventory() : desk.close().then(() => null);
  void run.then(
    (value) => send({ kind: 'control-result', id: control.id, value }),
    (error: unknown) => send({ kind: 'control-result', id: control.id, error: String(error) }),
  );
});
send({ kind: 'ready' });
