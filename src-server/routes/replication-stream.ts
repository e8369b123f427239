import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { STREAM_PING_MS, STREAMS_PER_DEVICE, SYNC_BATCH_SIZE, type FeedCheckpoint } from '#shared/sync/protocol';
import type { Database } from '../db/database';
import type { TokenClaims } from '../services/auth';
import { feedHeads, SharedFeedReads } from '../services/feed';
import type { Notifier } from '../services/notifier';

/**
 * The desk's one Server-Sent Events stream (design.md §3): pages of every collection that pulls, each tagged with
 * its collection, so a desk holds one connection however many collections it replicates (a browser allows six per
 * origin). What a stream may cost the server is bounded: a slow reader is dropped and resyncs from its checkpoint,
 * and a device holds at most `perDevice` streams.
 */
export interface StreamLimits {
  /** Bytes a stream may hold unsent before it stops reading its feeds (a page more may be in flight). */
  readonly bufferBytes: number;
  /** How long a backed-up stream may take to drain before it is ended. */
  readonly drainMs: number;
  /** Open streams of one device on this process; a new one beyond it ends the device's oldest. */
  readonly perDevice: number;
}

/**
 * A stream holds at most `bufferBytes` plus one page of at most `PAGE_BYTES` (or one larger document): 0.5 MB, so
 * 200 streams that are never read cost the server ~100 MB (the target: under 400 MB in all; at 512 kB the
 * bench peaked at 392 MB). A desk that keeps up never has more than a page waiting; one on a 1 Mbit/s line drains
 * 256 kB in 2 s.
 */
export const defaultStreamLimits: StreamLimits = {
  bufferBytes: 256 * 1024,
  drainMs: 10_000,
  perDevice: STREAMS_PER_DEVICE,
};

/** The bytes of one stream page: a burst of a thousand long notes goes out in pieces, each read after the last left. */
const PAGE_BYTES = 256 * 1024;

/**
 * The open streams of this process by device. A stream beyond the cap ends the device's oldest rather than being
 * refused: the desk holds one stream and opens the next only after the last one ended, so its oldest beyond the cap
 * is one whose end the server has not noticed (a half-open connection after a network change, unnoticed for up to
 * the TCP retransmission timeout, ~15 minutes). Refusing would lock the desk out for that long; ending the oldest
 * lets its reconnect through at once and still holds a device (or a stolen token) to `perDevice` streams.
 */
export class OpenStreams {
  private readonly byDevice = new Map<string, (() => void)[]>();

  constructor(readonly limits: StreamLimits) {}

  /** Counts a new stream of the device (ending its oldest beyond the cap); returns the stream's removal. */
  add(deviceId: string, end: () => void): () => void {
    const streams = this.byDevice.get(deviceId) ?? [];
    this.byDevice.set(deviceId, streams);
    streams.push(end);
    while (streams.length > this.limits.perDevice) streams.shift()?.();
    return () => {
      const i = streams.indexOf(end);
      if (i >= 0) streams.splice(i, 1);
      if (streams.length === 0 && this.byDevice.get(deviceId) === streams) this.byDevice.delete(deviceId);
    };
  }

  /** Ends every stream (the server is closing: streams never finish by themselves). */
  endAll(): void {
    for (const streams of [...this.byDevice.values()]) for (const end of [...streams]) end();
  }
}

export interface StreamDeps {
  readonly db: Database;
  readonly notifier: Notifier;
  readonly streams: OpenStreams;
  readonly now: () => Date;
  /** The collections a desk pulls. */
  readonly collections: readonly string[];
}

/** The page reads every stream of this process shares (one a database handle: they must read the same database). */
const sharedReads = new WeakMap<Database, SharedFeedReads>();
function readsOf(db: Database): SharedFeedReads {
  let reads = sharedReads.get(db);
  if (!reads) sharedReads.set(db, (reads = new SharedFeedReads(db, SYNC_BATCH_SIZE, PAGE_BYTES)));
  return reads;
}

/**
 * Opens the stream of an enrolled device for its office's feeds. The stream's cursors are taken at the feeds' heads
 * before its headers are sent, so a desk that pulls each collection from its checkpoint once the answer arrives misses
 * nothing in between; `RESYNC` says so in-band.
 */
export async function openStream(
  deps: StreamDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  claims: TokenClaims,
): Promise<void> {
  const stream = new FeedStream(deps, reply.raw, claims, request.log);
  try {
    await stream.start();
  } catch (error) {
    stream.close();
    throw error;
  }
  reply.hijack();
  const headers = Object.fromEntries(
    Object.entries(reply.getHeaders()).filter((e): e is [string, string | number | string[]] => e[1] !== undefined),
  );
  stream.open(headers);
}

/**
 * One stream: a cursor per collection, the collections whose feeds grew since they were last read, and one read
 * loop. A stream lasts no longer than the access that opened it (design.md §5): it ends when its token expires, when
 * its device is revoked (announced by NOTIFY to every server process, services/notifier.ts), and when its device is
 * found revoked after the notifier's connection came back (a revocation announced meanwhile was lost).
 */
