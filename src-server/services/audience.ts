import type { Sql } from '../db/database';
import { lockAll } from './locks';
import type { CollectionPolicy, Pusher } from './collections';
import type { FeedEntry } from './feed';
import { OfficeTree, petitionerAudience, readCaseAccess, refreshCaseAccess, type CaseAccess, type KnownAccess } from './visibility';

/**
 * Which offices' feeds a write goes to (design.md §3). When a matter becomes visible to another office
 * (转送/交办: its audience grows), its whole history — events, 信访件 and 信访人 — is appended to that office's
 * feed, so it arrives on the next pull even though it is older than the office's checkpoint.
 */
export interface Written {
  readonly id: string;
  readonly body: Record<string, unknown>;
}

/** The matters a batch of case-bound documents touches. */
export function touchedCases(policy: CollectionPolicy, bodies: readonly Record<string, unknown>[]): string[] {
  if (policy.visibility !== 'case') return [];
  return [...new Set(bodies.map((b) => String(b.caseId)))].sort();
}

const lock = lockAll;

/**
 * Serialises writes that decide the same audience: matters first, then petitioners, each in sorted order, so two
 * pushes never wait on each other in a cycle (feed order is kept by the sequencer of `feed.ts`, after commit). Returns the petitioner ids
 * whose owner offices the caller needs.
 */
export async function lockKeys(tx: Sql, policy: CollectionPolicy, caseIds: readonly string[], docs: readonly { id: string; body: Record<string, unknown> }[]): Promise<string[]> {
  if (policy.visibility === 'petitioner') {
    const ids = [...new Set(docs.map((d) => d.id))].sort();
    await lock(tx, ids.map((id) => `petitioner:${id}`));
    return ids;
  }
  if (policy.visibility !== 'case') return [];
  await lock(tx, caseIds.map((id) => `case:${id}`));
  const { rows } = await tx.query<{ petitioner_id: string }>('SELECT petitioner_id FROM case_petitioners WHERE case_id = ANY($1::text[])', [caseIds]);
  const linked = new Set([...rows.map((r) => r.petitioner_id), ...docs.flatMap((d) => petitionerLinks(d.body))]);
  await lock(tx, [...linked].sort().map((id) => `petitioner:${id}`));
  return [];
}

/** The 信访人 a 登记, 重件 or 信访件 names. */
function petitionerLinks(body: Record<string, unknown>): string[] {
  const payload = body.payload as { petitionerIds?: unknown } | undefined; // events carry it in the payload
  const ids = body.petitionerIds ?? payload?.petitionerIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

export async function audienceOf(tx: Sql, tree: OfficeTree, policy: CollectionPolicy, pusher: Pusher, written: readonly Written[], known?: KnownAccess): Promise<FeedEntry[]> {
  const entry = (officeId: string, docId: string, collection = policy.name): FeedEntry => ({ officeId, collection, docId });
  switch (policy.visibility) {
    case 'nobody':
      return [];
    case 'everyone':
      return written.flatMap((w) => tree.all.map((office) => entry(office, w.id)));
    case 'own-office':
      return written.map((w) => entry(String(w.body.officeId), w.id));
    case 'pusher':
      return written.map((w) => entry(pusher.officeId, w.id));
    case 'petitioner': {
      const seers = await petitionerAudience(tx, tree, new Map(written.map((w) => [w.id, String(w.body.officeId)])));
      return written.flatMap((w) => (seers.get(w.id) ?? []).map((office) => entry(office, w.id)));
    }
    case 'case':
      return caseAudience(tx, tree, policy, pusher, written, known);
  }
}

async function caseAudience(tx: Sql, tree: OfficeTree, policy: CollectionPolicy, pusher: Pusher, written: readonly Written[], known?: KnownAccess): Promise<FeedEntry[]> {
  const newLinks = await linkPetitioners(tx, written);
  const caseIds = [...new Set([...written.map((w) => String(w.body.caseId)), ...newLinks.map((l) => l.caseId)])];
  const refreshed = policy.name === 'case_events' ? await refreshCaseAccess(tx, tree, caseIds, known) : undefined;
  const access = new Map<string, CaseAccess>();
  for (const [id, a] of refreshed ?? (await readCaseAccess(tx, caseIds))) access.set(id, 'access' in a ? a.access : a);
  // A matter whose 登记 has not arrived yet is seen only by the office that wrote to it, until the 登记 decides.
  const seers = (caseId: string) => {
    const a = access.get(caseId);
    return a?.registered ? a.officeIds : [pusher.officeId];
  };
  const entries: FeedEntry[] = written.flatMap((w) => seers(String(w.body.caseId)).map((office) => ({ officeId: office, collection: policy.name, docId: w.id })));
  for (const link of newLinks) {
    for (const office of seers(link.caseId)) entries.push({ officeId: office, collection: 'petitioners', docId: link.petitionerId });
  }
  const grown = new Map([...(refreshed ?? [])].filter(([, change]) => change.added.length > 0).map(([caseId, change]) => [caseId, change.added]));
  entries.push(...(await wholeHistory(tx, grown)));
  return entries;
}

/** Records which 信访人 each matter names; returns the links that are new. */
async function linkPetitioners(tx: Sql, written: readonly Written[]): Promise<{ caseId: string; petitionerId: string }[]> {
  const links = written.flatMap((w) => petitionerLinks(w.body).map((p) => ({ c: String(w.body.caseId), p })));
  if (links.length === 0) return [];
  const { rows } = await tx.query<{ case_id: string; petitioner_id: string }>(
    `INSERT INTO case_petitioners (case_id, petitioner_id)
     SELECT DISTINCT x.c, x.p FROM jsonb_to_recordset($1::jsonb) AS x(c text, p text)
     ON CONFLICT DO NOTHING RETURNING case_id, petitioner_id`,
    [JSON.stringify(links)],
  );
  return rows.map((r) => ({ caseId: r.case_id, petitionerId: r.petitioner_id }));
}

/** Every document of each matter, for the offices that may now see it. */
async function wholeHistory(tx: Sql, added: ReadonlyMap<string, readonly string[]>): Promise<FeedEntry[]> {
  if (added.size === 0) return [];
  const { rows } = await tx.query<{ case_id: string; collection: string; id: string }>(
    `SELECT case_id, collection, id FROM docs WHERE case_id = ANY($1::text[])
     UNION ALL SELECT case_id, 'petitioners', petitioner_id FROM case_petitioners WHERE case_id = ANY($1::text[])`,
    [[...added.keys()]],
  );
  return rows.flatMap((r) => (added.get(r.case_id) ?? []).map((officeId) => ({ officeId, collection: r.collection, docId: r.id })));
}
