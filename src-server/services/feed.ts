import type { FeedCheckpoint, PullResponse } from '#shared/sync/protocol';
import type { Database, Sql } from '../db/database';

/**
 * The per-office feeds (design.md §3). A pull reads one office's feed after its checkpoint, ordered by
 * (seq, id). Feed rows point at the document, so a document updated many times is sent once, in its latest state.
 *
 * **A checkpoint must never pass a document still on its way.** A writing transaction never numbers feed rows
 * itself: it queues them in `feed_pending`, commits, and then waits for a sequencing round. A round takes one
 * global advisory lock, draws one sequence number, moves every committed pending row into the feed with it and
 * commits while still holding the lock: so sequence order is commit order in every feed, and a row can never
 * appear below a checkpoint a reader has already passed. Rounds batch the rows of every push committed meanwhile,
 * so the lock is held once per batch (one WAL flush) instead of once per push: with a lock per office held until
 * each push's commit, every push of the county queued behind every other's fsync.
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

/** Queues entries for their offices' feeds inside the caller's transaction; `withFeedAppends` sequences them. */
export async function appendToFeeds(tx: Sql, entries: Iterable<FeedEntry>): Promise<void> {
  const unique = new Map<string, FeedEntry>();
  for (const e of entries) unique.set(`${e.officeId}\u0000${e.collection}\u0000${e.docId}`, e);
  if (unique.size === 0) return;
  await tx.query(
    `INSERT INTO feed_pending (office_id, collection, doc_id)
     SELECT x.o, x.c, x.d FROM jsonb_to_recordset($1::jsonb) AS x(o text, c text, d text)`,
    [JSON.stringify([...unique.values()].map((r) => ({ o: r.officeId, c: r.collection, d: r.docId })))],
  );
}

/**
 * Runs `work` in a transaction that may append to feeds, and resolves once its entries are in the feeds (so a
 * pull right after a push sees the push, as RxDB's protocol expects). The round's commit is synchronous: when
 * this resolves, the work's commit is flushed to disk too, even if the work committed without waiting.
 */
export async function withFeedAppends<T>(db: Database, work: (tx: Sql) => Promise<T>): Promise<T> {
  const result = await db.transaction(work);
  await sequencerOf(db).flush();
  return result;
}

const SEQUENCER_LOCK = 'feed-sequencer';

/** One sequencing round at a time per process; calls during a round share the next one. */
class Sequencer {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly db: Database) {}

  /** Resolves after a round that started after this call (so it saw every row committed before it). */
  flush(): Promise<void> {
    if (!this.running) {
      this.running = this.round().finally(() => (this.running = undefined));
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.flush();
      });
    return this.next;
  }

  /**
   * One round in one statement (migration 4's `sequence_feeds`): it takes the global lock, then (a new snapshot,
   * so it sees every earlier round's commit) moves the pending rows into the feeds under one sequence number and
   * notifies, and its transaction commits while still holding the lock.
   */
  private async round(): Promise<void> {
    await this.db.query('SELECT sequence_feeds($1, $2)', [SEQUENCER_LOCK, FEED_CHANNEL]);
  }
}

const sequencers = new WeakMap<Database, Sequencer>();

/** The sequencer of a database handle (one per pool: rounds of one process never queue on each other's lock). */
export function sequencerOf(db: Database): Sequencer {
  let sequencer = sequencers.get(db);
  if (!sequencer) {
    sequencer = new Sequencer(db);
    sequencers.set(db, sequencer);
  }
  return sequencer;
}

/** One page of a feed as JSON text built by the database: the route sends it as is, never parsing the documents. */
export interface FeedPageText {
  /** `{ "documents": [...], "checkpoint": … }`: a PullResponse. */
  readonly json: string;
  readonly count: number;
  readonly checkpoint: FeedCheckpoint | null;
  /** Whether more documents may follow at once (the page was cut by its limit or its size). */
  readonly more: boolean;
  /** With `deviceId`: whether that device may still sync (design.md §5), read in the page's own statement. */
  readonly deviceActive?: boolean;
}

/**
 * Reads one page of an office's feed after the checkpoint (exclusive), in (seq, id) order: at most `limit` documents
 * and, with `maxBytes`, no more than fit in that many bytes of JSON (always at least one). PostgreSQL renders the
 * documents (jsonb to text is its fast path); parsing a thousand bodies into objects and stringifying them again
 * cost the server most of a pull.
 */
