/**
 * A worker module for core-failure.test.ts (imported by the desk core's process, see WorkerHooks.workerModules):
 * puts the fault named by CORE_FAULT into the open desk.
 *  - `hang-close`: the desk's close never ends, spinning in better-sqlite3 raising errors — the state in which a
 *    worker thread's termination aborts the whole process (`v8::ToLocalChecked Empty MaybeLocal`);
 *  - `abort-in-request`: `session-current` aborts the core's process, as a native fault would.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import type { Desk } from '#shared/core/desk';

function raiseSqliteErrorsForever(): never {
  const db = new Database(':memory:');
  for (;;) {
    try {
      db.prepare('SELECT * FROM no_such_table').all();
    } catch {
      // the error is the point: the core is inside better-sqlite3's error path when it is ended
    }
  }
}

export async function runInDeskWorker(desk: Desk): Promise<void> {
  if (process.env.CORE_FAULT === 'hang-close') Object.assign(desk, { close: raiseSqliteErrorsForever });
  if (process.env.CORE_FAULT === 'abort-in-request')
    Object.assign(desk.api, { 'session-current': () => process.abort() });
}