class FeedStream {
  private cursors = new Map<string, FeedCheckpoint>();
  /** Collections to read, in the order they grew (a full page puts its collection at the back: fair). */
  private readonly dirty = new Set<string>();
  /** When each collection was last woken: a shared read must have started after it. */
  private readonly wokenAt = new Map<string, number>();
  private readonly reads: SharedFeedReads;
  /** Set when a revocation may have gone unannounced. */
  private checkDevice = false;
  private opened = false;
  private reading = false;
  private closed = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly deps: StreamDeps,
    private readonly raw: ServerResponse,
    private readonly claims: TokenClaims,
    private readonly log: FastifyBaseLogger,
  ) {
    this.reads = readsOf(deps.db);
  }

  /** Subscribes, then takes the cursors: an append after the heads were read always wakes this stream. */
  async start(): Promise<void> {
    const { officeId, deviceId } = this.claims;
    this.stops.push(this.deps.notifier.subscribe(officeId, (collection) => this.wake(collection)));
    this.stops.push(this.deps.notifier.onAccessEnded(deviceId, () => this.close()));
    this.stops.push(this.deps.streams.add(deviceId, () => this.close()));
    const expiry = setTimeout(() => this.close(), Math.max(0, this.claims.expiresAt - this.deps.now().getTime()));
    this.stops.push(() => clearTimeout(expiry));
    this.raw.on('close', () => this.close());
    this.cursors = await feedHeads(this.deps.db, officeId, this.deps.collections);
  }

  /** Sends the headers and RESYNC, then whatever was appended since the heads were read. */
  open(headers: Record<string, string | number | string[]>): void {
    if (this.closed) return void this.raw.end(); // ended while its cursors were read: the desk reconnects
    this.raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    this.raw.write('data: "RESYNC"\n\n');
    const ping = setInterval(() => this.raw.write(': ping\n\n'), STREAM_PING_MS);
    this.stops.push(() => clearInterval(ping));
    this.opened = true;
    void this.read();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stops.splice(0)) stop();
    if (!this.opened) return; // `open` answers, or the route's error handler does
    // A backed-up socket is dropped with what it holds: ending it gracefully would keep its buffer until read.
    if (this.raw.writableLength > 0) this.raw.destroy();
    else this.raw.end();
  }

  /**
   * A feed grew. Without a collection the notifier's connection came back and anything may have been missed, a
   * revocation too: the device is checked before anything more is sent.
   */
  private wake(collection: string | undefined): void {
    const now = this.reads.now();
    for (const c of collection === undefined ? this.deps.collections : [collection]) {
      if (!this.deps.collections.includes(c)) continue;
      this.dirty.add(c);
      this.wokenAt.set(c, now);
    }
    if (collection === undefined) this.checkDevice = true;
    if (this.opened) void this.read();
  }

  /**
   * Reads the grown feeds page by page while the socket keeps up. Before each read the socket must hold at most the
   * bound unsent; if it does not drain in time the reader is too slow and the stream ends (its desk reconnects and
   * pulls from its checkpoint), so a stream holds at most the bound plus one page.
   */
  private async read(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      for (
        let collection = first(this.dirty);
        collection !== undefined && !this.closed;
        collection = first(this.dirty)
      ) {
        if (!(await this.drained())) {
          this.log.info(
            { deviceId: this.claims.deviceId, buffered: this.raw.writableLength },
            'slow stream reader dropped',
          );
          return this.close();
        }
        this.dirty.delete(collection);
        if (!(await this.sendPage(collection))) return this.close();
      }
    } catch (error) {
      this.log.warn({ err: error }, 'stream read failed');
      this.close();
    } finally {
      this.reading = false;
    }
  }

  /** Sends the next page of one collection; false when the device may no longer sync. */
  private async sendPage(collection: string): Promise<boolean> {
    if (this.checkDevice) {
      this.checkDevice = false;
      const { rows } = await this.deps.db.query<{ active: boolean }>(
        'SELECT revoked_at IS NULL AS active FROM devices WHERE id = $1',
        [this.claims.deviceId],
      );
      if (rows[0]?.active !== true) return false;
    }
    const page = await this.reads.read(
      this.claims.officeId,
      collection,
      this.cursors.get(collection),
      this.wokenAt.get(collection) ?? 0,
    );
    if (this.closed) return true;
    // jsonb's text form escapes every newline, so the page is one SSE data line. Written as bytes: the socket counts
    // a string's characters, and a page of Chinese text is three bytes a character on the wire.
    if (page.count > 0)
      this.raw.write(Buffer.from(`data: {"collection":${JSON.stringify(collection)},${page.json.slice(1)}\n\n`));
    if (page.checkpoint) this.cursors.set(collection, page.checkpoint);
    if (page.more) this.dirty.add(collection);
    return true;
  }

  /** Resolves true once the socket holds at most the bound unsent; false when it did not drain in time or closed. */
  private drained(): Promise<boolean> {
    const raw = this.raw;
    if (raw.writableLength <= this.deps.streams.limits.bufferBytes) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        raw.off('drain', onDrain);
        raw.off('close', onClose);
        resolve(ok && !this.closed);
      };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      const timer = setTimeout(() => done(false), this.deps.streams.limits.drainMs);
      raw.on('drain', onDrain);
      raw.on('close', onClose);
    });
  }
}

const first = <T>(set: ReadonlySet<T>): T | undefined => set.values().next().value;
