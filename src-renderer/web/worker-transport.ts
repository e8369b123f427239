import { wireClient } from '#shared/contract/dispatch';
import { ApiError } from '#shared/contract/errors';
import type { Transport, WireEvent, WireResponse } from '#shared/contract/transport';
import type { WebConfig } from './config';
import { DeskStartError } from './desk-start';
import { isWorkerStatus, type WorkerInit } from './worker-protocol';

/**
 * The web edition's transport (design.md §1): `postMessage` to the desk core in a module Web Worker
 * (web/desk.worker.ts), speaking the contract's wire messages through `wireClient`, the same calling side as
 * Electron's IPC.
 */

export interface WorkerDesk {
  readonly transport: Transport;
  /** Resolves when the desk answers calls; rejects with a DeskStartError. Calls made earlier simply wait. */
  readonly ready: Promise<void>;
}

function isWireReply(message: unknown): message is WireResponse | WireEvent {
  if (typeof message !== 'object' || message === null || !('kind' in message)) return false;
  return message.kind === 'result' || message.kind === 'event';
}

/**
 * Starts the desk worker at once and tells it how to open the desk when the page's configuration arrives
 * (web/config.ts): the worker's scripts load while the configuration is fetched.
 */
export function startWorkerDesk(config: Promise<WebConfig>): WorkerDesk {
  const worker = new Worker(new URL('./desk.worker.ts', import.meta.url), { type: 'module', name: 'xinfang-desk' });
  const client = wireClient((request) => {
    try {
      worker.postMessage(request);
    } catch {
      // Arguments the structured clone cannot copy (a function, a DOM node) are invalid arguments, not a hang.
      client.receive({ kind: 'result', id: request.id, ok: false, error: { code: 'invalid-arguments' } });
    }
  });

  let started = false;
  let markReady: () => void = () => undefined;
  let markFailed: (error: DeskStartError) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  // A worker whose script never ran answers nothing: calls waiting on it fail instead of hanging.
  let markDead: () => void = () => undefined;
  const dead = new Promise<never>((_, reject) => {
    markDead = () => reject(new ApiError('storage-failed'));
  });
  dead.catch(() => undefined); // observed through the calls that race it

  worker.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (isWireReply(message)) client.receive(message);
    else if (isWorkerStatus(message) && !started) {
      started = true;
      if (message.kind === 'ready') markReady();
      else markFailed(new DeskStartError(message.stage, message.code));
    }
  });
  worker.addEventListener('error', (event) => {
    // Before `ready` this is a script that failed to load or threw at the top; afterwards the core catches its
    // own errors, so a late one is reported in the console and the desk carries on.
    if (started) return;
    started = true;
    console.error('desk worker failed to start', event.message);
    markFailed(new DeskStartError('worker'));
    markDead();
    worker.terminate();
  });

  void config.then(({ seedDemoCounty, serverUrl }) => {
    const init: WorkerInit =
      serverUrl === undefined
        ? { kind: 'init', demo: seedDemoCounty }
        : { kind: 'init', demo: seedDemoCounty, serverUrl };
    worker.postMessage(init);
  });

  const transport: Transport = {
    invoke: (name, args) => Promise.race([client.transport.invoke(name, args), dead]),
    on: (event, listener) => client.transport.on(event, listener),
  };
  return { transport, ready };
}
