import { Subject } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { SseParser } from '../sync/sse';
import { SYNC_BATCH_SIZE, type FeedCheckpoint, type ReplicatedCollection, type StreamMessage } from '../sync/protocol';
import { withTimeout } from '../sync/timers';
import { defaultTimeouts, SyncFailure, type ResponseLike } from './replication-client';

/** What RxDB's `pull.stream$` of one collection carries. */
export type StreamItem = RxReplicationPullStreamItem<unknown, FeedCheckpoint>;

/** One pull page as the replication's pull handler answers it. */
export interface PulledPage {
  readonly documents: never[];
  readonly checkpoint: FeedCheckpoint | undefined;
}

/** What the stream needs of the replication around it (replication.ts). */
export interface StreamSide {
  /** Opens the desk's stream (with the access token); rejects when the server cannot be reached or refuses. */
  open(): Promise<ResponseLike>;
  /** One page of a collection after a checkpoint: the replication's own pull. */
  pull(name: ReplicatedCollection, checkpoint: FeedCheckpoint | undefined): Promise<PulledPage>;
  /** The collection's stored checkpoint, once its replication has started and done its first pull. */
  storedCheckpoint(name: ReplicatedCollection): Promise<FeedCheckpoint | undefined>;
  failed(error: unknown): void;
  /** The pause before a reconnect (back-off). */
  pause(): Promise<void>;
}

/**
 * The desk's one stream (design.md §3), demultiplexed into each collection's RxDB `stream$`.
 *
 * **After every connect, each collection is pulled from its stored checkpoint until a short page before any page of
 * the new connection reaches RxDB.** The server starts a stream at its feeds' heads, so its first page already lies
 * past whatever was appended while the desk was away. RxDB's RESYNC marker is not enough to fill that gap: RxDB 17.6
 * holds stream items back while a push runs, and when a page from before the cut is queued ahead of the RESYNC its
 * downstream loop drops the RESYNC (`openTasks.shift()` then `break` in replication-protocol/downstream), so the next
 * page would move the checkpoint past the gap for good. The catch-up pages travel through `stream$` like
 * any page, so RxDB writes them in order and never drops them.
 */
export class DeskStream {
  private readonly feeds = new Map<ReplicatedCollection, CollectionFeed>();
  private cancel: (() => void) | undefined;
  private stopped = false;

  constructor(
    names: readonly ReplicatedCollection[],
    private readonly side: StreamSide,
    /** Silence after which the connection counts as dead (a half-open one never ends by itself): ended and opened again. */
    private readonly silenceMs = defaultTimeouts.streamSilenceMs,
  ) {
    for (const name of names) this.feeds.set(name, new CollectionFeed());
  }

  /** The `stream$` of one collection's replication. */
  stream$(name: ReplicatedCollection): Subject<StreamItem> {
    const feed = this.feeds.get(name);
    if (!feed) throw new Error(`no stream for ${name}`);
    return feed.subject;
  }

  /** Connects, and reconnects after every end with the side's pause, until stopped. */
  start(): void {
    void (async () => {
      while (!this.stopped) {
        await this.connection().catch((error: unknown) => this.stopped || this.side.failed(error));
        if (this.stopped) return;
        await this.side.pause();
      }
    })();
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    for (const feed of this.feeds.values()) feed.subject.complete();
  }

  /** One connection: catch every collection up, and pass its pages on; resolves when the server ends it. */
  private async connection(): Promise<void> {
    const response = await this.side.open();
    const reader = response.body?.getReader();
    if (!reader || this.stopped) return void (await reader?.cancel().catch(() => undefined));
    const connection = { open: true };
    this.cancel = () => void reader.cancel().catch(() => undefined);
    for (const feed of this.feeds.values()) feed.hold();
    // A catch-up that fails for good (its stored checkpoint unreadable) ends the connection: the next one tries again.
    const catchingUp = Promise.all([...this.feeds].map(([name, feed]) => this.catchUp(name, feed, connection))).catch(
      (error: unknown) => {
        this.side.failed(error);
        this.cancel?.();
      },
    );
    // Every read within the silence allowed: the server pings every STREAM_PING_MS, so silence means a dead connection.
    const read = () => withTimeout(reader.read(), this.silenceMs, () => new SyncFailure('server-unreachable'));
    try {
      const parser = new SseParser();
      for (let chunk = await read(); !chunk.done && !this.stopped; chunk = await read()) {
        for (const data of parser.push(chunk.value ?? new Uint8Array())) this.route(JSON.parse(data) as StreamMessage); // the server's stream messages
      }
    } finally {
      connection.open = false;
      void reader.cancel().catch(() => undefined); // closes the connection a silence gave up on
      await catchingUp; // a late page of this catch-up must not follow the next connection's
    }
  }

  /** A page to its collection's feed; RESYNC needs nothing more: every connect is caught up anyway. */
  private route(message: StreamMessage): void {
    if (message === 'RESYNC') return;
    const feed = this.feeds.get(message.collection as ReplicatedCollection); // a collection this desk does not pull is ignored
    feed?.deliver({ documents: message.documents as never[], checkpoint: message.checkpoint ?? { seq: -1, id: '' } }); // documents of that collection
  }

  /** Pulls one collection from its stored checkpoint until a short page, then lets the connection's pages through. */
  private async catchUp(
    name: ReplicatedCollection,
    feed: CollectionFeed,
    connection: { open: boolean },
  ): Promise<void> {
    let checkpoint = await this.side.storedCheckpoint(name);
    do {
      for (let full = true; full && connection.open;) {
        const page = await this.pullRetrying(name, checkpoint, connection);
        if (!page || !connection.open) return;
        if (page.documents.length > 0 && page.checkpoint)
          feed.subject.next({ documents: page.documents, checkpoint: page.checkpoint });
        checkpoint = page.checkpoint ?? checkpoint;
        full = page.documents.length >= SYNC_BATCH_SIZE;
      }
    } while (connection.open && !feed.release());
  }

  /** One page, tried again (after the side's back-off) while the connection lasts: a lost answer is no reason to reconnect. */
  private async pullRetrying(
    name: ReplicatedCollection,
    checkpoint: FeedCheckpoint | undefined,
    connection: { open: boolean },
  ): Promise<PulledPage | undefined> {
    while (connection.open) {
      try {
        return await this.side.pull(name, checkpoint);
      } catch (error) {
        this.side.failed(error); // sets the back-off the next pull waits for
      }
    }
    return undefined;
  }
}

/** Pages of the new connection held while their collection catches up: a few, then they are pulled again instead. */
const MAX_HELD_PAGES = 20;

/** One collection's side of the stream: its `stream$`, and the pages held while it catches up. */
class CollectionFeed {
  readonly subject = new Subject<StreamItem>();
  /** Undefined while live; else the pages held since the connection opened. */
  private held: StreamItem[] | undefined;
  private overflowed = false;

  /** A new connection: hold its pages until the catch-up is done. */
  hold(): void {
    this.held = [];
    this.overflowed = false;
  }

  deliver(item: StreamItem): void {
    if (!this.held) return this.subject.next(item);
    if (this.held.length < MAX_HELD_PAGES) return void this.held.push(item);
    // Too many to keep: drop them and pull once more, which reads past every one of them.
    this.held = [];
    this.overflowed = true;
  }

  /** Passes the held pages on and goes live; false when some were dropped and another catch-up round must run. */
  release(): boolean {
    if (this.overflowed) {
      this.overflowed = false;
      return false;
    }
    for (const item of this.held ?? []) this.subject.next(item);
    this.held = undefined;
    return true;
  }
}
