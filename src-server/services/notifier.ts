import type { Database } from '../db/database';
import { FEED_CHANNEL, type FeedNotice } from './feed';

/**
 * Fans feed appends out to the open streams of this process. Every server process LISTENs on the database, so a
 * push taken by one process wakes the streams held by another (design.md §3, scale-out).
 */
export class Notifier {
  private readonly listeners = new Map<string, Set<() => void>>();
  private stop: (() => Promise<void>) | undefined;

  async start(db: Database): Promise<void> {
    this.stop = await db.listen(FEED_CHANNEL, (payload) => {
      let notice: FeedNotice;
      try {
        notice = JSON.parse(payload) as FeedNotice; // written by appendToFeeds
      } catch {
        return;
      }
      for (const officeId of notice.officeIds) for (const wake of this.listeners.get(key(officeId, notice.collection)) ?? []) wake();
    }, () => this.wakeAll());
  }

  /**
   * After the LISTEN connection was lost and reopened, appends made in between were never announced: every stream
   * reads its feed after its own cursor, so waking them all catches up whatever was missed.
   */
  wakeAll(): void {
    for (const set of this.listeners.values()) for (const wake of set) wake();
  }

  /** Calls `wake` whenever the office's feed of the collection grows; returns the unsubscribe. */
  subscribe(officeId: string, collection: string, wake: () => void): () => void {
    const k = key(officeId, collection);
    const set = this.listeners.get(k) ?? new Set();
    this.listeners.set(k, set);
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.listeners.delete(k);
    };
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.listeners.clear();
  }
}

const key = (officeId: string, collection: string) => `${officeId}\u0000${collection}`;
