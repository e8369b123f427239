import type { CoreEventName, CoreEvents } from '../contract/events';

/** The core's event fan-out: listeners get payloads only, `on` returns the unsubscribe. */
export class CoreEmitter {
  private readonly listeners = new Map<CoreEventName, Set<(payload: never) => void>>();

  on<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: never) => void); // only ever called with this event's payload
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  emit<E extends CoreEventName>(event: E, payload: CoreEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (p: CoreEvents[E]) => void)(payload);
      } catch {
        // A failing listener must not stop the others or the write that caused the event.
      }
    }
  }
}
