/** Timers, which ES2022 does not declare although every host of the core has them. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The host's own timers: Node, browsers and Web Workers all provide them on the global object. */
export const hostTimers: Timers = globalThis as unknown as Timers; // declared by no ES lib, present on every host

/** Resolves after `ms`. */
export function sleep(ms: number, timers: Timers = hostTimers): Promise<void> {
  return new Promise((resolve) => {
    timers.setTimeout(resolve, ms);
  });
}
