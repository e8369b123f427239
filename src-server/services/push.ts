import { setImmediate as nextTurn } from 'node:timers/promises';
import { MAX_EVENTS_PER_CASE } from '#shared/domain/case-cap';
import type { PushResponse, PushRow, SyncRefusal, SyncRefusalCode, WireDocument } from '#shared/sync/protocol';
import type { Database, Sql } from '../db/database';
import { audienceOf, petitionerLinks, touchedCases, type Written } from './audience';
import { bodyOf, checkDocument, sameJson, storedBody, type CollectionPolicy, type Pusher } from './collections';
import { withFeedAppends } from './feed';
import { mergePetitioner } from './merge';
import { lockAndRead, logRefusals, writePush, type LockedState, type Stored } from './push-store';
import { caseSeers, petitionerSeers, type OfficeTree } from './visibility';

/**
 * A push (RxDB's protocol, design.md §3): every document is checked, and the batch is written in one transaction
 * that compares each stored document with the desk's `assumedMasterState`. The answer lists the server's state of
 * every conflicting document and every refused document with its code; the valid documents of the batch are kept.
 */
interface Candidate {
  readonly id: string;
  readonly body: Record<string, unknown>;
  readonly deleted: boolean;
  readonly assumed: WireDocument | undefined;
}

type Decision =
  | { kind: 'insert' }
  | { kind: 'update'; body: Record<string, unknown>; deleted: boolean; conflict: boolean }
  | { kind: 'same' }
  | { kind: 'conflict' }
  | { kind: 'refuse'; code: SyncRefusalCode; conflict: boolean };

const wire = (s: Stored): WireDocument => ({ ...s.body, _deleted: s.deleted });

/** Another matter's push took one of our new ids between our read and our insert: decide the batch again. */
class InsertRace extends Error {}

/**
 * How long a push's document checks run before other requests get a turn: checking a signed event (schema, payload,
 * Ed25519) costs ~0.25 ms here, so a batch of 2,000 would hold the event loop for half a second in one piece.
 */
const CHECK_SLICE_MS = 10;

