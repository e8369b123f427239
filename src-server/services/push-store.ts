import type { SyncRefusal } from '#shared/sync/protocol';
import type { CaseEvent } from '#shared/domain/case-types';
import type { Sql } from '../db/database';
import { storableText, type CollectionPolicy, type Pusher } from './collections';
import type { FeedEntry } from './feed';
import type { CaseAccess, PetitionerReach } from './visibility';

/**
 * The SQL of a push (services/push.ts), in as few round trips as the locks allow: one call takes the locks that
 * decide the batch's audience and then reads everything the decisions need under them, and one statement writes
 * the documents with their links, access, feed rows and refusals. On a loaded county server a round trip costs
 * more in waking a database backend (and waiting to be woken again) than the work in it; with a round trip per
 * step, a push makes 14.
 */
export interface Stored {
  readonly body: Record<string, unknown>;
  readonly deleted: boolean;
}

/** A document of a touched matter, with its body when it is an event (the fold needs those). */
export interface TouchedCaseDoc {
  readonly caseId: string;
  readonly collection: string;
  readonly id: string;
  readonly event: CaseEvent | null;
}

/** What a push reads under its locks: all in one snapshot, taken after the locks. */
export interface LockedState {
  readonly stored: ReadonlyMap<string, Stored>;
  /** `case` visibility: the stored access of the touched matters. */
  readonly access: ReadonlyMap<string, CaseAccess>;
  /** `case` visibility: the 信访人 linked to each touched matter. */
  readonly links: ReadonlyMap<string, ReadonlySet<string>>;
  /** `case_events`: every document of each touched matter (events to fold, all of it for a 转送). */
  readonly caseDocs: readonly TouchedCaseDoc[];
  /**
   * The matters of each 信访人 that decides who sees it (visibility.ts `petitionerSeers`): `petitioner` visibility,
   * the pushed ones; `case`, the ones the batch links and those of the touched matters.
   */
  readonly reach: ReadonlyMap<string, PetitionerReach>;
  /** `case` visibility: the owner office of each stored 信访人 the batch links. */
  readonly linkedOwners: ReadonlyMap<string, string>;
}

/** A text array from the jsonb arguments of `locked_read` (an InitPlan: the index on the column still serves). */
const arg = (key: string) => `ARRAY(SELECT jsonb_array_elements_text($1->'${key}'))`;
const STORED = `'stored', (SELECT json_agg(s) FROM (SELECT id, body, deleted FROM docs WHERE collection = $1->>'collection' AND id = ANY(${arg('ids')}) FOR UPDATE) AS s)`;

/** The matters of the 信访人 `ids` selects (a SQL expression of `p.petitioner_id`): their audience and accused. */
const reachOf = (ids: string) =>
  `'reach', (SELECT json_agg(json_build_object('petitioner_id', p.petitioner_id, 'office_ids', a.office_ids, 'accused', a.accused_office_ids))
             FROM case_petitioners p JOIN case_access a ON a.case_id = p.case_id WHERE ${ids})`;

/** Per visibility, what is locked first and what is read after (one jsonb object: the `Row` below). */
const READS: Record<'case' | 'petitioner' | 'other', string> = {
  // The 信访人 locks are taken inside the read: nothing it reads is guarded by them (a matter's links, access and
  // documents are written only under the matter's lock); they only have to be held before this push writes.
  case: `SELECT jsonb_build_object(
      'locked', (SELECT count(pg_advisory_xact_lock(hashtext(k))) FROM (
        SELECT k FROM (SELECT 'petitioner:' || petitioner_id AS k FROM case_petitioners WHERE case_id = ANY(${arg('caseIds')})
                       UNION SELECT 'petitioner:' || p FROM jsonb_array_elements_text($1->'links') AS p) AS keys ORDER BY k) AS sorted),
      ${STORED},
      'access', (SELECT json_agg(a) FROM case_access a WHERE case_id = ANY(${arg('caseIds')})
                 OR case_id IN (SELECT case_id FROM docs WHERE collection = $1->>'collection' AND id = ANY(${arg('ids')}))),
      'links', (SELECT json_agg(l) FROM case_petitioners l WHERE case_id = ANY(${arg('caseIds')})),
      'linked_owners', (SELECT json_agg(json_build_object('id', id, 'office_id', body->>'officeId')) FROM docs WHERE collection = 'petitioners' AND id = ANY(${arg('links')})),
      ${reachOf(`p.petitioner_id = ANY(${arg('links')}) OR p.petitioner_id IN (SELECT petitioner_id FROM case_petitioners WHERE case_id = ANY(${arg('caseIds')}))`)},
      'case_docs', (SELECT json_agg(json_build_object('caseId', case_id, 'collection', collection, 'id', id, 'event', CASE WHEN collection = 'case_events' THEN body END))
                    FROM docs WHERE ($1->>'folds')::boolean AND case_id = ANY(${arg('caseIds')})))`,
  // Here the 信访人 locks guard what is read: a matter's access may grow under them.
  petitioner: `SELECT jsonb_build_object(${STORED}, ${reachOf(`p.petitioner_id = ANY(${arg('ids')})`)})`,
  other: `SELECT jsonb_build_object(${STORED})`,
};

