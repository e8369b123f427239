import type { FeedCheckpoint, PullResponse, WireDocument } from '#shared/sync/protocol';
import type { Sql } from '../db/database';
import { lockAll } from './locks';

/**
 * The per-office feeds (design.md §3). A pull reads one office's feed after its checkpoint, ordered by
 * (seq, id). Feed rows point at the document, so a document updated many times is sent once, in its latest state.
 *
 * **A checkpoint must never pass a document still on its way.** Appends to one office's feed are serialised by a
 * transaction-level advisory lock per office, taken right before the sequence number and held until commit: so
 * in every feed, sequence order is commit order, and a committed row can never appear below one a reader has
 * already passed. Locks are taken in sorted order (no deadlocks) and as late as possible (short waits).
 */

/** The LISTEN/NOTIFY channel on which every server process hears feed appends (design.md §3, scale-out). */
export const FEED_CHANNEL = 'xinfang_feed';

/** One appended feed row: a document of a collection for an office. */
export interface FeedEntry {
  readonly officeId: string;
  readonly collection: string;
  readonly docId: string;
}

/** The notification payload: which offices' feeds of which collection grew. */
export interface FeedNotice {
  readonly collection: string;
  readonly officeIds: readonly string[];
}

const lockKey = (officeId: string) => `feed:${officeId}`;

/** Appends entries to their offices' feeds inside the caller's transaction, and notifies at commit. */
export async function appendToFeeds(tx: Sql, entries: Iterable<FeedEntry>): Promise<void> {
  const unique = new Map<string, FeedEntry>();
  for (const e of entries) unique.set(`${e.officeId}\u0000${e.collection}\u0000${e.docId}`, e);
  if (unique.size === 0) return;
  const rows = [...unique.values()];
  const offices = [...new Set(rows.map((r) => r.officeId))].sort();
  await lockAll(tx, offices.map(lockKey));
  // One sequence number for the whole transaction, taken after every lock: pages break ties by document id.
  await tx.query(
    `INSERT INTO feed (office_id, collection, doc_id, seq)
     SELECT x.o, x.c, x.d, $2::bigint FROM jsonb_to_recordset($1::jsonb) AS x(o text, c text, d text)
     ON CONFLICT (office_id, collection, doc_id) DO UPDATE SET seq = excluded.seq`,
    [JSON.stringify(rows.map((r) => ({ o: r.officeId, c: r.collection, d: r.docId }))), await nextSeq(tx)],
  );
  const byCollection = new Map<string, Set<string>>();
  for (const r of rows) byCollection.set(r.collection, (byCollection.get(r.collection) ?? new Set()).add(r.officeId));
  for (const [collection, officeIds] of byCollection) {
    const notice: FeedNotice = { collection, officeIds: [...officeIds] };
    await tx.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, JSON.stringify(notice)]);
  }
}

async function nextSeq(tx: Sql): Promise<number> {
  const { rows } = await tx.query<{ seq: string | number }>(`SELECT nextval('feed_seq') AS seq`);
  return Number(rows[0]?.seq);
}

/** Reads one page of an office's feed after the checkpoint (exclusive), in (seq, id) order. */
export async function readFeed(sql: Sql, officeId: string, collection: string, checkpoint: FeedCheckpoint | undefined, limit: number): Promise<PullResponse> {
  const after = checkpoint ?? { seq: -1, id: '' };
  const { rows } = await sql.query<{ seq: string | number; doc_id: string; body: Record<string, unknown>; deleted: boolean }>(
    `SELECT f.seq, f.doc_id, d.body, d.deleted
     FROM feed f JOIN docs d ON d.collection = f.collection AND d.id = f.doc_id
     WHERE f.office_id = $1 AND f.collection = $2 AND (f.seq, f.doc_id) > ($3::bigint, $4::text)
     ORDER BY f.seq, f.doc_id
     LIMIT $5`,
    [officeId, collection, after.seq, after.id, limit],
  );
  const last = rows.at(-1);
  return {
    documents: rows.map((r): WireDocument => ({ ...r.body, _deleted: r.deleted })),
    // An empty page returns the given checkpoint (RxDB's protocol).
    checkpoint: last ? { seq: Number(last.seq), id: last.doc_id } : (checkpoint ?? null),
  };
}

/** The newest position of an office's feed: where a new stream starts listening. */
export async function feedHead(sql: Sql, officeId: string, collection: string): Promise<FeedCheckpoint | undefined> {
  const { rows } = await sql.query<{ seq: string | number; doc_id: string }>(
    'SELECT seq, doc_id FROM feed WHERE office_id = $1 AND collection = $2 ORDER BY seq DESC, doc_id DESC LIMIT 1',
    [officeId, collection],
  );
  const row = rows[0];
  return row ? { seq: Number(row.seq), id: row.doc_id } : undefined;
}