export async function readFeedText(
  sql: Sql,
  officeId: string,
  collection: string,
  checkpoint: FeedCheckpoint | undefined,
  limit: number,
  deviceId?: string,
  maxBytes?: number,
): Promise<FeedPageText> {
  const after = checkpoint ?? { seq: -1, id: '' };
  const { rows } = await sql.query<{
    docs: string | null;
    n: number;
    fetched: number;
    last_seq: string | number | null;
    last_id: string | null;
    device_active: boolean | null;
  }>(
    `WITH page AS MATERIALIZED (
       SELECT f.seq, f.doc_id, (d.body || jsonb_build_object('_deleted', d.deleted))::text AS doc
       FROM feed f JOIN docs d ON d.collection = f.collection AND d.id = f.doc_id
       WHERE f.office_id = $1 AND f.collection = $2 AND (f.seq, f.doc_id) > ($3::bigint, $4::text)
       ORDER BY f.seq, f.doc_id
       LIMIT $5
     ),
     kept AS MATERIALIZED (
       SELECT seq, doc_id, doc FROM (
         SELECT seq, doc_id, doc, sum(octet_length(doc)) OVER (ORDER BY seq, doc_id) - octet_length(doc) AS before FROM page
       ) sized
       WHERE $7::bigint IS NULL OR before = 0 OR before + octet_length(doc) <= $7::bigint
     )
     SELECT string_agg(doc, ',' ORDER BY seq, doc_id) AS docs,
            count(*)::int AS n,
            (SELECT count(*)::int FROM page) AS fetched,
            (SELECT seq FROM kept ORDER BY seq DESC, doc_id DESC LIMIT 1) AS last_seq,
            (SELECT doc_id FROM kept ORDER BY seq DESC, doc_id DESC LIMIT 1) AS last_id,
            (SELECT revoked_at IS NULL FROM devices WHERE id = $6) AS device_active
     FROM kept`,
    [officeId, collection, after.seq, after.id, limit, deviceId ?? null, maxBytes ?? null],
  );
  const row = rows[0];
  const count = Number(row?.n ?? 0);
  // An empty page returns the given checkpoint (RxDB's protocol).
  const last =
    row && row.last_seq !== null && row.last_id !== null
      ? { seq: Number(row.last_seq), id: row.last_id }
      : (checkpoint ?? null);
  return {
    json: `{"documents":[${row?.docs ?? ''}],"checkpoint":${JSON.stringify(last)}}`,
    count,
    checkpoint: last,
    more: count === limit || count < Number(row?.fetched ?? 0),
    ...(deviceId === undefined ? {} : { deviceActive: row?.device_active === true }),
  };
}

/** Reads one page of an office's feed after the checkpoint (exclusive), as objects (tests, tools). @internal */
export async function readFeed(
  sql: Sql,
  officeId: string,
  collection: string,
  checkpoint: FeedCheckpoint | undefined,
  limit: number,
): Promise<PullResponse> {
  return JSON.parse((await readFeedText(sql, officeId, collection, checkpoint, limit)).json) as PullResponse; // built above
}

/**
 * The newest position of each of an office's feeds, in one statement (one index probe a collection): where a new
 * stream starts. A collection whose feed is empty is absent.
 */
export async function feedHeads(
  sql: Sql,
  officeId: string,
  collections: readonly string[],
): Promise<Map<string, FeedCheckpoint>> {
  const { rows } = await sql.query<{ collection: string; seq: string | number; doc_id: string }>(
    `SELECT c.collection, h.seq, h.doc_id
     FROM unnest($2::text[]) AS c(collection),
          LATERAL (SELECT seq, doc_id FROM feed WHERE office_id = $1 AND collection = c.collection ORDER BY seq DESC, doc_id DESC LIMIT 1) h`,
    [officeId, collections],
  );
  return new Map(rows.map((r) => [r.collection, { seq: Number(r.seq), id: r.doc_id }]));
}

/**
 * Stream page reads shared by the streams that stand at the same place in the same feed: the desks of an office
 * follow its feeds in step, so one append woke every one of them and each read the same page (200 streams of an office
 * made 200 queries a push). A stream may join a read only if it started after the stream was woken (`now()`), so a
 * shared page never misses an append the stream was told of. Only reads in flight are shared; nothing is cached.
 */
export class SharedFeedReads {
  private clock = 0;
  private readonly inFlight = new Map<string, { readonly startedAt: number; readonly page: Promise<FeedPageText> }>();

  constructor(
    private readonly sql: Sql,
    private readonly limit: number,
    private readonly maxBytes: number,
  ) {}

  /** The present moment: a read that starts after it sees every append committed before it. */
  now(): number {
    return ++this.clock;
  }

  /** The page after `cursor`, read no earlier than `notBefore`. */
  read(
    officeId: string,
    collection: string,
    cursor: FeedCheckpoint | undefined,
    notBefore: number,
  ): Promise<FeedPageText> {
    const key = `${officeId}\u0000${collection}\u0000${cursor?.seq ?? ''}\u0000${cursor?.id ?? ''}`;
    const shared = this.inFlight.get(key);
    if (shared && shared.startedAt > notBefore) return shared.page;
    const entry = {
      startedAt: this.now(),
      page: readFeedText(this.sql, officeId, collection, cursor, this.limit, undefined, this.maxBytes),
    };
    this.inFlight.set(key, entry);
    const forget = () => void (this.inFlight.get(key) === entry && this.inFlight.delete(key));
    entry.page.then(forget, forget);
    return entry.page;
  }
}
