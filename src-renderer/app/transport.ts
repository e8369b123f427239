import { ApiError, fromErrorData, type ApiErrorData } from '#shared/contract/errors';
import type { Transport } from '#shared/contract/transport';
import { loadWebConfig } from '../web/config';
import { startWorkerDesk } from '../web/worker-transport';
import { DeskStartError } from '../web/desk-start';

export { DeskStartError } from '../web/desk-start';

/**
 * The one renderer file that picks the transport (style.md, "The contract"): the Electron preload bridge when the
 * preload put one on `window.desk`, otherwise the desk core in a Web Worker (the web edition). Everything else in
 * the renderer gets the chosen Transport from here (and, with the React UI, from context), never asks which
 * edition it runs in.
 */

declare global {
  interface Window {
    /**
     * The desk Api as one two-method object; a failed call rejects with something carrying `code` (and
     * `problems`). Electron: put there by the preload (contextBridge). Web edition: put there by main.ts, so
     * automation and the browser console see the same surface in both editions.
     */
    desk?: Transport;
  }
}

export type Edition = 'electron' | 'web';

export interface DeskConnection {
  readonly edition: Edition;
  readonly transport: Transport;
  /** Resolves when the core answers calls; rejects with a DeskStartError when it cannot start. */
  readonly ready: Promise<void>;
}

let connection: DeskConnection | undefined;

/**
 * The page's connection to the desk core, made on first use and the same object afterwards (a second call must
 * not start a second worker, nor mistake the worker transport that main.ts exposed for a preload bridge).
 */
export function connectDesk(): DeskConnection {
  connection ??= pickTransport();
  return connection;
}

function pickTransport(): DeskConnection {
  const bridge = window.desk;
  // The Electron main process opens the core before it loads this page, so the bridge is ready at once.
  if (bridge) return { edition: 'electron', transport: fromBridge(bridge), ready: Promise.resolve() };
  // An Electron window without the bridge has a broken preload. Falling back to the web edition there would open
  // a browser database with demo accounts, and petitions registered in it would never reach the desk's own.
  if (/\bElectron\//.test(navigator.userAgent)) {
    return { edition: 'electron', transport: unavailable(), ready: Promise.reject(new DeskStartError('bridge')) };
  }
  const { transport, ready } = startWorkerDesk(loadWebConfig());
  return { edition: 'web', transport, ready };
}

/**
 * The preload bridge rejects with plain `{ code, problems }` objects: contextBridge copies an Error without its own
 * properties (src-main/electron/preload-bridge.ts). The renderer sees ApiError on every edition.
 */
export function fromBridge(bridge: Transport): Transport {
  return {
    invoke: (name, args) =>
      bridge.invoke(name, args).catch((error: unknown) => {
        throw fromErrorData(isErrorData(error) ? error : { code: 'internal' });
      }),
    on: (event, listener) => bridge.on(event, listener),
  };
}

function isErrorData(error: unknown): error is ApiErrorData {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

/** The transport of a desk that never started: every call fails with a code, none hangs. */
function unavailable(): Transport {
  return {
    invoke: () => Promise.reject(new ApiError('storage-failed')),
    on: () => () => undefined,
  };
}
