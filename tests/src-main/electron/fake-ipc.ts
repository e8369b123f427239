import type { InvokeEventLike, IpcMainLike, EventReceiver } from '../../../src-main/electron/ipc';
import type { IpcRendererLike } from '../../../src-main/electron/preload-bridge';

/**
 * A fake ipcMain / webContents / ipcRenderer triple that behaves like Electron where the shell depends on it:
 * one handler per channel (a second `handle` throws), every message crosses as a structured clone, an invoke
 * without a handler rejects, and renderer listeners get an event object first and the message second.
 */

export const appUrl = 'app://desk/index.html';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

export interface FakeIpc {
  ipcMain: IpcMainLike & { readonly handlers: Map<string, Handler> };
  webContents: EventReceiver & { id: number; url: string; destroyed: boolean; readonly sent: unknown[] };
  ipcRenderer: IpcRendererLike & { listenerCount(channel: string): number };
  /** Who the next invoke claims to come from (the fake's stand-in for Electron's sender details). */
  sender: { contentsId: number; frameUrl: string | null; topFrame: boolean };
  /** Resolves once every message sent to the renderer so far has been handed to its listeners. */
  delivered(): Promise<void>;
}

export function fakeIpc(): FakeIpc {
  const handlers = new Map<string, Handler>();
  const rendererListeners = new Map<string, Set<RendererListener>>();
  const sender = { contentsId: 1, frameUrl: appUrl as string | null, topFrame: true };
  const deliveries: Promise<void>[] = [];

  const ipcMain: FakeIpc['ipcMain'] = {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };

  const webContents: FakeIpc['webContents'] = {
    id: 1,
    url: appUrl,
    destroyed: false,
    sent: [],
    isDestroyed: () => webContents.destroyed,
    getURL: () => webContents.url,
    send(channel, message) {
      const copy = structuredClone(message);
      webContents.sent.push(copy);
      // Electron delivers asynchronously; a macrotask keeps listeners from running inside the emitter.
      const delivery = new Promise<void>((resolve) =>
        setTimeout(() => {
          try {
            for (const listener of [...(rendererListeners.get(channel) ?? [])])
              listener({ sender: 'raw ipcRenderer' }, copy);
          } finally {
            resolve();
          }
        }, 0),
      );
      deliveries.push(delivery);
    },
  };

  const ipcRenderer: FakeIpc['ipcRenderer'] = {
    async invoke(channel, ...args) {
      const handler = handlers.get(channel);
      if (!handler)
        throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const frameUrl = sender.frameUrl;
      const event: InvokeEventLike = {
        sender: { id: sender.contentsId },
        senderFrame: frameUrl === null ? null : { url: frameUrl, parent: sender.topFrame ? null : { url: appUrl } },
      };
      return structuredClone(await handler(event, ...args.map((a) => structuredClone(a))));
    },
    on(channel, listener) {
      const set = rendererListeners.get(channel) ?? new Set();
      rendererListeners.set(channel, set);
      set.add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      rendererListeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    listenerCount: (channel) => rendererListeners.get(channel)?.size ?? 0,
  };

  return { ipcMain, webContents, ipcRenderer, sender, delivered: async () => void (await Promise.all(deliveries)) };
}
