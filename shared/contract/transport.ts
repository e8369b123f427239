import type { ApiArgs, ApiName, ApiResults } from './api';
import type { ApiErrorData } from './errors';
import type { CoreEventName, CoreEvents } from './events';

/**
 * How the renderer reaches the desk core: Electron IPC through the preload bridge, `postMessage` to the web
 * worker, or a direct call in tests. Two methods, nothing else (style.md, "The contract").
 */
export interface Transport {
  /** Calls a handler; rejects with an `ApiError` carrying a reason code. */
  invoke<K extends ApiName>(name: K, args: ApiArgs<K>): Promise<ApiResults[K]>;
  /** Listens to a core event; returns the unsubscribe function. */
  on<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
}

/** The messages a wire transport (IPC, postMessage) carries. */
export type WireRequest = {
  readonly kind: 'invoke';
  readonly id: number;
  readonly name: string;
  readonly args: unknown;
};
export type WireResponse =
  | { readonly kind: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'result'; readonly id: number; readonly ok: false; readonly error: ApiErrorData };
export type WireEvent = { readonly kind: 'event'; readonly event: CoreEventName; readonly payload: unknown };

/** IPC channel names (style.md, "Naming"). */
export const ipcChannels = { invoke: 'desk:invoke', event: 'desk:event' } as const;
