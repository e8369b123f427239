import { addRxStorageMultiInstanceSupport, ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb';
import type { RxStorage, RxStorageInstanceCreationParams } from 'rxdb';
import type { SqliteConnection } from './database';
import { databaseFilePath, openDatabase, toStorageError } from './database';
import type { SqliteInstanceInternals, SqliteInstanceOptions } from './instance';
import { RxStorageInstanceSQLite } from './instance';
import { ensureTables, tableLayout } from './schema-sql';
import { DEFAULT_DOCUMENT_CACHE_CHARS, DocumentMemo } from './doc-cache';

export type SqliteStorageSettings = {
  /** Folder of the database files; each RxDB database is one file in it. */
  readonly databaseDirectory: string;
  /** SQLCipher passphrase. Without it the files are plain SQLite; with it, unreadable without it. */
  readonly key?: string;
  /** How long a write waits on another connection's lock before failing with SQLITE_LOCKED. */
  readonly busyTimeoutMs?: number;
  /**
   * Characters of document JSON whose parsed form is kept for reuse (see doc-cache.ts); 0 turns the
   * memo off. Default about 10,000 documents.
   */
  readonly documentCacheChars?: number;
};

export const STORAGE_NAME = 'sqlite-desk';

type OpenFile = { db: SqliteConnection; refs: number };

/**
 * The storage running SQLite on the calling thread. Every call is synchronous SQLite work wrapped in a
 * promise, so large calls block the caller's event loop; the Electron main process therefore runs the
 * desk core (and with it this storage) in the desk host's core process.
 */
export class RxStorageSQLiteInProcess implements RxStorage<SqliteInstanceInternals, SqliteInstanceOptions> {
  readonly name = STORAGE_NAME;
  readonly rxdbVersion = RXDB_VERSION;
  /** One connection per file, shared by the collections of that database in this storage. */
  private readonly files = new Map<string, OpenFile>();
  private readonly docs: DocumentMemo;

  constructor(readonly settings: SqliteStorageSettings) {
    this.docs = new DocumentMemo(settings.documentCacheChars ?? DEFAULT_DOCUMENT_CACHE_CHARS);
  }

  createStorageInstance<T>(
    params: RxStorageInstanceCreationParams<T, SqliteInstanceOptions>,
  ): Promise<RxStorageInstanceSQLite<T>> {
    try {
      ensureRxStorageInstanceParamsAreCorrect(params);
      const filePath = databaseFilePath(this.settings.databaseDirectory, params.databaseName);
      const file = this.acquire(filePath);
      let released = false;
      const internals: SqliteInstanceInternals = {
        db: file.db,
        filePath,
        docs: this.docs,
        release: () => {
          if (released) return;
          released = true;
          this.release(filePath);
        },
      };
      try {
        const layout = tableLayout(file.db, params.collectionName, params.schema);
        ensureTables(file.db, layout);
        const instance = new RxStorageInstanceSQLite<T>(
          params.databaseName,
          params.collectionName,
          params.schema,
          internals,
          params.options,
          layout,
        );
        addRxStorageMultiInstanceSupport(STORAGE_NAME, params, instance);
        return Promise.resolve(instance);
      } catch (error) {
        internals.release();
        throw error;
      }
    } catch (error) {
      return Promise.reject(toStorageError(error));
    }
  }

  private acquire(filePath: string): OpenFile {
    const open = this.files.get(filePath);
    if (open) {
      open.refs++;
      return open;
    }
    const db = openDatabase({ filePath, key: this.settings.key, busyTimeoutMs: this.settings.busyTimeoutMs });
    const file = { db, refs: 1 };
    this.files.set(filePath, file);
    return file;
  }

  private release(filePath: string): void {
    const file = this.files.get(filePath);
    if (!file) return;
    file.refs--;
    if (file.refs > 0) return;
    this.files.delete(filePath);
    // Closing the last connection checkpoints the WAL into the file and deletes it.
    file.db.close();
  }
}
