import { filter, firstValueFrom } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import {
  addRxPlugin,
  getAssumedMasterState,
  getChangedDocumentsSince,
  getLastCheckpointDoc,
  writeDocToDocState,
} from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import type { SyncStatus } from '../contract/events';
import { hostTimers } from '../sync/timers';
import {
  isSyncErrorCode,
  MAX_CLOCK_DRIFT_MS,
  replicatedCollections,
  SYNC_BATCH_SIZE,
  syncPaths,
  type FeedCheckpoint,
  type PullResponse,
  type PushResponse,
  type ReplicatedCollection,
  type SyncErrorCode,
} from '../sync/protocol';
import type { DeskDatabase } from './database';
import { SyncFailure, type ResponseLike, type SyncClient } from './replication-client';
import { DeskStream } from './replication-stream';

/**
 * Live replication of every replicated collection with the county server (design.md §3): RxDB's replication
 * protocol with pages of 1,000, one Server-Sent Events stream for every collection (replication-stream.ts: each
 * collection caught up from its checkpoint on every connect), retry with exponential back-off while the server is
 * unreachable, and a status for the top bar. Being offline is a status,
 * never an error dialog. Replicated `case_events` are folded by the projector's change-stream subscription.
 */
// Several tabs of the web edition share one database: only the leader replicates (design.md §10).
addRxPlugin(RxDBLeaderElectionPlugin);

export interface RetryPolicy {
  readonly minMs: number;
  readonly maxMs: number;
}
export const defaultRetry: RetryPolicy = { minMs: 1_000, maxMs: 60_000 };

type AnyState = RxReplicationState<unknown, FeedCheckpoint>;

/**
 * The projector as replication drives it (projector.ts): folding waits while `case_events` catches up with full
 * pages and happens once per matter at the end, and "in sync" includes the folds.
 */
export interface CatchUp {
  hold(): Promise<void>;
  release(): Promise<void>;
  idle(): Promise<void>;
}

export class DeskReplication {
  private readonly states = new Map<ReplicatedCollection, AnyState>();
  /** The collections whose replication is pushing or pulling now (RxDB's `active$`). */
  private readonly active = new Set<ReplicatedCollection>();
  private stream: DeskStream | undefined;
  private failures = 0;
  /**
   * The back-off, one for the whole desk (the server is reachable or it is not): until `retryAt` (Date.now() time,
   * timers run on the real clock) every handler and stream waits here, and a success or 立即同步 wakes them all.
   * RxDB's own retry wait cannot be cut short (`retryTime` is read when it starts sleeping), so it stays at
   * `retry.minMs`: else a push that failed during an outage would sleep up to `maxMs` after the server is back, and
   * 立即同步 could not wake it.
   */
  private retryAt = 0;
  private readonly sleepers = new Set<() => void>();
  private onFailure: (() => void)[] = [];
  private stopped = false;
  private status: SyncStatus = { state: 'syncing', pending: 0 };
  private statusTimer: unknown;

  constructor(
    private readonly db: DeskDatabase,
    private readonly client: SyncClient,
    private readonly now: () => Date,
    private readonly onStatus: (status: SyncStatus) => void,
    private readonly catchUp: CatchUp,
    private readonly retry: RetryPolicy = defaultRetry,
  ) {}

  start(): void {
    const pulled = (Object.keys(replicatedCollections) as ReplicatedCollection[]).filter(
      (name) => replicatedCollections[name] !== 'up',
    );
    const stream = new DeskStream(
      pulled,
      {
        open: () => this.openStream(),
        pull: (name, checkpoint) => this.pull(name, checkpoint, SYNC_BATCH_SIZE),
        storedCheckpoint: (name) => this.storedCheckpoint(name),
        failed: (error) => this.failed(error),
        // At least a short jittered pause, so a server that ends streams at once is not called in a tight loop.
        pause: () => this.sleep(Math.max(this.retryAt - Date.now(), jitter(this.retry.minMs))),
      },
      this.client.timeouts.streamSilenceMs,
    );
    this.stream = stream;
    for (const [name, direction] of Object.entries(replicatedCollections) as [ReplicatedCollection, string][]) {
      const collection = this.db.collections[name] as unknown as RxCollection<unknown>; // every replicated collection exists in the desk database
      const state = replicateRxCollection<unknown, FeedCheckpoint>({
        replicationIdentifier: `xinfang-${name}-${this.client.device.deviceId}`,
        collection,
        live: true,
        retryTime: this.retry.minMs,
        waitForLeadership: true,
        ...(direction === 'up'
          ? {}
          : {
              pull: {
                handler: (cp, size) => this.pull(name, cp, size),
                batchSize: SYNC_BATCH_SIZE,
                stream$: stream.stream$(name),
              },
            }),
        ...(direction === 'down'
          ? {}
          : { push: { handler: (rows) => this.push(name, rows), batchSize: SYNC_BATCH_SIZE } }),
      });
      state.error$.subscribe((error) => this.failed(error));
      state.active$.subscribe((active) => (active ? this.active.add(name) : this.active.delete(name)));
      this.states.set(name, state as AnyState);
    }
    stream.start();
    this.publish({});
  }

