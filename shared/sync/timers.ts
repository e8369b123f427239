/** Timers, which ES2022 does not declare although every host of the core has them. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The host's own timers: Node, browsers and Web Workers all provide them on the global object. */
export const hostTimers: Timers = globalThis as unknown as Timers; // declared by no ES lib, present on every host

/**
 * `work`, or the error `onTimeout` makes once `ms` passed without it settling. The work itself goes on (a promise
 * cannot be cancelled): the caller ends what it holds, e.g. cancels a stream's reader. Hand-written: a few lines,
 * and the core runs on Node, in browsers and in Web Workers with the `Timers` above.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error, timers: Timers = hostTimers): Promise<T> {
  let handle: unknown;
  const timeout = new Promise<never>((_resolve, reject) => {
    handle = timers.setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => timers.clearTimeout(handle));
}

/** Resolves after `ms`. */
export function sleep(ms: number, timers: Timers = hostTimers): Promise<void> {
  return new Promise((resolve) => {
    timers.setTimeout(resolve, ms);
  });
}
