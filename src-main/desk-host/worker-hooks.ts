/**
 * The desk host for tests and benchmarks: the core's process starts from `worker-with-hooks.ts`, which wraps the
 * app's entry with what only they need. The app never starts it (its worker reads none of these).
 */
import { fileURLToPath } from 'node:url';
import type { Desk } from '#shared/core/desk';
import { forkNodeCore } from './core-process';
import { startDeskHost, type DeskHost, type DeskHostOptions } from './host';

export interface WorkerHooks {
  /** The desk's clock stands still at this ISO instant (bench/desk.ts compares runs on one date). */
  readonly clockAt?: string;
  /**
   * Modules (file URLs) the core's process imports once the desk is open and seeded, calling their
   * `runInDeskWorker(desk)` before it reports ready: load put on the process itself (a bulk load), or a fault.
   */
  readonly workerModules?: readonly string[];
}

/** What a worker module exports. */
export type WorkerModule = { runInDeskWorker?: (desk: Desk) => unknown };

const hookedEntry = fileURLToPath(new URL('./worker-with-hooks.ts', import.meta.url));

/** `startDeskHost` with the hooks, over Node's fork of the hooked entry. */
export function startDeskHostWithHooks(options: DeskHostOptions & WorkerHooks): Promise<DeskHost> {
  return startDeskHost({ ...options, spawn: () => forkNodeCore(hookedEntry) });
}
