import { wireClient } from '#shared/contract/dispatch';
import { toErrorData } from '#shared/contract/errors';
import { Listeners } from '#shared/contract/listeners';
import type { Transport, WireEvent, WireRequest, WireResponse } from '#shared/contract/transport';
import { coreEntry, forkNodeCore, type CoreProcess, type SpawnCore } from './core-process';
import { DeskHostError, deserializeError } from './errors';
import type { DeskWorkerData, WorkerToHost } from './protocol';

export type DeskHostOptions = DeskWorkerData & {
  /** Faults inside handlers (the caller only sees 'internal') and the core process's end; console.error when absent. */
  readonly onInternalError?: (error: Error) => void;
  /** How the core's process starts: Node's fork unless given (the app passes Electron's utilityProcess). */
  readonly spawn?: SpawnCore;
  /** How long a close may take before the core's process is killed (the app's quit waits 10 s in all). */
  readonly closeTimeoutMs?: number;
};

/** The desk core running in a process of its own, owned by the calling (Electron main) process. */
export interface DeskHost {
  /** The contract's Transport over the core's process, for main-side callers and tests. */
  readonly transport: Transport;
  /** Forwards one wire request as it came (e.g. from `desk:invoke`); resolves with its response, never rejects. */
  request(wire: WireRequest): Promise<WireResponse>;
  /** Every core event as a wire message (for forwarding to the window); returns the unsubscribe. */
  onEvent(listener: (event: WireEvent) => void): () => void;
  /**
   * Closes the desk (its database) and waits for the core's process to exit; a close that hangs past the timeout
   * kills the process. Rejects with a DeskHostError when the close did not finish cleanly.
   */
  close(): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 8_000;

/**
 * Starts the core's process and resolves once the desk is open (and seeded, when asked). A start-up failure
 * rejects with the core's error rebuilt: SqliteStorageError keeps its code (SQLITE_WRONG_KEY, SQLITE_LOCKED,
 * SQLITE_CORRUPT, ...), so the caller can tell the user what is wrong.
 */
export async function startDeskHost(options: DeskHostOptions): Promise<DeskHost> {
  const { onInternalError, spawn = forkNodeCore, closeTimeoutMs = CLOSE_TIMEOUT_MS, ...data } = options;
  const core = spawn(coreEntry());
  const host = connect(core, onInternalError ?? ((error) => console.error('desk core:', error)), closeTimeoutMs);
  core.post({ kind: 'start', data });
  await host.ready;
  return host.api;
}

/** The core's process as one state machine: starting, running, closing, gone. */
function connect(core: CoreProcess, onInternalError: (error: Error) => void, closeTimeoutMs: number) {
  let nextId = 1;
  // The core's request ids are the host's own, so callers' ids (the renderer's, the transport's) never collide.
  const waiting = new Map<number, { callerId: number; resolve: (response: WireResponse) => void }>();
  const listeners = new Listeners<WireEvent>();
  let started: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => (started = { resolve, reject }));
  let closing: Promise<void> | undefined;
  let exited: ((how: string) => void) | undefined;
  let gone = false;
  let running = false;

  const failAll = () => {
    for (const [, pending] of waiting)
      pending.resolve({ kind: 'result', id: pending.callerId, ok: false, error: toErrorData(undefined) });
    waiting.clear();
  };
  core.onMessage((message: WorkerToHost) => {
    if (message.kind === 'event') {
      listeners.emit(message);
    } else if (message.kind === 'result') {
      const pending = waiting.get(message.id);
      if (!pending) return;
      waiting.delete(message.id);
      pending.resolve({ ...message, id: pending.callerId });
    } else if (message.kind === 'internal-error') {
      onInternalError(deserializeError(message.error));
    } else if (message.kind === 'ready') {
      running = true;
      started?.resolve();
    } else if (message.kind === 'start-failed') {
      started?.reject(deserializeError(message.error));
    }
  });
  core.onExit((how) => {
    gone = true;
    failAll();
    started?.reject(new Error(`desk core exited during start-up (${how})`));
    if (exited) exited(how);
    else if (running) onInternalError(new DeskHostError('desk-core-exited', how)); // a death nobody asked for: the host goes on
  });

  const request = (wire: WireRequest): Promise<WireResponse> => {
    if (gone || closing)
      return Promise.resolve({ kind: 'result', id: wire.id, ok: false, error: toErrorData(undefined) });
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, { callerId: wire.id, resolve });
      core.post({ kind: 'invoke', id, name: wire.name, args: wire.args });
    });
  };
  const onEvent = (listener: (event: WireEvent) => void) => listeners.on(listener);
  const client = wireClient((wire) => void request(wire).then(client.receive));
  onEvent(client.receive);

  /** Asks the core to close and waits for its exit; kills it when the close hangs. */
  const closeCore = async (): Promise<void> => {
    if (gone) return;
    const how = new Promise<string>((resolve) => (exited = resolve));
    core.post({ kind: 'close' });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      core.kill();
    }, closeTimeoutMs);
    const ended = await how;
    clearTimeout(timer);
    if (timedOut) throw new DeskHostError('desk-core-close-timeout', ended);
    if (ended !== 'code 0') throw new DeskHostError('desk-core-close-failed', ended);
  };
  const close = (): Promise<void> => (closing ??= closeCore());
  return { ready, api: { transport: client.transport, request, onEvent, close } satisfies DeskHost };
}
