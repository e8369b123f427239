import type { messages } from '#shared/messages/zh-CN';

/**
 * Why the desk core could not start, as the page shows it (each stage has its explanation in the catalogue). The
 * web edition reports `open` (a step inside its worker) or `worker` (the worker script did not load or run);
 * `bridge` is an Electron window whose preload put no `window.desk` there.
 */
export type DeskStartStage = keyof typeof messages.startFailed;

/** A connection's `ready` rejects with this; calls then fail with `storage-failed`. */
export class DeskStartError extends Error {
  constructor(
    readonly stage: DeskStartStage,
    /** RxDB's error code when the worker reported one. */
    readonly code?: string,
  ) {
    super(code === undefined ? `desk start-up failed: ${stage}` : `desk start-up failed: ${stage} (${code})`);
    this.name = 'DeskStartError';
  }
}
