import { isWireRequest } from '#shared/contract/dispatch';
import { ipcChannels, type WireEvent, type WireRequest, type WireResponse } from '#shared/contract/transport';
import { isAppUrl } from './security';

/**
 * Main's one dispatcher (style.md, "The contract"). Written against the few members of ipcMain and webContents it
 * uses, so the Node tests drive it with a fake pair; Electron's own objects fit these shapes (main.ts passes them).
 */

/** What the dispatcher reads from Electron's `IpcMainInvokeEvent`. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  /** Null once the frame has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** What event forwarding needs from the window's `webContents`. */
export interface EventReceiver {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, message: WireEvent): void;
}

/**
 * A request is trusted only from the top frame of our window's web contents while it shows the app. A stray
 * iframe, a second web contents or a page that somehow left the app gets nothing, even if it reached the bridge.
 */
export function trustedSender(
  appOrigin: string,
  windowContentsId: () => number | undefined,
): (event: InvokeEventLike) => boolean {
  return (event) => {
    const frame = event.senderFrame;
    return (
      event.sender.id === windowContentsId() &&
      frame !== null &&
      frame.parent === null &&
      isAppUrl(frame.url, appOrigin)
    );
  };
}

/**
 * Where trusted requests go: the desk host's `request` (its worker runs `answer()`: argument checks, the
 * handler, safe error codes). It resolves with a WireResponse for the request's id and never rejects.
 */
export type WireHandler = (request: WireRequest) => Promise<WireResponse>;

/**
 * Registers the one `desk:invoke` handler and returns its removal. Every path returns a WireResponse (never a
 * throw), so the renderer always receives a safe error code and Electron never serialises an internal message.
 * Untrusted senders and malformed messages are refused here, before anything reaches the desk worker.
 */
export function registerDispatcher(
  ipcMain: IpcMainLike,
  handle: WireHandler,
  isTrustedSender: (event: InvokeEventLike) => boolean,
): () => void {
  ipcMain.handle(ipcChannels.invoke, async (event, message): Promise<WireResponse> => {
    const id = requestId(message);
    if (!isTrustedSender(event)) return refusal(id, 'forbidden');
    if (!isWireRequest(message)) return refusal(id, 'invalid-arguments');
    return handle(message);
  });
  return () => ipcMain.removeHandler(ipcChannels.invoke);
}

/** Echoes a usable id so the caller can match the refusal; 0 when the message has none. */
function requestId(message: unknown): number {
  if (typeof message !== 'object' || message === null) return 0;
  const id: unknown = (message as { id?: unknown }).id; // an untrusted object: only `id` is read, then checked
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : 0;
}

function refusal(id: number, code: 'forbidden' | 'invalid-arguments'): WireResponse {
  return { kind: 'result', id, ok: false, error: { code } };
}

/** Where core events come from, already as wire messages: the desk host's `onEvent`. Returns the unsubscribe. */
export type WireEventSource = (listener: (event: WireEvent) => void) => () => void;

/**
 * Sends every core event to the window as a WireEvent, only while it shows the app (a page that left the app
 * never hears about the data). Returns the function that stops forwarding.
 */
export function forwardEvents(onEvent: WireEventSource, target: EventReceiver, appOrigin: string): () => void {
  return onEvent((event) => {
    if (target.isDestroyed() || !isAppUrl(target.getURL(), appOrigin)) return;
    target.send(ipcChannels.event, event);
  });
}
