import type { ApiErrorData } from '#shared/contract/errors';
import { coreEventNames, type CoreEventName, type CoreEvents } from '#shared/contract/events';
import { ListenerMap } from '#shared/contract/listeners';
import { ipcChannels, type Transport, type WireRequest } from '#shared/contract/transport';

/**
 * The object the preload exposes as `window.desk` (style.md, "The contract"). It is a `Transport`, with one
 * difference a type cannot show: `invoke` rejects with a plain `ApiErrorData` object ({ code, problems? }),
 * because contextBridge copies an Error without its own properties and the code would be lost. The renderer's
 * Electron transport turns it back into an ApiError with `fromErrorData`.
 *
 * This file runs inside the sandboxed preload: it may import only `electron` (in preload.ts) and code that the
 * bundler inlines (shared/contract modules without dependencies).
 */
export type DeskBridge = Transport;

/** The members of Electron's `ipcRenderer` the bridge uses (a fake in tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const internalError: ApiErrorData = { code: 'internal' };

export function createBridge(
  ipc: IpcRendererLike,
  reportListenerError: (error: unknown) => void = console.error,
): DeskBridge {
  let nextId = 1;
  const listeners = new ListenerMap<CoreEvents>(reportListenerError);

  // One ipcRenderer listener for all subscribers, attached while anyone listens. It drops the IpcRendererEvent
  // (it holds `sender`, the raw ipcRenderer) and passes the payload alone.
  const onEvent = (_event: unknown, message: unknown) => {
    if (!isEventMessage(message)) return;
    listeners.emit(message.event, message.payload as never); // main sends this event's payload (ipc.ts forwardEvents)
  };

  const bridge: DeskBridge = {
    async invoke(name, args) {
      const request: WireRequest = { kind: 'invoke', id: nextId++, name, args };
      let response: unknown;
      try {
        response = await ipc.invoke(ipcChannels.invoke, request);
      } catch {
        return Promise.reject(internalError); // Electron's own failure text is not for the renderer
      }
      if (!isResponseTo(response, request.id)) return Promise.reject(internalError);
      if (response.ok) return response.value as never; // the dispatcher answered this handler's call
      return Promise.reject(safeErrorData(response.error));
    },
    on(event, listener) {
      if (!coreEventNames.includes(event)) throw new TypeError(`unknown desk event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      if (listeners.size === 0) ipc.on(ipcChannels.event, onEvent);
      const unsubscribe = listeners.on(event, listener);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        unsubscribe();
        if (listeners.size === 0) ipc.removeListener(ipcChannels.event, onEvent);
      };
    },
  };
  return Object.freeze(bridge);
}

type ResponseMessage = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: unknown };

function isResponseTo(message: unknown, id: number): message is ResponseMessage {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>; // narrowed field by field
  return m.kind === 'result' && m.id === id && typeof m.ok === 'boolean';
}

function isEventMessage(message: unknown): message is { event: CoreEventName; payload: unknown } {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>; // narrowed field by field
  return m.kind === 'event' && typeof m.event === 'string' && coreEventNames.includes(m.event as CoreEventName); // includes() checks it
}

/** Only `code` and `problems` leave the bridge, whatever else the error object carried. */
function safeErrorData(error: unknown): ApiErrorData {
  if (typeof error !== 'object' || error === null) return internalError;
  const { code, problems } = error as Partial<ApiErrorData>; // from main's dispatcher: already a safe object
  if (typeof code !== 'string') return internalError;
  return problems === undefined ? { code } : { code, problems };
}