/**
 * Serialises the writes that decide the same audience, then reads, in one round trip (migration 4's
 * `locked_read`). Matters first, then their 信访人 (each sorted), so two pushes never wait on each other in a cycle.
 */
export async function lockAndRead(
  tx: Sql,
  policy: CollectionPolicy,
  ids: readonly string[],
  caseIds: readonly string[],
  linkedInBatch: readonly string[],
): Promise<LockedState> {
  const kind = policy.visibility === 'case' || policy.visibility === 'petitioner' ? policy.visibility : 'other';
  const keys =
    kind === 'case'
      ? caseIds.map((id) => `case:${id}`)
      : kind === 'petitioner'
        ? ids.map((id) => `petitioner:${id}`)
        : [];
  const args = { collection: policy.name, ids, caseIds, links: linkedInBatch, folds: policy.name === 'case_events' };
  const { rows } = await tx.query<{ state: Row }>('SELECT locked_read($1::text[], $2, $3::jsonb) AS state', [
    keys,
    READS[kind],
    JSON.stringify(args),
  ]);
  return stateOf(rows[0]?.state);
}

interface Row {
  stored: { id: string; body: Record<string, unknown>; deleted: boolean }[] | null;
  access?: { case_id: string; office_ids: string[]; accused_office_ids: string[]; registered: boolean }[] | null;
  links?: { case_id: string; petitioner_id: string }[] | null;
  case_docs?: TouchedCaseDoc[] | null;
  reach?: { petitioner_id: string; office_ids: string[]; accused: string[] }[] | null;
  linked_owners?: { id: string; office_id: string | null }[] | null;
}

function stateOf(row: Row | undefined): LockedState {
  const links = new Map<string, Set<string>>();
  for (const l of row?.links ?? []) links.set(l.case_id, (links.get(l.case_id) ?? new Set()).add(l.petitioner_id));
  const reach = new Map<string, PetitionerReach>();
  for (const m of row?.reach ?? []) {
    const before = reach.get(m.petitioner_id);
    reach.set(m.petitioner_id, {
      caseOffices: [...(before?.caseOffices ?? []), ...m.office_ids],
      accused: [...(before?.accused ?? []), ...m.accused],
    });
  }
  return {
    stored: new Map((row?.stored ?? []).map((s) => [s.id, { body: s.body, deleted: s.deleted }])),
    access: new Map(
      (row?.access ?? []).map((a) => [
        a.case_id,
        { caseId: a.case_id, officeIds: a.office_ids, accused: a.accused_office_ids, registered: a.registered },
      ]),
    ),
    links,
    caseDocs: row?.case_docs ?? [],
    reach,
    linkedOwners: new Map((row?.linked_owners ?? []).map((o) => [o.id, o.office_id ?? ''])),
  };
}

/** Everything a push writes, decided in memory from the `LockedState`. */
export interface PushWrites {
  readonly inserts: readonly {
    id: string;
    body: Record<string, unknown>;
    deleted: boolean;
    officeId: string;
    caseId: string | null;
  }[];
  readonly updates: readonly { id: string; body: Record<string, unknown>; deleted: boolean }[];
  readonly links: readonly { caseId: string; petitionerId: string }[];
  readonly access: readonly CaseAccess[];
  readonly feed: readonly FeedEntry[];
  readonly refused: readonly SyncRefusal[];
}

/**
 * Writes a push in one statement (data-modifying CTEs all run to completion). Returns how many documents were
 * inserted: fewer than asked only when another matter's push took one of the ids meanwhile (its lock is not
 * ours), and then the caller rolls back and decides again.
 *
 * A batch of new documents only commits without waiting for its WAL flush: the push is answered only after the
 * sequencing round that follows its commit (services/feed.ts), whose commit is synchronous and later in the WAL,
 * so its flush makes this commit durable too before the desk hears of it; and no other desk can read the new
 * documents before that round gives them feed rows. A batch that updates documents waits as usual (a pull may
 * read an updated body through an older feed row at once).
 */
