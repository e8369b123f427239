import type { Worker } from 'node:worker_threads';
import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import { RXDB_VERSION } from 'rxdb';
import type {
  BulkWriteRow,
  EventBulk,
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorage,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageInstanceCreationParams,
  RxStorageQueryResult,
} from 'rxdb';
import { SqliteStorageError } from './database';
import type { SqliteStorageSettings } from './in-process';
import type { SqliteInstanceOptions } from './instance';
import { STORAGE_NAME } from './in-process';
import type { ForwardedMethod, HostMessage, HostRequest, WorkerMessage } from './worker-protocol';
import { deserializeError } from './worker-protocol';
import { startWorker } from './start-worker';

type Doc<T> = RxDocumentData<T>;
type ChangeBulk<T> = EventBulk<RxStorageChangeEvent<Doc<T>>, RxStorageDefaultCheckpoint>;
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** One worker thread per storage object; it holds every connection this storage opens. */
class WorkerConnection {
  private worker: Worker | undefined;
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  readonly events = new Map<number, Subject<unknown>>();

  constructor(private readonly settings: SqliteStorageSettings) {}

  request(message: HostRequest): Promise<unknown> {
    const worker = this.ensureWorker();
    const requestId = this.nextRequestId++;
    // Only an outstanding request keeps the process alive; an idle worker must not block exit.
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      const withId: HostMessage = { ...message, requestId };
      worker.postMessage(withId);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(import.meta.url, './worker', this.settings);
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new SqliteStorageError('SQLITE_ERROR', `SQLite 工作线程已退出 (${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onMessage(message: WorkerMessage): void {
    if (message.kind === 'events') {
      this.events.get(message.instanceId)?.next(message.bulk);
      return;
    }
    const pending = this.pending.get(message.requestId);
    if (!pending) return;
    this.pending.delete(message.requestId);
    if (this.pending.size === 0) this.worker?.unref();
    if (message.kind === 'result') pending.resolve(message.value);
    else pending.reject(deserializeError(message.error));
  }

  private failAll(error: Error): void {
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** The storage the Electron main process uses: the same SQLite storage, hosted in a worker thread. */
export class RxStorageSQLiteWorker implements RxStorage<unknown, SqliteInstanceOptions> {
  readonly name = STORAGE_NAME;
  readonly rxdbVersion = RXDB_VERSION;
  private readonly connection: WorkerConnection;

  constructor(readonly settings: SqliteStorageSettings) {
    this.connection = new WorkerConnection(settings);
  }

  async createStorageInstance<T>(
    params: RxStorageInstanceCreationParams<T, SqliteInstanceOptions>,
  ): Promise<RxStorageInstanceWorker<T>> {
    // Document types do not exist at runtime; the worker stores whatever documents it is given.
    const untyped = params as RxStorageInstanceCreationParams<unknown, SqliteInstanceOptions>;
    // The worker answers a create with the id it gave the instance.
    const instanceId = (await this.connection.request({ kind: 'create', params: untyped })) as number;
    return new RxStorageInstanceWorker<T>(this.connection, instanceId, params);
  }
}

export class RxStorageInstanceWorker<T>
  implements RxStorageInstance<T, unknown, SqliteInstanceOptions, RxStorageDefaultCheckpoint>
{
  readonly databaseName: string;
  readonly collectionName: string;
  readonly schema: Readonly<RxJsonSchema<Doc<T>>>;
  readonly options: Readonly<SqliteInstanceOptions>;
  readonly internals = {};
  private readonly changes$ = new Subject<ChangeBulk<T>>();
  private closed: Promise<void> | undefined;

  constructor(
    private readonly connection: WorkerConnection,
    private readonly instanceId: number,
    params: RxStorageInstanceCreationParams<T, SqliteInstanceOptions>,
  ) {
    this.databaseName = params.databaseName;
    this.collectionName = params.collectionName;
    this.schema = params.schema;
    this.options = params.options;
    // The worker sends only this instance's own event bulks on this id, so the element type holds.
    connection.events.set(instanceId, this.changes$ as Subject<unknown>);
  }

  private call<R>(method: ForwardedMethod, ...args: unknown[]): Promise<R> {
    if (this.closed && method !== 'close' && method !== 'remove') {
      return Promise.reject(new SqliteStorageError('SQLITE_CLOSED', `存储实例已关闭: ${this.collectionName}`));
    }
    // Each forwarded method's result type is the one of the same method on the worker's instance.
    return this.connection.request({ kind: 'call', instanceId: this.instanceId, method, args }) as Promise<R>;
  }

  bulkWrite(rows: BulkWriteRow<T>[], context: string): Promise<RxStorageBulkWriteResponse<T>> {
    return this.call('bulkWrite', rows, context);
  }
  findDocumentsById(ids: string[], withDeleted: boolean): Promise<Doc<T>[]> {
    return this.call('findDocumentsById', ids, withDeleted);
  }
  query(preparedQuery: PreparedQuery<T>): Promise<RxStorageQueryResult<T>> {
    return this.call('query', preparedQuery);
  }
  count(preparedQuery: PreparedQuery<T>): Promise<RxStorageCountResult> {
    return this.call('count', preparedQuery);
  }
  getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: Doc<T>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    return this.call('getChangedDocumentsSince', limit, checkpoint);
  }
  getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    return this.call('getAttachmentData', documentId, attachmentId, digest);
  }
  cleanup(minimumDeletedTime: number): Promise<boolean> {
    return this.call('cleanup', minimumDeletedTime);
  }
  changeStream(): Observable<ChangeBulk<T>> {
    return this.changes$.asObservable();
  }

  close(): Promise<void> {
    this.closed ??= this.call<undefined>('close').finally(() => this.detach());
    return this.closed;
  }

  remove(): Promise<void> {
    if (this.closed) {
      return Promise.reject(new SqliteStorageError('SQLITE_CLOSED', `remove() 前实例已关闭: ${this.collectionName}`));
    }
    this.closed = this.call<undefined>('remove').finally(() => this.detach());
    return this.closed;
  }

  private detach(): void {
    this.connection.events.delete(this.instanceId);
    this.changes$.complete();
  }
}
