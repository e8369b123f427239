import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import { now } from 'rxdb';
import type {
  BulkWriteRow,
  EventBulk,
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageQueryResult,
} from 'rxdb';
import type { SqliteConnection } from './database';
import { sqliteStorageError, toStorageError } from './database';
import { QueryRunner } from './query';
import type { TableLayout } from './schema-sql';
import { dropTables } from './schema-sql';
import type { InstanceStatements } from './statements';
import { changesSinceParams, prepareStatements, readShape } from './statements';
import type { AttachmentBytes } from './write';
import type { DocumentMemo, MemoScope } from './doc-cache';
import { DocumentReader } from './doc-reader';
import type { Writer } from './write';
import { createWriter, hasAttachmentData, readAttachmentBytes } from './write';

type Doc<T> = RxDocumentData<T>;
type ChangeBulk<T> = EventBulk<RxStorageChangeEvent<Doc<T>>, RxStorageDefaultCheckpoint>;

/** What the instance needs from the storage that opened it: the shared connection and its release. */
export type SqliteInstanceInternals = {
  readonly db: SqliteConnection;
  readonly filePath: string;
  /** The storage's memo of parsed documents (see doc-cache.ts). */
  readonly docs: DocumentMemo;
  /** Called once when the instance closes or is removed; the last release closes the file. */
  readonly release: () => void;
};

export type SqliteInstanceOptions = Record<string, never>;

export class RxStorageInstanceSQLite<T> implements RxStorageInstance<
  T,
  SqliteInstanceInternals,
  SqliteInstanceOptions,
  RxStorageDefaultCheckpoint