export async function writePush(tx: Sql, policy: CollectionPolicy, pusher: Pusher, w: PushWrites): Promise<number> {
  const json = (rows: readonly unknown[]) => JSON.stringify(rows);
  const { rows } = await tx.query<{ inserted: number }>(
    `WITH inserted AS (
       INSERT INTO docs (collection, id, body, deleted, office_id, case_id)
       SELECT $1, x.id, x.body, x.deleted, x."officeId", x."caseId"
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, body jsonb, deleted boolean, "officeId" text, "caseId" text)
       ON CONFLICT (collection, id) DO NOTHING RETURNING id
     ), updated AS (
       UPDATE docs d SET body = x.body, deleted = x.deleted, updated_at = now()
       FROM jsonb_to_recordset($3::jsonb) AS x(id text, body jsonb, deleted boolean)
       WHERE d.collection = $1 AND d.id = x.id RETURNING d.id
     ), linked AS (
       INSERT INTO case_petitioners (case_id, petitioner_id)
       SELECT DISTINCT x."caseId", x."petitionerId" FROM jsonb_to_recordset($4::jsonb) AS x("caseId" text, "petitionerId" text)
       ON CONFLICT DO NOTHING RETURNING case_id
     ), access AS (
       INSERT INTO case_access (case_id, office_ids, accused_office_ids, registered)
       SELECT x."caseId", x."officeIds", x.accused, true
       FROM jsonb_to_recordset($5::jsonb) AS x("caseId" text, "officeIds" text[], accused text[])
       ON CONFLICT (case_id) DO UPDATE SET office_ids = excluded.office_ids, accused_office_ids = excluded.accused_office_ids, registered = true
       RETURNING case_id
     ), pending AS (
       INSERT INTO feed_pending (office_id, collection, doc_id)
       SELECT x."officeId", x.collection, x."docId" FROM jsonb_to_recordset($6::jsonb) AS x("officeId" text, collection text, "docId" text)
       RETURNING doc_id
     ), refusals AS (
       INSERT INTO refusals (device_id, office_id, collection, doc_id, code)
       SELECT $7, $8, $1, x.id, x.code FROM jsonb_to_recordset($9::jsonb) AS x(id text, code text)
       RETURNING id
     )
     SELECT (SELECT count(*) FROM inserted)::int AS inserted,
            set_config('synchronous_commit', CASE WHEN $10 THEN 'off' ELSE current_setting('synchronous_commit') END, true) AS sync`,
    [
      policy.name,
      json(w.inserts),
      json(w.updates),
      json(w.links),
      json(w.access),
      json(uniqueEntries(w.feed)),
      pusher.deviceId,
      pusher.officeId,
      json(w.refused.map(loggedRefusal)),
      w.updates.length === 0,
    ],
  );
  return Number(rows[0]?.inserted ?? 0);
}

/** Logs refused documents when nothing else of the batch is written. */
export async function logRefusals(
  sql: Sql,
  policy: CollectionPolicy,
  pusher: Pusher,
  refused: readonly SyncRefusal[],
): Promise<void> {
  if (refused.length === 0) return;
  await sql.query(
    `INSERT INTO refusals (device_id, office_id, collection, doc_id, code)
     SELECT $1, $2, $3, x.id, x.code FROM jsonb_to_recordset($4::jsonb) AS x(id text, code text)`,
    [pusher.deviceId, pusher.officeId, policy.name, JSON.stringify(refused.map(loggedRefusal))],
  );
}

/**
 * A refusal as the log keeps it: an id PostgreSQL cannot store (a NUL, half a surrogate pair) is named as such, and
 * a long one cut by code points, never inside a pair. Both writes of refusals use it: a NUL-bearing id refused next
 * to valid documents once failed the whole batch with a 500.
 */
function loggedRefusal(r: SyncRefusal): { id: string; code: string } {
  return { id: storableText(r.id) ? [...r.id].slice(0, 128).join('') : '(unstorable id)', code: r.code };
}

function uniqueEntries(entries: readonly FeedEntry[]): FeedEntry[] {
  const unique = new Map<string, FeedEntry>();
  for (const e of entries) unique.set(`${e.officeId}\u0000${e.collection}\u0000${e.docId}`, e);
  return [...unique.values()];
}
