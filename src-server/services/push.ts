import type { PushResponse, PushRow, SyncRefusal, SyncRefusalCode, WireDocument } from '#shared/sync/protocol';
import type { Database, Sql } from '../db/database';
import { bodyOf, checkDocument, sameJson, type CollectionPolicy, type Pusher } from './collections';
import { appendToFeeds, withFeedAppends } from './feed';
import { mergePetitioner } from './merge';
import { audienceOf, lockKeys, touchedCases, type Written } from './audience';
import { OfficeTree, readCaseAccess, petitionerAudience, type CaseAccess } from './visibility';

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

interface Stored {
  readonly body: Record<string, unknown>;
  readonly deleted: boolean;
}

type Decision =
  | { kind: 'insert' }
  | { kind: 'update'; body: Record<string, unknown>; deleted: boolean; conflict: boolean }
  | { kind: 'same' }
  | { kind: 'conflict' }
  | { kind: 'refuse'; code: SyncRefusalCode; conflict: boolean };

const wire = (s: Stored): WireDocument => ({ ...s.body, _deleted: s.deleted });

export async function pushDocuments(db: Database, policy: CollectionPolicy, pusher: Pusher, rows: readonly unknown[], now: () => Date): Promise<PushResponse> {
  const refused: SyncRefusal[] = [];
  const byId = new Map<string, Candidate>();
  for (const row of rows) {
    const doc = (row as Partial<PushRow> | null)?.newDocumentState; // shape checked by checkDocument
    const code = checkDocument(policy, doc, pusher);
    const id = typeof doc === 'object' && doc !== null ? String((doc as Record<string, unknown>)[policy.primaryKey] ?? '') : '';
    if (code || !doc) {
      refused.push({ id, code: code ?? 'doc-malformed' });
      continue;
    }
    const assumed = (row as PushRow).assumedMasterState ?? undefined;
    byId.set(id, { id, body: bodyOf(doc), deleted: doc._deleted === true, assumed });
  }
  const conflicts = await withFeedAppends(db, async (tx) => {
    const result = byId.size > 0 ? await writeBatch(tx, policy, pusher, [...byId.values()], now().toISOString(), refused) : [];
    await logRefusals(tx, policy, pusher, refused);
    return result;
  });
  return { conflicts, refused };
}

async function writeBatch(tx: Sql, policy: CollectionPolicy, pusher: Pusher, candidates: Candidate[], now: string, refused: SyncRefusal[]): Promise<WireDocument[]> {
  const tree = await OfficeTree.load(tx);
  const caseIds = touchedCases(policy, candidates.map((c) => c.body));
  const petitionerIds = await lockKeys(tx, policy, caseIds, candidates);
  const stored = await readStored(tx, policy.name, candidates.map((c) => c.id));
  const access = await readCaseAccess(tx, caseIds);
  const seers = policy.write === 'merge' ? await petitionerAudience(tx, tree, ownersOf(stored, petitionerIds)) : new Map<string, string[]>();
  const conflicts: WireDocument[] = [];
  const inserts: Candidate[] = [];
  const updates: { id: string; body: Record<string, unknown>; deleted: boolean }[] = [];
  for (const c of candidates) {
    const existing = stored.get(c.id);
    const d = decide(policy, pusher, c, existing, access, seers, now);
    if (d.kind === 'insert') inserts.push(c);
    if (d.kind === 'update') updates.push({ id: c.id, body: d.body, deleted: d.deleted });
    if (d.kind === 'refuse') refused.push({ id: c.id, code: d.code });
    if (existing && (d.kind === 'conflict' || (d.kind === 'refuse' && d.conflict))) conflicts.push(wire(existing));
    if (d.kind === 'update' && d.conflict) conflicts.push({ ...d.body, _deleted: d.deleted });
  }
  const inserted = await insertDocs(tx, policy, pusher, inserts);
  for (const c of inserts.filter((i) => !inserted.has(i.id))) refused.push({ id: c.id, code: 'doc-malformed' }); // unreachable under the locks
  await updateDocs(tx, policy.name, updates);
  const written: Written[] = [...inserts.filter((i) => inserted.has(i.id)), ...updates].map((w) => ({ id: w.id, body: w.body }));
  await appendToFeeds(tx, await audienceOf(tx, tree, policy, pusher, written, { caseIds: new Set(caseIds), access }));
  return conflicts;
}

