/**
 * The desk core's process (see core-process.ts) once started from its entry, `worker.ts`: the whole desk core
 * (RxDB on the in-process SQLite storage) runs here, so better-sqlite3's synchronous calls never block the Electron
 * main event loop, a user action costs one message hop instead of one per storage call, and nothing that happens
 * here — a hang, a native abort — can take main down. The host sends `start` (with the database key: never on the
 * command line, where other users of the machine could read it) and then wire requests.
 */
import { answer, isWireRequest } from '#shared/contract/dispatch';
import { coreEventNames } from '#shared/contract/events';
import type { Desk } from '#shared/core/desk';
import { createDesk } from '#shared/core/desk';
import { seedDemo } from '#shared/core/demo';
import { getRxStorageSQLite } from '../storage-sqlite/index';
import { serializeError } from './errors';
import type { DeskWorkerData, HostToWorker, WorkerToHost } from './protocol';

/** The channel to the host. */
interface ParentChannel {
  /** Resolves once the message has left this process (or is queued to leave it). */
  post(message: WorkerToHost): Promise<void>;
  onMessage(listener: (message: HostToWorker) => void): void;
}

/** Electron's utilityProcess gives the child `process.parentPort` (typed here: this module never imports electron). */
type ElectronParentPort = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
};

function parentChannel(): ParentChannel {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: async (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as HostToWorker)), // the host sends only HostToWorker
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('the desk core must run as the desk host’s child process');
  return {
    post: (message) => new Promise((resolve) => send(message, undefined, undefined, () => resolve())),
    onMessage: (listener) => void process.on('message', (message) => listener(message as HostToWorker)), // as above
  };
}

/** What opening a desk may take beyond the host's start data; only the entry for tests and benchmarks passes any. */
export interface OpenHooks {
  /** The desk's clock; the machine's when absent. */
  readonly clock?: () => Date;
  /** Runs once the desk is open and seeded, before the process reports ready. */
  readonly prepare?: (desk: Desk) => Promise<void>;
}

/** Opens the desk the host's start data names (and seeds it, when asked). */
export async function openDesk(options: DeskWorkerData, hooks: OpenHooks = {}): Promise<Desk> {
  const storage = getRxStorageSQLite({ databaseDirectory: options.databaseDirectory, key: options.key });
  const desk = await createDesk({
    storage,
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(hooks.clock === undefined ? {} : { clock: hooks.clock }),
  });
  try {
    if (options.seedDemo) await seedDemo(desk.db, options.demoPasswordCost);
    await hooks.prepare?.(desk);
  } catch (error) {
    await desk.close();
    throw error;
  }
  return desk;
}

/**
 * Serves the host over the parent channel: opens the desk with `open` at `start`, then answers wire requests and
 * forwards core events until `close`. `D` is the start data the host's caller passed (the entry for tests and
 * benchmarks takes more than `DeskWorkerData`).
 */
export function serveDesk<D extends DeskWorkerData>(open: (data: D) => Promise<Desk>): void {
  const channel = parentChannel();
  const post = (message: WorkerToHost) => channel.post(message);
  const report = (error: unknown) => post({ kind: 'internal-error', error: serializeError(error) });
  let opening: Promise<Desk> | undefined;

  const start = async (data: D): Promise<Desk> => {
    const desk = await open(data);
    for (const event of coreEventNames) desk.on(event, (payload) => void post({ kind: 'event', event, payload }));
    return desk;
  };

  channel.onMessage((message) => {
    if (!isWireRequest(message) && message.kind === 'start') {
      opening ??= start(message.data as D); // the host passes its caller's start data as it came
      opening.then(
        () => post({ kind: 'ready' }),
        async (error: unknown) => {
          await post({ kind: 'start-failed', error: serializeError(error) });
          process.exit(1);
        },
      );
      return;
    }
    void (async () => {
      if (!opening) throw new Error('desk core: a request before start');
      const desk = await opening;
      if (isWireRequest(message)) {
        await post(await answer(desk.api, message, report));
      } else if (message.kind === 'close') {
        await desk.close();
        process.exit(0); // closed, its database checkpointed: the host waits for this exit
      }
    })().catch(async (error: unknown) => {
      await report(error);
      if (!isWireRequest(message)) process.exit(1); // a close that failed: the host reports it
    });
  });
}