/** `tree` is the office tree as of the request (the caller's cache, services/reference.ts). */
export async function pushDocuments(
  db: Database,
  policy: CollectionPolicy,
  pusher: Pusher,
  tree: OfficeTree,
  rows: readonly unknown[],
  now: () => Date,
): Promise<PushResponse> {
  const checked: SyncRefusal[] = [];
  const byId = new Map<string, Candidate>();
  let sliceStart = performance.now();
  for (const row of rows) {
    if (performance.now() - sliceStart > CHECK_SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
    const doc = (row as Partial<PushRow> | null)?.newDocumentState; // shape checked by checkDocument
    const code = checkDocument(policy, doc, pusher);
    const id =
      typeof doc === 'object' && doc !== null ? String((doc as Record<string, unknown>)[policy.primaryKey] ?? '') : '';
    if (code || !doc) {
      checked.push({ id, code: code ?? 'doc-malformed' });
      continue;
    }
    const assumed = (row as PushRow).assumedMasterState ?? undefined;
    byId.set(id, { id, body: storedBody(policy, pusher, bodyOf(doc)), deleted: doc._deleted === true, assumed });
  }
  const attempt = () =>
    withFeedAppends(db, async (tx) => {
      if (byId.size > 0) return writeBatch(tx, tree, policy, pusher, [...byId.values()], now().toISOString(), checked);
      await logRefusals(tx, policy, pusher, checked);
      return { conflicts: [], refused: checked };
    });
  try {
    return await attempt();
  } catch (error) {
    // The second attempt reads the other push's document under the same locks, and refuses or accepts it as stored.
    if (error instanceof InsertRace) return attempt();
    throw error;
  }
}

/** What a batch's decisions read: the state under the locks, who sees its 信访人, and the 登记 of each matter. */
interface Judging {
  readonly policy: CollectionPolicy;
  readonly pusher: Pusher;
  readonly state: LockedState;
  /** `petitioners`: the offices that see each pushed 信访人; `case`: each stored 信访人 the batch links. */
  readonly seers: ReadonlyMap<string, string[]>;
  /** `case_events`: the 登记 of each touched matter, stored or earlier in this batch. */
  readonly registers: Map<string, string>;
  /** `case_events`: how many events each touched matter holds, stored or inserted earlier in this batch. */
  readonly eventCounts: Map<string, number>;
  readonly now: string;
}

async function writeBatch(
  tx: Sql,
  tree: OfficeTree,
  policy: CollectionPolicy,
  pusher: Pusher,
  candidates: Candidate[],
  now: string,
  checked: readonly SyncRefusal[],
): Promise<PushResponse> {
  const ids = candidates.map((c) => c.id);
  const caseIds = touchedCases(
    policy,
    candidates.map((c) => c.body),
  );
  const state = await lockAndRead(tx, policy, ids, caseIds, [
    ...new Set(candidates.flatMap((c) => petitionerLinks(c.body))),
  ]);
  const owners = policy.write === 'merge' ? ownersOf(state.stored, ids) : state.linkedOwners;
  const judging: Judging = {
    policy,
    pusher,
    state,
    seers: petitionerSeers(owners, state.reach),
    registers: registersOf(state),
    eventCounts: eventCountsOf(state),
    now,
  };
  const refused = [...checked];
  const conflicts: WireDocument[] = [];
  const inserts: Candidate[] = [];
  const updates: { id: string; body: Record<string, unknown>; deleted: boolean }[] = [];
  for (const c of candidates) {
    const existing = state.stored.get(c.id);
    const d = decide(judging, c, existing);
    if (d.kind === 'insert') inserts.push(c);
    if (d.kind === 'update') updates.push({ id: c.id, body: d.body, deleted: d.deleted });
    if (d.kind === 'refuse') refused.push({ id: c.id, code: d.code });
    if (existing && (d.kind === 'conflict' || (d.kind === 'refuse' && d.conflict))) conflicts.push(wire(existing));
    if (d.kind === 'update' && d.conflict) conflicts.push({ ...d.body, _deleted: d.deleted });
  }
  const written: Written[] = [...inserts, ...updates].map((w) => ({ id: w.id, body: w.body }));
  const audience = audienceOf(tree, policy, pusher, written, state);
  const rows = inserts.map((c) => ({
    id: c.id,
    body: c.body,
    deleted: c.deleted,
    officeId: ownerOffice(policy, c.body, pusher),
    caseId: policy.visibility === 'case' ? String(c.body.caseId) : null,
  }));
  const inserted = await writePush(tx, policy, pusher, { inserts: rows, updates, ...audience, refused });
  if (inserted < inserts.length) throw new InsertRace();
  return { conflicts, refused };
}

/**
 * A conflict answer carries the stored document (RxDB's protocol) only to an office that may see it: an id reused
 * from another office's event, 信访件 or 信访人 is refused without it (第三十条第三款, design.md §3).
 */
function decide(j: Judging, c: Candidate, existing: Stored | undefined): Decision {
  const d = decideWrite(j, c, existing);
  if (existing && (d.kind === 'conflict' || (d.kind === 'refuse' && d.conflict)) && !maySee(j, existing)) {
    return { kind: 'refuse', code: d.kind === 'refuse' ? d.code : 'doc-other-office', conflict: false };
  }
  return d;
}

function decideWrite(j: Judging, c: Candidate, existing: Stored | undefined): Decision {
  const { policy, pusher } = j;
  if (policy.visibility === 'case') {
    const a = j.state.access.get(String(c.body.caseId));
    if (a?.registered && !a.officeIds.includes(pusher.officeId))
      return { kind: 'refuse', code: 'case-not-visible', conflict: false };
    if (!linksVisible(j, c.body)) return { kind: 'refuse', code: 'petitioner-not-visible', conflict: false };
  }
  if (!existing) {
    if (policy.write === 'merge' && c.body.officeId !== pusher.officeId)
      return { kind: 'refuse', code: 'doc-other-office', conflict: false };
    if (caseFull(j, c.body)) return { kind: 'refuse', code: 'case-too-many-events', conflict: false };
    if (secondRegister(j, c.body)) return { kind: 'refuse', code: 'case-already-registered', conflict: false };
    countEvent(j, c.body);
    return { kind: 'insert' };
  }
  switch (policy.write) {
    case 'append-only':
    case 'immutable':
      // A retried push of a document the server already holds unchanged is a success (design.md §3).
      if (sameJson(existing.body, c.body) && existing.deleted === c.deleted) return { kind: 'same' };
      return {
        kind: 'refuse',
        code: policy.write === 'append-only' ? 'event-rewrite' : 'doc-immutable',
        conflict: true,
      };
    case 'replace':
      if (
        policy.visibility === 'pusher' &&
        existing.body.officeId !== undefined &&
        existing.body.officeId !== pusher.officeId
      ) {
        return { kind: 'refuse', code: 'doc-other-office', conflict: false };
      }
      return c.assumed &&
        sameJson(bodyOf(c.assumed), existing.body) &&
        (c.assumed._deleted === true) === existing.deleted
        ? { kind: 'update', body: c.body, deleted: c.deleted, conflict: false }
        : { kind: 'conflict' };
    case 'merge': {
      // 第三十条第三款: an office that may not see a 信访人 may not change it either.
      if (!(j.seers.get(c.id)?.includes(pusher.officeId) ?? false))
        return { kind: 'refuse', code: 'petitioner-not-visible', conflict: false };
      if (c.body.officeId !== existing.body.officeId)
        return { kind: 'refuse', code: 'doc-other-office', conflict: true };
      if (c.assumed && sameJson(bodyOf(c.assumed), existing.body))
        return { kind: 'update', body: c.body, deleted: false, conflict: false };
      const merged = mergePetitioner(existing.body, c.assumed ? bodyOf(c.assumed) : undefined, c.body, j.now);
      return { kind: 'update', body: merged, deleted: false, conflict: true };
    }
  }
}

/**
 * 第三十条第三款: a 登记, 重件 or 信访件 links to its matter only 信访人 the pushing office sees; linking one would hand
 * it the record (an accuser's, to the office accused). A link the matter holds already is no new link (the 信访件
 * of a 登记), and a 信访人 the server does not hold yet is the desk's own new record, on its way in the same sync
 * (each collection replicates on its own).
 */
function linksVisible(j: Judging, body: Record<string, unknown>): boolean {
  const held = j.state.links.get(String(body.caseId));
  const sees = (id: string) => j.seers.get(id)?.includes(j.pusher.officeId) ?? false;
  return petitionerLinks(body).every((id) => held?.has(id) || !j.state.linkedOwners.has(id) || sees(id));
}

/** 第十九条: a matter is registered once; a second 登记 (a back-dated one could pose as the first) is refused. */
function secondRegister(j: Judging, body: Record<string, unknown>): boolean {
  if (j.policy.name !== 'case_events' || body.type !== 'register') return false;
  const caseId = String(body.caseId);
  const first = j.registers.get(caseId);
  if (first === undefined) j.registers.set(caseId, String(body.id));
  return first !== undefined && first !== body.id;
}

/**
 * A matter takes at most MAX_EVENTS_PER_CASE events (shared/domain/case-cap.ts): a new event beyond them is refused,
 * in the batch's order (a retried event the server holds is no new event).
 */
function caseFull(j: Judging, body: Record<string, unknown>): boolean {
  return j.policy.name === 'case_events' && (j.eventCounts.get(String(body.caseId)) ?? 0) >= MAX_EVENTS_PER_CASE;
}

/** An event this batch inserts counts towards its matter's cap for the rest of the batch. */
function countEvent(j: Judging, body: Record<string, unknown>): void {
  if (j.policy.name === 'case_events')
    j.eventCounts.set(String(body.caseId), (j.eventCounts.get(String(body.caseId)) ?? 0) + 1);
}

function eventCountsOf(state: LockedState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of state.caseDocs)
    if (d.collection === 'case_events') counts.set(d.caseId, (counts.get(d.caseId) ?? 0) + 1);
  return counts;
}

