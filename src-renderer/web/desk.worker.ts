/**
 * The web edition's desk core (design.md §1): the same core as the Electron main process, in a module Web Worker
 * on RxDB's Dexie storage (IndexedDB), so the page never touches the database and a slow query never freezes it.
 * The page talks to it with the contract's wire messages (web/worker-transport.ts); every call goes through the
 * contract's `answer`, which validates it exactly as the Electron IPC dispatcher does.
 *
 * Type-checked by web/tsconfig.worker.json (WebWorker globals instead of the DOM's).
 */
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { answer, isWireRequest } from '#shared/contract/dispatch';
import { coreEventNames } from '#shared/contract/events';
import type { WireEvent, WireRequest, WireResponse } from '#shared/contract/transport';
import { seedDemo } from '#shared/core/demo';
import { createDesk, type Desk } from '#shared/core/desk';
import { readSettings, writeSettings } from '#shared/core/handlers/settings';
import {
  isWorkerInit,
  type WorkerFailed,
  type WorkerInit,
  type WorkerStatus,
  type WorkerStartStage,
} from './worker-protocol';

/** The IndexedDB database; one per browser profile and origin, shared by every tab (hence multiInstance). */
const databaseName = 'xinfang-desk';

type Outgoing = WireResponse | WireEvent | WorkerStatus;

function send(message: Outgoing): void {
  postMessage(message);
}

/**
 * The desk once open, and `prepared`: the start-up writes that follow the open (the demo county's users, the
 * server address). Opening is all the page waits for; the preparation is awaited by the calls that need it.
 */
interface Started {
  readonly desk: Desk;
  /** False when the preparation failed: calls are then answered with `storage-failed`. */
  readonly prepared: Promise<boolean>;
}

let onInit: ((init: WorkerInit) => void) | undefined;
/** The open desk, or undefined when it could not start. Calls that arrive before `init` wait here. */
const started = new Promise<Started | undefined>((resolve) => {
  onInit = (init) => {
    onInit = undefined; // a second init is ignored: the desk starts once per worker
    resolve(start(init));
  };
});

async function start(init: WorkerInit): Promise<Started | undefined> {
  let opened: Desk;
  try {
    // Several tabs share one IndexedDB: without multiInstance a second tab's queries go stale (design.md §10).
    // The worker's own fetch, wrapped so it is always called with the worker as `this` (an unbound fetch throws).
    // Sync holds one connection (its stream), leaving the browser's other five to this origin for pulls and pushes.
    opened = await createDesk({
      storage: getRxStorageDexie(),
      name: databaseName,
      multiInstance: true,
      sync: { fetch: (...a) => fetch(...a) },
    });
  } catch (error) {
    return fail('open', error);
  }
  for (const event of coreEventNames) {
    opened.on(event, (payload) => send({ kind: 'event', event, payload }));
  }
  // Ready before the start-up writes (demo county, server address): the login form can show while they run, and a
  // login waits for them in `handle`.
  send({ kind: 'ready' });
  return { desk: opened, prepared: prepare(opened, init) };
}

/** The start-up writes after the open; a failure is logged here and answered as `storage-failed` in `handle`. */
async function prepare(opened: Desk, init: WorkerInit): Promise<boolean> {
  try {
    // Without a county server there is nothing to pull users from; the page decides (web/config.ts).
    if (init.demo) await seedDemo(opened.db);
    if (init.serverUrl) await adoptServer(opened, init.serverUrl);
    return true;
  } catch (error) {
    console.error('desk worker: start-up writes failed (demo county, server address)', error);
    return false;
  }
}

/**
 * The page was served by a county server: that is this desk's server unless one was set already (an address
 * chosen at the desk wins over where the page happened to be loaded from). Replication starts once the desk is
 * enrolled, which the first login does (features/session/sign-in.ts).
 */
async function adoptServer(opened: Desk, serverUrl: string): Promise<void> {
  if ((await readSettings(opened.db)).serverUrl) return;
  await writeSettings(opened.db, { serverUrl });
  await opened.sync.resume();
}

function fail(stage: WorkerStartStage, error: unknown): undefined {
  // The full error stays in this worker's console for whoever supports the desk; the page gets a safe summary.
  console.error(`desk worker: start-up failed at '${stage}'`, error);
  const code = rxdbCode(error);
  const failed: WorkerFailed = code === undefined ? { kind: 'failed', stage } : { kind: 'failed', stage, code };
  send(failed);
  return undefined;
}

/** RxDB's error code ('DB6', 'COL23' …): a fixed identifier that names the failure and carries no user data. */
function rxdbCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' && /^[A-Z]{1,8}\d{1,4}$/.test(error.code) ? error.code : undefined;
}

/**
 * Nobody can be signed in before the preparation is done (the session lives in this worker, and a login needs the
 * seeded users), so the page's first question, who is signed in, is answered at once; every other call waits.
 */
const answeredBeforePrepared = new Set(['session-current']);

async function handle(request: WireRequest): Promise<void> {
  const open = await started;
  const usable = open !== undefined && (answeredBeforePrepared.has(request.name) || (await open.prepared));
  if (!open || !usable) {
    send({ kind: 'result', id: request.id, ok: false, error: { code: 'storage-failed' } });
    return;
  }
  const response = await answer(open.desk.api, request);
  try {
    send(response);
  } catch {
    // A result the structured clone cannot copy must still answer the call, or the page would wait for ever.
    send({ kind: 'result', id: request.id, ok: false, error: { code: 'internal' } });
  }
}

addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (isWorkerInit(message)) onInit?.(message);
  else if (isWireRequest(message)) void handle(message);
  // Anything else is not ours to answer: the page is trusted, but a stray message must not crash the desk.
});
