/**
 * Entry of the worker thread that owns the SQLite connections. better-sqlite3 is synchronous, so
 * running it here keeps every database call off the Electron main process's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RxStorageInstance } from 'rxdb';
import type { SqliteStorageSettings } from './in-process';
import { RxStorageSQLiteInProcess } from './in-process';
import type { HostMessage, WorkerMessage } from './worker-protocol';
import { serializeError } from './worker-protocol';

type AnyInstance = RxStorageInstance<unknown, unknown, unknown>;

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
// The host passes exactly its SqliteStorageSettings as workerData.
const storage = new RxStorageSQLiteInProcess(workerData as SqliteStorageSettings);
const instances = new Map<number, AnyInstance>();
let nextInstanceId = 1;

function send(message: WorkerMessage): void {
  port?.postMessage(message);
}

async function handle(message: HostMessage): Promise<unknown> {
  if (message.kind === 'create') {
    const instance = await storage.createStorageInstance(message.params);
    const instanceId = nextInstanceId++;
    instances.set(instanceId, instance);
    instance.changeStream().subscribe((bulk) => send({ kind: 'events', instanceId, bulk }));
    return instanceId;
  }
  const instance = instances.get(message.instanceId);
  if (!instance) throw new Error(`unknown storage instance ${message.instanceId}`);
  // Every forwarded method name is a method of RxStorageInstance; arguments come from the host's proxy.
  const method = instance[message.method] as (...args: unknown[]) => Promise<unknown>;
  const value = await method.apply(instance, [...message.args]);
  if (message.method === 'close' || message.method === 'remove') instances.delete(message.instanceId);
  return value;
}

port.on('message', (message: HostMessage) => {
  handle(message).then(
    (value) => send({ kind: 'result', requestId: message.requestId, value }),
    (error: unknown) => send({ kind: 'error', requestId: message.requestId, error: serializeError(error) }),
  );
});
