/**
 * Entry of the desk core's process for tests and benchmarks (started by worker-hooks.ts): the app's worker, plus
 * the start data's `WorkerHooks`.
 */
import type { DeskWorkerData } from './protocol';
import { openDesk, serveDesk } from './serve';
import type { WorkerHooks, WorkerModule } from './worker-hooks';

serveDesk<DeskWorkerData & WorkerHooks>((data) => {
  const clockAt = data.clockAt === undefined ? undefined : new Date(data.clockAt);
  return openDesk(data, {
    ...(clockAt === undefined ? {} : { clock: () => clockAt }),
    async prepare(desk) {
      for (const specifier of data.workerModules ?? []) {
        // A worker module is ours (bench/test code named by the caller), shaped as WorkerModule.
        const module = (await import(specifier)) as WorkerModule;
        await module.runInDeskWorker?.(desk);
      }
    },
  });
});
