/**
 * Entry of the desk worker thread: the whole desk core (RxDB on the in-process SQLite storage) runs
 * here, so better-sqlite3's synchronous calls never block the Electron main event loop, and a user
 * action costs one message hop instead of one per storage call.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answer, isWireRequest } from '#shared/contract/dispatch';
import { coreEventNames } from '#shared/contract/events';
import type { Desk } from '#shared/core/desk';
import { createDesk } from '#shared/core/desk';
import { seedDemo } from '#shared/core/demo';
import { getRxStorageSQLite } from '../storage-sqlite/index';
import { serializeError } from './errors';
import type { DeskWorkerData, HostToWorker, WorkerToHost } from './protocol';

const port = parentPort;
if (!port) throw new Error('desk-host/worker.ts must run in a worker thread');
// The host passes exactly a DeskWorkerData (see host.ts).
const options = workerData as DeskWorkerData;

function post(message: WorkerToHost): void {
  port?.postMessage(message);
}

type WorkerModule = { runInDeskWorker?: (desk: Desk) => unknown };

async function open(): Promise<Desk> {
  const storage = getRxStorageSQLite({ databaseDirectory: options.databaseDirectory, key: options.key });
  const clockAt = options.clockAt === undefined ? undefined : new Date(options.clockAt);
  const desk = await createDesk({
    storage,
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(clockAt === undefined ? {} : { clock: () => clockAt }),
  });
  try {
    if (options.seedDemo) await seedDemo(desk.db, options.demoPasswordCost);
    for (const specifier of options.workerModules ?? []) {
      // A worker module is ours (bench/test code named by the host), shaped as WorkerModule.
      const module = (await import(specifier)) as WorkerModule;
      await module.runInDeskWorker?.(desk);
    }
  } catch (error) {
    await desk.close();
    throw error;
  }
  for (const event of coreEventNames) desk.on(event, (payload) => post({ kind: 'event', event, payload }));
  return desk;
}

const opening = open();
opening.then(
  () => post({ kind: 'ready' }),
  (error: unknown) => {
    post({ kind: 'start-failed', error: serializeError(error) });
    port.close();
  },
);

const report = (error: unknown) => post({ kind: 'internal-error', error: serializeError(error) });

port.on('message', (message: HostToWorker) => {
  void (async () => {
    const desk = await opening;
    if (isWireRequest(message)) {
      post(await answer(desk.api, message, report));
    } else if (message.kind === 'close') {
      await desk.close();
      post({ kind: 'closed' });
      port.close();
    }
  })().catch(report);
});
