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
export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  onTimeout: () => Error,
  timers: Timers = hostTimers,
): Promise<T> {
  let handle: unknown;
  const timeout = new Promise<never>((_resolve, reject) => {
    handle = timers.setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => timers.clearTimeout(handle));
}

/** AbortController, which ES2022 does not declare although every host of the core has it. */
interface AbortControllerLike {
  readonly signal: AbortSignal;
  abort(): void;
}
const HostAbortController = (globalThis as unknown as { AbortController: new () => AbortControllerLike })
  .AbortController; // declared by no ES lib, present on every host

/**
 * `withTimeout` for work that can be ended: `work` gets a signal that aborts once `ms` passed without it settling,
 * so a fetch given the signal ends its request (and the connection under it) instead of going on unseen.
 */
export function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  onTimeout: () => Error,
  timers: Timers = hostTimers,
): Promise<T> {
  const controller = new HostAbortController();
  return withTimeout(
    work(controller.signal),
    ms,
    () => {
      const error = onTimeout();
      controller.abort();
      return error;
    },
    timers,
  );
}

/** Resolves after `ms`. */
export function sleep(ms: number, timers: Timers = hostTimers): Promise<void> {
  return new Promise((resolve) => {
    timers.setTimeout(resolve, ms);
  });
}
