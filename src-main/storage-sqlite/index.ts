import type { RxStorage } from 'rxdb';
import type { SqliteStorageSettings } from './in-process';
import { RxStorageSQLiteInProcess } from './in-process';
import type { SqliteInstanceOptions } from './instance';
import { RxStorageSQLiteWorker } from './worker-host';

export type { SqliteStorageSettings } from './in-process';
export { SqliteStorageError } from './database';
export type { SqliteStorageErrorCode } from './database';

export type GetRxStorageSQLiteOptions = SqliteStorageSettings & {
  /**
   * Where SQLite runs. 'worker' (the default) keeps every database call off the calling thread's
   * event loop, which the Electron main process needs; 'in-process' saves the message hop and suits
   * tools, tests and code that already runs in a worker.
   */
  readonly thread?: 'worker' | 'in-process';
};

/** The RxStorage of the desk: RxDB documents in SQLite files (SQLCipher when a key is given). */
export function getRxStorageSQLite(options: GetRxStorageSQLiteOptions): RxStorage<unknown, SqliteInstanceOptions> {
  const { thread, ...settings } = options;
  return thread === 'in-process' ? new RxStorageSQLiteInProcess(settings) : new RxStorageSQLiteWorker(settings);
}
