import type { Database } from '../db/database';
import { FEED_CHANNEL, type FeedNotice } from './feed';

/** Carries the id of a device whose access ended (revoked): `revokeDevice` in services/auth.ts sends it. */
export const ACCESS_CHANNEL = 'xinfang_access';

/** Told which collection's feed grew; `undefined`: any of them may have. */
export type FeedWake = (collection: string | undefined) => void;

/**
 * Fans feed appends out to the open streams of this process (one a desk, subscribed by office), and ends the streams of a revoked device. Every
 * server process LISTENs on the database, so a push taken by one process wakes the streams held by another, and a
 * device revoked through any process or the admin command loses its streams on all of them (design.md §3, §5).
 */
export class Notifier {
  private readonly listeners = new Map<string, Set<FeedWake>>();
  private readonly accessEnders = new Map<string, Set<() => void>>();
  private stops: (() => Promise<void>)[] = [];

  async start(db: Database): Promise<void> {
    this.stops.push(
      await db.listen(
        FEED_CHANNEL,
        (payload) => this.feedGrew(payload),
        () => this.wakeAll(),
      ),
    );
    // A revocation announced while this connection was down is missed: waking every stream makes each re-read its
    // device's state with its feed (routes/replication.ts), so those streams end all the same.
    this.stops.push(
      await db.listen(
        ACCESS_CHANNEL,
        (deviceId) => this.accessEnded(deviceId),
        () => this.wakeAll(),
      ),
    );
  }

  /**
   * After the LISTEN connection was lost and reopened, appends made in between were never announced: every stream
   * reads its feed after its own cursor, so waking them all catches up whatever was missed.
   */
  wakeAll(): void {
    for (const set of this.listeners.values()) for (const wake of set) wake(undefined);
  }

  /**
   * Calls `wake` with the collection whenever one of the office's feeds grows, and with none when any may have
   * (the LISTEN connection came back); returns the unsubscribe.
   */
  subscribe(officeId: string, wake: FeedWake): () => void {
    return addTo(this.listeners, officeId, wake);
  }

  /** Calls `end` when the device is revoked; returns the unsubscribe. */
  onAccessEnded(deviceId: string, end: () => void): () => void {
    return addTo(this.accessEnders, deviceId, end);
  }

  async close(): Promise<void> {
    for (const stop of this.stops.splice(0)) await stop();
    this.listeners.clear();
    this.accessEnders.clear();
  }

  private feedGrew(payload: string): void {
    let notice: FeedNotice;
    try {
      notice = JSON.parse(payload) as FeedNotice; // written by appendToFeeds
    } catch {
      return;
    }
    for (const officeId of notice.officeIds)
      for (const wake of this.listeners.get(officeId) ?? []) wake(notice.collection);
  }

  private accessEnded(deviceId: string): void {
    for (const end of [...(this.accessEnders.get(deviceId) ?? [])]) end();
  }
}

function addTo<F>(map: Map<string, Set<F>>, k: string, callback: F): () => void {
  const set = map.get(k) ?? new Set();
  map.set(k, set);
  set.add(callback);
  return () => {
    set.delete(callback);
    if (set.size === 0 && map.get(k) === set) map.delete(k);
  };
}
