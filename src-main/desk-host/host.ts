import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { wireClient } from '#shared/contract/dispatch';
import { toErrorData } from '#shared/contract/errors';
import type { Transport, WireEvent, WireRequest, WireResponse } from '#shared/contract/transport';
import { startWorker } from '../storage-sqlite/start-worker';
import { deserializeError } from './errors';
import type { DeskWorkerData, HostToWorker, WorkerToHost } from './protocol';

export type DeskHostOptions = DeskWorkerData & {
  /** Faults inside handlers (the caller only sees 'internal'); console.error when absent. */
  readonly onInternalError?: (error: Error) => void;
};

/** The desk core running in a worker thread owned by the calling (Electron main) thread. */
export interface DeskHost {
  /** The contract's Transport over the worker, for main-side callers and tests. */
  readonly transport: Transport;
  /** Forwards one wire request as it came (e.g. from `desk:invoke`); resolves with its response, never rejects. */
  request(wire: WireRequest): Promise<WireResponse>;
  /** Every core event as a wire message (for forwarding to the window); returns the unsubscribe. */
  onEvent(listener: (event: WireEvent) => void): () => void;
  /** Closes the desk (its database) and ends the worker. */
  close(): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Starts the worker and resolves once the desk is open (and seeded, when asked). A start-up failure
 * rejects with the worker's error rebuilt: SqliteStorageError keeps its code (SQLITE_WRONG_KEY,
 * SQLITE_LOCKED, SQLITE_CORRUPT, ...), so the caller can tell the user what is wrong.
 */
export async function startDeskHost(options: DeskHostOptions): Promise<DeskHost> {
  const { onInternalError, ...data } = options;
  const workerData: DeskWorkerData = data;
  const worker = startWorker(import.meta.url, './worker', workerData);
  await whenReady(worker);
  return connect(worker, onInternalError ?? ((error) => console.error('desk worker:', error)));
}

function whenReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (message: WorkerToHost) => {
      if (message.kind === 'ready') settle();
      else if (message.kind === 'start-failed') settle(deserializeError(message.error));
    };
    const onError = (error: Error) => settle(error);
    const onExit = (code: number) => settle(new Error(`desk worker exited during start-up (${code})`));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

function connect(worker: Worker, onInternalError: (error: Error) => void): DeskHost {
  let nextId = 1;
  // The worker's request ids are the host's own, so callers' ids (the renderer's, the transport's) never collide.
  const waiting = new Map<number, { callerId: number; resolve: (response: WireResponse) => void }>();
  const listeners = new Set<(event: WireEvent) => void>();
  let closed: Promise<void> | undefined;
  let gone = false;

  const failAll = () => {
    gone = true;
    for (const [, pending] of waiting) pending.resolve({ kind: 'result', id: pending.callerId, ok: false, error: toErrorData(undefined) });
    waiting.clear();
  };
  worker.on('message', (message: WorkerToHost) => {
    if (message.kind === 'event') {
      for (const listener of listeners) listener(message);
    } else if (message.kind === 'result') {
      const pending = waiting.get(message.id);
      if (!pending) return;
      waiting.delete(message.id);
      pending.resolve({ ...message, id: pending.callerId });
    } else if (message.kind === 'internal-error') {
      onInternalError(deserializeError(message.error));
    } else if (message.kind === 'closed') {
      // The desk and its database are closed; nothing in the worker is left to finish.
      void worker.terminate();
    }
  });
  worker.on('error', (error) => {
    onInternalError(error);
    failAll();
  });
  worker.on('exit', failAll);

  const post = (message: HostToWorker) => worker.postMessage(message);
  const request = (wire: WireRequest): Promise<WireResponse> => {
    if (gone || closed) return Promise.resolve({ kind: 'result', id: wire.id, ok: false, error: toErrorData(undefined) });
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, { callerId: wire.id, resolve });
      post({ kind: 'invoke', id, name: wire.name, args: wire.args });
    });
  };
  const onEvent = (listener: (event: WireEvent) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  const client = wireClient((wire) => void request(wire).then(client.receive));
  onEvent(client.receive);

  const close = (): Promise<void> => {
    closed ??= (async () => {
      if (gone) return;
      const exited = once(worker, 'exit').catch(() => undefined);
      post({ kind: 'close' });
      const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    })();
    return closed;
  };
  return { transport: client.transport, request, onEvent, close };
}
