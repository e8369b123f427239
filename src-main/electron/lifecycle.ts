/**
 * Quitting without losing data: the first `before-quit` is held back until the desk core has closed its SQLite
 * files (the storage worker flushes and closes cleanly), then the quit goes on. A close that hangs must not keep a
 * zombie process holding the database, so after a time limit the process exits anyway; SQLite's journal keeps
 * every committed transaction, so a hard exit loses nothing that was saved.
 */
export interface GracefulQuitOptions {
  /** Closes the desk (and stops IPC). */
  readonly close: () => Promise<void>;
  /** `app.quit()`: emits `before-quit` again, which then passes. */
  readonly quit: () => void;
  /** `app.exit(code)`: ends at once, without events. */
  readonly exit: (code: number) => void;
  readonly timeoutMs?: number;
  readonly onError?: (error: unknown) => void;
}

export function gracefulQuit(options: GracefulQuitOptions): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return; // a second quit request while closing waits for the first
    state = 'closing';
    const timer = setTimeout(() => options.exit(1), options.timeoutMs ?? 10_000);
    options.close().then(
      () => {
        clearTimeout(timer);
        state = 'closed';
        options.quit();
      },
      (error: unknown) => {
        clearTimeout(timer);
        options.onError?.(error);
        options.exit(1);
      },
    );
  };
}