> {
  private readonly statements: InstanceStatements;
  readonly queries: QueryRunner<T>;
  private readonly write: Writer<T>;
  private readonly memo: MemoScope;
  private readonly reader: DocumentReader<T>;
  /** Runs a read in one deferred transaction, so its versions and texts come from one state. */
  private readonly snapshot: (work: () => unknown) => unknown;
  private state: 'open' | 'closed' | 'removed' = 'open';
  /** Serialises writes that must first read attachment bytes, so calls still commit in call order. */
  private writeQueue: Promise<unknown> = Promise.resolve();
  private queuedWrites = 0;
  private readonly changes$ = new Subject<ChangeBulk<T>>();

  constructor(
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<Doc<T>>>,
    readonly internals: SqliteInstanceInternals,
    readonly options: Readonly<SqliteInstanceOptions>,
    readonly layout: TableLayout<T>,
  ) {
    const shape = readShape(layout, internals.docs.enabled);
    this.statements = prepareStatements(internals.db, layout, shape);
    this.memo = internals.docs.scope(internals.filePath, layout.table);
    this.reader = new DocumentReader<T>(this.memo, shape, layout.primaryPath, this.statements);
    this.queries = new QueryRunner(internals.db, layout, schema, this.reader);
    this.write = createWriter(internals.db, this, layout, this.statements, this.reader);
    this.snapshot = internals.db.transaction((work: () => unknown) => work());
  }

  bulkWrite(rows: BulkWriteRow<T>[], context: string): Promise<RxStorageBulkWriteResponse<T>> {
    if (rows.length === 0) return Promise.resolve({ error: [] });
    // Without attachments in the schema RxDB writes none, so there are no bytes to read ahead.
    if (this.queuedWrites === 0 && (!this.layout.attachmentTable || !hasAttachmentData(rows))) {
      return this.guard(() => this.writeNow(rows, context, new Map()));
    }
    this.queuedWrites++;
    const result = this.writeQueue.then(async () => {
      try {
        const bytes = await readAttachmentBytes(rows);
        return this.guard(() => this.writeNow(rows, context, bytes));
      } finally {
        this.queuedWrites--;
      }
    });
    this.writeQueue = result.catch(() => undefined);
    return result;
  }

  private writeNow(rows: BulkWriteRow<T>[], context: string, bytes: AttachmentBytes): RxStorageBulkWriteResponse<T> {
    this.ensureOpen();
    const categorized = this.write(rows, context, bytes);
    // Emitted after COMMIT and before the caller's promise settles, never empty.
    if (categorized.eventBulk.events.length > 0 && categorized.newestRow) {
      const newest = categorized.newestRow.document;
      categorized.eventBulk.checkpoint = { id: this.idOf(newest), lwt: newest._meta.lwt };
      this.changes$.next(categorized.eventBulk);
    }
    return { error: categorized.errors };
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<Doc<T>[]> {
    return this.guard(() => {
      this.ensureOpen();
      if (ids.length === 0) return [];
      return this.read(() => this.reader.findByIds(ids, withDeleted));
    });
  }

  query(preparedQuery: PreparedQuery<T>): Promise<RxStorageQueryResult<T>> {
    return this.guard(() => {
      this.ensureOpen();
      return { documents: this.read(() => this.queries.query(preparedQuery)) };
    });
  }

  count(preparedQuery: PreparedQuery<T>): Promise<RxStorageCountResult> {
    return this.guard(() => {
      this.ensureOpen();
      return { count: this.read(() => this.queries.count(preparedQuery)), mode: 'fast' as const };
    });
  }

  getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: Doc<T>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    return this.guard(() => {
      this.ensureOpen();
      const documents = this.read(() =>
        this.reader.resolve(
          checkpoint
            ? this.statements.changesSince.all(changesSinceParams(this.layout, checkpoint, limit))
            : this.statements.changesFirst.all(limit),
        ),
      );
      const last = documents[documents.length - 1];
      return {
        documents,
        checkpoint: last ? { id: this.idOf(last), lwt: last._meta.lwt } : (checkpoint ?? { id: '', lwt: 0 }),
      };
    });
  }

  changeStream(): Observable<ChangeBulk<T>> {
    return this.changes$.asObservable();
  }

  cleanup(minimumDeletedTime: number): Promise<boolean> {
    return this.guard(() => {
      this.ensureOpen();
      const maxDeletionTime = now() - minimumDeletedTime;
      this.internals.db
        .transaction(() => {
          const { attachmentDeleteAll, cleanupIds } = this.statements;
          if (attachmentDeleteAll) {
            for (const id of cleanupIds.all(maxDeletionTime)) attachmentDeleteAll.run(id);
          }
          this.statements.cleanup.run(maxDeletionTime);
        })
        .immediate();
      return true;
    });
  }

  getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    return this.guard(() => {
      this.ensureOpen();
      const row = this.statements.attachmentGet?.get(documentId, attachmentId) as
        { digest: string; type: string; data: Buffer } | undefined;
      if (!row || !digest || row.digest !== digest) {
        throw new Error(`attachment does not exist: ${documentId}||${attachmentId}`);
      }
      return new Blob([new Uint8Array(row.data)], { type: row.type });
    });
  }

  async close(): Promise<void> {
    // Pending attachment writes were accepted by the caller, so they finish before the file closes.
    await this.writeQueue;
    if (this.state !== 'open') return;
    this.state = 'closed';
    this.changes$.complete();
    this.internals.release();
  }

  async remove(): Promise<void> {
    if (this.state !== 'open') {
      throw sqliteStorageError(
        'SQLITE_CLOSED',
        `remove() after the instance was ${this.state}: ${this.collectionName}`,
      );
    }
    await this.writeQueue;
    this.guardSync(() => dropTables(this.internals.db, this.layout));
    this.memo.clear();
    this.state = 'removed';
    this.changes$.complete();
    this.internals.release();
  }

  /** Every SQL text this instance has prepared, for EXPLAIN QUERY PLAN checks in tests. */
  preparedSql(): string[] {
    const fixed = Object.values(this.statements).flatMap((statement) => (statement ? [statement.source] : []));
    return [...fixed, ...this.queries.preparedSql()];
  }

  /** A read that may take two statements (versions, then texts the memo lacks) runs in one transaction. */
  private read<R>(work: () => R): R {
    if (!this.reader.shape.versions || this.internals.db.inTransaction) return work();
    // The transaction returns what `work` returns.
    return this.snapshot(work) as R;
  }

  private idOf(doc: Doc<T>): string {
    // RxDB requires the primary key to be a top-level string field.
    return (doc as Record<string, unknown>)[this.layout.primaryPath] as string;
  }

  private ensureOpen(): void {
    if (this.state !== 'open') {
      throw sqliteStorageError('SQLITE_CLOSED', `The storage instance was ${this.state}: ${this.collectionName}`);
    }
  }

  /** Runs synchronous SQLite work and settles a promise, with SQLite errors mapped to coded errors. */
  private guard<R>(work: () => R): Promise<R> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(toStorageError(error, { filePath: this.internals.filePath }));
    }
  }

  private guardSync<R>(work: () => R): R {
    try {
      return work();
    } catch (error) {
      throw toStorageError(error, { filePath: this.internals.filePath });
    }
  }
}