  /** Pushes and pulls now (`sync-now`), without waiting for the back-off; resolves when in sync or failed. */
  async syncNow(timeoutMs = 30_000): Promise<SyncStatus> {
    this.resetBackoff();
    for (const state of this.states.values()) state.reSync();
    const settled = Promise.all([...this.states.values()].map((s) => s.awaitInSync()));
    // Offline is an answer too: the first failure ends the wait (RxDB keeps retrying with back-off).
    const failed = new Promise<void>((resolve) => this.onFailure.push(resolve));
    await Promise.race([settled, failed, new Promise<void>((resolve) => hostTimers.setTimeout(resolve, timeoutMs))]);
    await this.refreshPending();
    return this.status;
  }

  /** Resolves once every collection has caught up with the server (tests, first start). */
  async awaitInSync(): Promise<void> {
    await Promise.all([...this.states.values()].map((s) => s.awaitInSync()));
    await this.catchUp.idle();
  }

  get current(): SyncStatus {
    return this.status;
  }

  /**
   * Local changes the server has not accepted yet, counted now; undefined when a collection's replication has not
   * started (another tab of the web edition leads it): then nobody here can tell.
   */
  async unsynced(): Promise<number | undefined> {
    let pending = 0;
    for (const [name, state] of this.states) {
      if (replicatedCollections[name] === 'down') continue;
      if (!state.internalReplicationState) return undefined;
      pending += await pendingOf(state);
    }
    return pending;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeAll();
    hostTimers.clearTimeout(this.statusTimer);
    this.stream?.stop();
    await Promise.all([...this.states.values()].map((s) => s.cancel()));
    await this.catchUp.release();
  }

  private async pull(
    name: ReplicatedCollection,
    checkpoint: FeedCheckpoint | undefined,
    limit: number,
  ): Promise<{ documents: never[]; checkpoint: FeedCheckpoint | undefined }> {
    await this.backedOff();
    const query = `?limit=${limit}${checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''}`;
    const page = await this.client.request<PullResponse>('GET', syncPaths.pull(name) + query);
    this.succeeded();
    // A full page means more follow at once (RxDB's own test): fold the matters once the last page is in. The hold
    // is in place before RxDB writes this page; a short page ends it (its own events are folded as they come).
    if (name === 'case_events') await (page.documents.length >= limit ? this.catchUp.hold() : this.catchUp.release());
    return { documents: page.documents as never[], checkpoint: page.checkpoint ?? checkpoint }; // documents of this collection
  }

  private async push(name: ReplicatedCollection, rows: readonly unknown[]): Promise<never[]> {
    await this.backedOff();
    const answer = await this.client.request<PushResponse>('POST', syncPaths.push(name), rows);
    const refused = answer.refused[0];
    this.succeeded(refused?.code);
    return answer.conflicts as never[]; // documents of this collection, as the server holds them
  }

  /** The desk's stream, opened by the tab that replicates (only the leader does, design.md §10). */
  private async openStream(): Promise<ResponseLike> {
    await this.db.waitForLeadership();
    return this.client.openStream(syncPaths.stream);
  }

  /**
   * Where a collection's replication stands: its stored checkpoint, once it has started (this tab leads) and done its
   * first pull, so a fresh desk's catch-up does not fetch again what that first pull is fetching.
   */
  private async storedCheckpoint(name: ReplicatedCollection): Promise<FeedCheckpoint | undefined> {
    const state = this.states.get(name);
    await state?.startPromise;
    const internal = state?.internalReplicationState;
    if (!internal) return undefined;
    await firstValueFrom(internal.firstSyncDone.down.pipe(filter((done) => done)));
    return getLastCheckpointDoc<unknown, FeedCheckpoint>(internal, 'down');
  }

  private backoffMs(): number {
    return jitter(Math.min(this.retry.maxMs, this.retry.minMs * 2 ** Math.min(this.failures, 16)));
  }

  /** Resolves once the back-off has passed (at once when there is none). */
  private backedOff(): Promise<void> {
    return this.sleep(this.retryAt - Date.now());
  }