function decide(
  policy: CollectionPolicy,
  pusher: Pusher,
  c: Candidate,
  existing: Stored | undefined,
  access: ReadonlyMap<string, CaseAccess>,
  seers: ReadonlyMap<string, string[]>,
  now: string,
): Decision {
  if (policy.visibility === 'case') {
    const a = access.get(String(c.body.caseId));
    if (a?.registered && !a.officeIds.includes(pusher.officeId)) return { kind: 'refuse', code: 'case-not-visible', conflict: false };
  }
  if (!existing) {
    if (policy.write === 'merge' && c.body.officeId !== pusher.officeId) return { kind: 'refuse', code: 'doc-other-office', conflict: false };
    return { kind: 'insert' };
  }
  switch (policy.write) {
    case 'append-only':
    case 'immutable':
      // A retried push of a document the server already holds unchanged is a success (design.md §3).
      if (sameJson(existing.body, c.body) && existing.deleted === c.deleted) return { kind: 'same' };
      return { kind: 'refuse', code: policy.write === 'append-only' ? 'event-rewrite' : 'doc-immutable', conflict: true };
    case 'replace':
      if (policy.visibility === 'pusher' && existing.body.officeId !== undefined && existing.body.officeId !== pusher.officeId) {
        return { kind: 'refuse', code: 'doc-other-office', conflict: false };
      }
      return c.assumed && sameJson(bodyOf(c.assumed), existing.body) && (c.assumed._deleted === true) === existing.deleted
        ? { kind: 'update', body: c.body, deleted: c.deleted, conflict: false }
        : { kind: 'conflict' };
    case 'merge': {
      const mayEdit = seers.get(c.id)?.includes(pusher.officeId) ?? false;
      if (!mayEdit || c.body.officeId !== existing.body.officeId) return { kind: 'refuse', code: 'doc-other-office', conflict: true };
      if (c.assumed && sameJson(bodyOf(c.assumed), existing.body)) return { kind: 'update', body: c.body, deleted: false, conflict: false };
      const merged = mergePetitioner(existing.body, c.assumed ? bodyOf(c.assumed) : undefined, c.body, now);
      return { kind: 'update', body: merged, deleted: false, conflict: true };
    }
  }
}

function ownersOf(stored: ReadonlyMap<string, Stored>, ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id, String(stored.get(id)?.body.officeId ?? '')]));
}

async function readStored(tx: Sql, collection: string, ids: readonly string[]): Promise<Map<string, Stored>> {
  const { rows } = await tx.query<{ id: string; body: Record<string, unknown>; deleted: boolean }>(
    'SELECT id, body, deleted FROM docs WHERE collection = $1 AND id = ANY($2::text[]) FOR UPDATE',
    [collection, ids],
  );
  return new Map(rows.map((r) => [r.id, { body: r.body, deleted: r.deleted }]));
}

function ownerOffice(policy: CollectionPolicy, body: Record<string, unknown>, pusher: Pusher): string {
  if (policy.name === 'case_events') return String((body.actor as { officeId?: unknown } | undefined)?.officeId ?? pusher.officeId); // schema-checked actor
  return typeof body.officeId === 'string' ? body.officeId : pusher.officeId;
}

async function insertDocs(tx: Sql, policy: CollectionPolicy, pusher: Pusher, docs: readonly Candidate[]): Promise<Set<string>> {
  if (docs.length === 0) return new Set();
  const rows = docs.map((d) => ({
    id: d.id,
    body: d.body,
    deleted: d.deleted,
    office_id: ownerOffice(policy, d.body, pusher),
    case_id: policy.visibility === 'case' ? String(d.body.caseId) : null,
  }));
  const { rows: inserted } = await tx.query<{ id: string }>(
    `INSERT INTO docs (collection, id, body, deleted, office_id, case_id)
     SELECT $1, x.id, x.body, x.deleted, x.office_id, x.case_id
     FROM jsonb_to_recordset($2::jsonb) AS x(id text, body jsonb, deleted boolean, office_id text, case_id text)
     ON CONFLICT (collection, id) DO NOTHING RETURNING id`,
    [policy.name, JSON.stringify(rows)],
  );
  return new Set(inserted.map((r) => r.id));
}

async function updateDocs(tx: Sql, collection: string, docs: readonly { id: string; body: Record<string, unknown>; deleted: boolean }[]): Promise<void> {
  if (docs.length === 0) return;
  await tx.query(
    `UPDATE docs d SET body = x.body, deleted = x.deleted, updated_at = now()
     FROM jsonb_to_recordset($2::jsonb) AS x(id text, body jsonb, deleted boolean)
     WHERE d.collection = $1 AND d.id = x.id`,
    [collection, JSON.stringify(docs)],
  );
}

async function logRefusals(tx: Sql, policy: CollectionPolicy, pusher: Pusher, refused: readonly SyncRefusal[]): Promise<void> {
  if (refused.length === 0) return;
  await tx.query(
    `INSERT INTO refusals (device_id, office_id, collection, doc_id, code)
     SELECT $1, $2, $3, x.id, x.code FROM jsonb_to_recordset($4::jsonb) AS x(id text, code text)`,
    [pusher.deviceId, pusher.officeId, policy.name, JSON.stringify(refused.map((r) => ({ id: r.id.slice(0, 128), code: r.code })))],
  );
}
