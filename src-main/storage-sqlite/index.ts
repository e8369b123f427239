import type { RxStorage } from 'rxdb';
import type { SqliteStorageSettings } from './in-process';
import { RxStorageSQLiteInProcess } from './in-process';
import type { SqliteInstanceOptions } from './instance';

export type { SqliteStorageSettings } from './in-process';

/**
 * The RxStorage of the desk: RxDB documents in SQLite files (SQLCipher when a key is given). SQLite runs
 * synchronously on the calling thread; the Electron main process keeps it off its event loop by running
 * the whole desk core in a process of its own (src-main/desk-host), one message hop per user action.
 */
export function getRxStorageSQLite(settings: SqliteStorageSettings): RxStorage<unknown, SqliteInstanceOptions> {
  return new RxStorageSQLiteInProcess(settings);
}
