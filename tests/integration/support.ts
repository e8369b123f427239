import type { Worker } from 'node:worker_threads';
import { wireClient } from '#shared/contract/dispatch';
import type { Transport, WireEvent, WireResponse } from '#shared/contract/transport';
import { DEMO_PASSWORD } from '#shared/demo/county';
import type { SyncTimeouts } from '#shared/core/replication-client';
import { startWorker } from '../../src-main/storage-sqlite/start-worker';

/** A desk core in a worker thread (see desk-worker.ts), driven through the Api and a few test controls. */
export interface TestDesk {
  readonly t: Transport;
  /** The desk's network: offline, every n-th request failing, another server, pushes held in flight until released. */
  net(settings: { online?: boolean; failEvery?: number; server?: string; holdPushes?: boolean }): Promise<void>;
  /** Pushes now waiting under `holdPushes`. */
  heldPushes(): Promise<number>;
  /** The desk's open streams, and the chunks its streams have delivered so far. */
  streams(): Promise<{ open: number; chunks: number }>;
  /** Breaks every open stream as a dropped connection does; resolves to how many there were. */
  cutStreams(): Promise<number>;
  awaitInSync(): Promise<void>;
  ids(
    collection: 'case_events' | 'petitions' | 'petitioners' | 'cases' | 'users',
    selector?: Record<string, unknown>,
  ): Promise<string[]>;
  login(login: string): Promise<void>;
  close(): Promise<void>;
}

/** `timeouts`: the desk's deadlines on a silent county, shortened by tests of a half-open connection. */
export async function openDesk(
  serverUrl: string,
  enrolAs: string,
  options: { timeouts?: SyncTimeouts } = {},
): Promise<TestDesk> {
  const worker: Worker = startWorker(import.meta.url, './desk-worker', { serverUrl, ...options });
  const { transport, receive } = wireClient((request) => worker.postMessage(request));
  const waiting = new Map<number, (m: { value?: unknown; error?: string }) => void>();
  let nextId = 1;
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on(
      'message',
      (
        m:
          | WireResponse
          | WireEvent
          | { kind: 'ready' }
          | { kind: 'control-result'; id: number; value?: unknown; error?: string },
      ) => {
        if (m.kind === 'ready') return resolve();
        if (m.kind === 'control-result') return waiting.get(m.id)?.(m);
        receive(m);
      },
    );
  });
  await ready;
  const control = <T>(op: string, args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m.value as T)));
      worker.postMessage({ kind: 'control', id, op, args });
    });
  const desk: TestDesk = {
    t: transport,
    net: (settings) => control('net', settings),
    heldPushes: () => control('held-pushes'),
    streams: () => control('streams'),
    cutStreams: () => control('cut-streams'),
    awaitInSync: () => control('await-sync'),
    ids: (collection, selector) => control('ids', { collection, ...(selector ? { selector } : {}) }),
    async login(login) {
      await transport.invoke('session-logout', {});
      await transport.invoke('session-login', { login, password: DEMO_PASSWORD });
    },
    async close() {
      await control('close').catch(() => undefined);
      await worker.terminate();
    },
  };
  const status = await transport.invoke('sync-enrol', { login: enrolAs, password: DEMO_PASSWORD, serverUrl });
  if (status.state === 'offline' || status.state === 'error')
    throw new Error(`enrol ${enrolAs}: ${JSON.stringify(status)}`);
  await desk.awaitInSync();
  return desk;
}

/** Syncs every desk now, in the given order, and repeats so that what one desk pushed reaches the others. */
export async function syncAll(desks: readonly TestDesk[], rounds = 2): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    for (const d of desks) await d.t.invoke('sync-now', {});
  }
  for (const d of desks) await d.awaitInSync();
}

export const eventIds = (d: TestDesk, caseId: string) => d.ids('case_events', { caseId });