  /** Resolves after `ms`, or earlier when the back-off is reset (a success, 立即同步) or sync stops. */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = () => {
        hostTimers.clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = hostTimers.setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  private resetBackoff(): void {
    this.failures = 0;
    this.retryAt = 0;
    this.wakeAll();
  }

  private succeeded(refused?: SyncErrorCode): void {
    this.resetBackoff();
    const drift = this.client.clockDriftMs;
    const drifting = drift !== undefined && Math.abs(drift) > MAX_CLOCK_DRIFT_MS;
    this.publish({
      state: 'online',
      lastSuccessAt: this.now().toISOString(),
      lastError: refused ?? (drifting ? 'clock-drift' : undefined),
      clockDriftMs: drifting ? Math.round(drift) : undefined,
    });
  }

  private failed(error: unknown): void {
    if (this.stopped) return;
    // The requests of one attempt (every collection's pull, push and stream) fail together: they count once, or a
    // single short outage would jump straight to the longest back-off.
    const now = Date.now();
    if (now >= this.retryAt) {
      this.failures += 1;
      this.retryAt = now + this.backoffMs();
    }
    for (const resolve of this.onFailure.splice(0)) resolve();
    void this.catchUp.release(); // a catch-up cut short by an outage: fold what arrived
    const cause = findFailure(error);
    const code = cause?.code ?? 'server-error';
    this.publish({ state: code === 'server-unreachable' ? 'offline' : 'error', lastError: code });
  }

  private publish(patch: Partial<SyncStatus>): void {
    const next = { ...this.status, ...patch };
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as unknown as SyncStatus; // only undefined fields dropped
    const changed = JSON.stringify(clean) !== JSON.stringify(this.status);
    this.status = clean;
    if (changed) this.onStatus(this.status);
    hostTimers.clearTimeout(this.statusTimer);
    this.statusTimer = hostTimers.setTimeout(() => void this.refreshPending(), 200);
  }

  /**
   * Local changes the server has not accepted yet. RxDB's push checkpoint does not move past documents that the
   * pull wrote, so "changed since the push checkpoint" alone would count pulled documents as pending for ever;
   * a document counts only when it differs from the state the server is known to hold, RxDB's own test.
   */
  private async refreshPending(): Promise<void> {
    let pending = 0;
    for (const [name, state] of this.states) {
      if (replicatedCollections[name] === 'down') continue;
      pending += await pendingOf(state).catch(() => 0);
    }
    const active = [...this.states].some(([name, s]) => !s.isStopped() && this.active.has(name));
    if (this.stopped) return;
    const state =
      this.status.state === 'online' && active
        ? 'syncing'
        : this.status.state === 'syncing' && !active
          ? 'online'
          : this.status.state;
    if (pending !== this.status.pending || state !== this.status.state) {
      this.status = { ...this.status, pending, state };
      this.onStatus(this.status);
    }
  }
}

/** Half to all of `ms`: desks that lost the network together do not return together. */
function jitter(ms: number): number {
  return ms / 2 + Math.random() * (ms / 2);
}

/** The documents of one replicated collection that the server does not hold in their current state. */
async function pendingOf(state: AnyState): Promise<number> {
  const internal = state.internalReplicationState;
  if (!internal) return 0;
  const checkpoint = internal.lastCheckpointDoc.up?.checkpointData;
  const changed = await getChangedDocumentsSince(state.collection.storageInstance, SYNC_BATCH_SIZE, checkpoint);
  if (changed.documents.length === 0) return 0;
  const primary = state.collection.schema.primaryPath as string; // every desk collection's key is a string field
  const ids = changed.documents.map((d) => (d as Record<string, unknown>)[primary] as string);
  const assumed = await getAssumedMasterState(internal, ids);
  return changed.documents.filter((doc, i) => {
    const id = ids[i];
    const known = id === undefined ? undefined : assumed[id];
    return (
      !known ||
      !internal.input.conflictHandler.isEqual(
        known.docData,
        writeDocToDocState(doc, internal.hasAttachments, !!internal.input.keepMeta),
        'upstream-check-if-equal',
      )
    );
  }).length;
}

/** RxDB wraps handler errors (in `parameters.errors`, `parameters.error`, `cause`); find the SyncFailure inside. */
function findFailure(error: unknown, depth = 0): SyncFailure | undefined {
  if (error instanceof SyncFailure) return error;
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  const e = error as Record<string, unknown>; // searched field by field
  // RxDB keeps a handler's error as plain JSON ({ name, message, code }).
  if (isSyncErrorCode(e.code)) return new SyncFailure(e.code);
  const inner = [e.parameters, e.cause, e.error, e.errors].flatMap((x) =>
    Array.isArray(x) ? x : typeof x === 'object' && x !== null ? [x, ...Object.values(x)] : [],
  );
  for (const candidate of inner) {
    const found = findFailure(candidate, depth + 1);
    if (found) return found;
  }
  return undefined;
}