function registersOf(state: LockedState): Map<string, string> {
  return new Map(state.caseDocs.filter((d) => d.event?.type === 'register').map((d) => [d.caseId, d.id]));
}

/** Whether the pushing office may see a stored document (services/visibility.ts, services/audience.ts). */
function maySee(j: Judging, existing: Stored): boolean {
  const { policy, pusher } = j;
  const body = existing.body;
  switch (policy.visibility) {
    case 'everyone':
      return true;
    case 'petitioner':
      return j.seers.get(String(body.id))?.includes(pusher.officeId) ?? false;
    case 'case': {
      // A matter whose 登记 has not arrived is seen by the office that wrote to it (audience.ts).
      const a = j.state.access.get(String(body.caseId));
      return a?.registered
        ? caseSeers(a).includes(pusher.officeId)
        : ownerOffice(policy, body, pusher) === pusher.officeId;
    }
    case 'pusher':
      return body.officeId === undefined || body.officeId === pusher.officeId; // as its writes are checked above
    default:
      return body.officeId === pusher.officeId;
  }
}

function ownersOf(stored: ReadonlyMap<string, Stored>, ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id, String(stored.get(id)?.body.officeId ?? '')]));
}

function ownerOffice(policy: CollectionPolicy, body: Record<string, unknown>, pusher: Pusher): string {
  if (policy.name === 'case_events')
    return String((body.actor as { officeId?: unknown } | undefined)?.officeId ?? pusher.officeId); // schema-checked actor
  return typeof body.officeId === 'string' ? body.officeId : pusher.officeId;
}
