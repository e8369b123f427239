/**
 * The listener bookkeeping behind every `on` of the app: the core's emitter, the wire client, the preload bridge
 * and the desk host. Dependency-free, so the sandboxed preload can inline it.
 *
 * `on` returns the unsubscribe, and every subscription is its own: one function subscribed twice is called twice
 * and unsubscribed apart. `emit` calls, in subscription order, the listeners subscribed when it began and not
 * unsubscribed since (as a DOM EventTarget does), each even when an earlier one threw: one failing listener must
 * not starve the others. The errors go to `onError`; without one they are thrown once every listener was called
 * (one as it was, several together as an AggregateError).
 */
export class Listeners<T> {
  private readonly entries = new Set<{ readonly listener: (payload: T) => void }>();

  constructor(private readonly onError?: (error: unknown) => void) {}

  /** How many subscriptions are live. */
  get size(): number {
    return this.entries.size;
  }

  on(listener: (payload: T) => void): () => void {
    const entry = { listener };
    this.entries.add(entry);
    return () => void this.entries.delete(entry);
  }

  emit(payload: T): void {
    const errors: unknown[] = [];
    for (const entry of [...this.entries]) {
      if (!this.entries.has(entry)) continue;
      try {
        entry.listener(payload);
      } catch (error) {
        if (this.onError) this.onError(error);
        else errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} listeners failed`);
  }
}

/** `Listeners` per event name, each event with its own payload type (`Events` maps names to payloads). */
export class ListenerMap<Events> {
  /** Each event's `Listeners`, typed by `listenersOf`. */
  private readonly byEvent = new Map<keyof Events, Listeners<unknown>>();

  constructor(private readonly onError?: (error: unknown) => void) {}

  /** How many subscriptions are live, over all events. */
  get size(): number {
    let size = 0;
    for (const listeners of this.byEvent.values()) size += listeners.size;
    return size;
  }

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    let listeners = this.listenersOf(event);
    if (!listeners) {
      listeners = new Listeners<Events[E]>(this.onError);
      this.byEvent.set(event, listeners as Listeners<unknown>); // read back as Listeners<Events[E]> by listenersOf
    }
    return listeners.on(listener);
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    this.listenersOf(event)?.emit(payload);
  }

  private listenersOf<E extends keyof Events>(event: E): Listeners<Events[E]> | undefined {
    return this.byEvent.get(event) as Listeners<Events[E]> | undefined; // `on` stored it under `event`, for this payload type
  }
}
