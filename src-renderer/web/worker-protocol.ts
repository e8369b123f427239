/**
 * The start-up messages between the web edition's page and its desk worker. Calls and core events travel as the
 * contract's wire messages (shared/contract/transport.ts); these few only start the desk and report how that went.
 * This file holds types and type guards only, so both the DOM build and the worker build can include it.
 */

/**
 * page → worker, once, before any call (see web/config.ts). `demo` seeds the demo county into an empty database
 * (standalone, no county server to pull offices and users from); `serverUrl` becomes the desk's server address
 * when it has none yet.
 */
export interface WorkerInit {
  readonly kind: 'init';
  readonly demo: boolean;
  readonly serverUrl?: string;
}

/** Which step of the start-up failed; the page turns it into a Chinese message. */
export type WorkerStartStage = 'open';

/**
 * worker → page: the desk is open and answers calls. The demo county may still be being written: calls that need
 * it wait for it in the worker (desk.worker.ts), and are answered `storage-failed` if it could not be written.
 */
export interface WorkerReady {
  readonly kind: 'ready';
}

/**
 * worker → page: the desk could not start. Calls are then answered with `storage-failed`. `code` is RxDB's error
 * code when there is one (e.g. 'DB6' for a schema clash); it names a known failure and holds no user data.
 */
export interface WorkerFailed {
  readonly kind: 'failed';
  readonly stage: WorkerStartStage;
  readonly code?: string;
}

export type WorkerStatus = WorkerReady | WorkerFailed;

function kindOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null && 'kind' in message ? message.kind : undefined;
}

export function isWorkerInit(message: unknown): message is WorkerInit {
  if (kindOf(message) !== 'init') return false;
  const { demo, serverUrl } = message as { demo?: unknown; serverUrl?: unknown }; // kind checked above
  return typeof demo === 'boolean' && (serverUrl === undefined || typeof serverUrl === 'string');
}

export function isWorkerStatus(message: unknown): message is WorkerStatus {
  const kind = kindOf(message);
  return kind === 'ready' || kind === 'failed';
}
