/**
 * The desk-host part of bench/storage.ts: the main thread's event-loop delay while the desk worker
 * loads 100,000 documents (through the desk core, in 5,000-document bulkInserts), and what the worker
 * hop costs per handler call compared with the same desk core in-process.
 */
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { inProcessTransport } from '#shared/contract/dispatch';
import type { Transport } from '#shared/contract/transport';
import { DEMO_PASSWORD, seedDemo } from '#shared/core/demo';
import { createDesk } from '#shared/core/desk';
import { startDeskHost } from '../src-main/desk-host/host';
import { getRxStorageSQLite } from '../src-main/storage-sqlite/index';

export type DeskHostFigures = {
  loadSeconds: number;
  maxDelayMs: number;
  p99DelayMs: number;
  callMs: { host: number; inProcess: number };
};

async function medianCallMs(transport: Transport, calls = 300): Promise<number> {
  await transport.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await transport.invoke('session-current', {});
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

export async function deskHostSection(root: string, documents: number): Promise<DeskHostFigures> {
  // The worker inherits this environment; the load module reads its size from it.
  process.env.DESK_BULK_LOAD_DOCS = String(documents);
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const start = performance.now();
  const host = await startDeskHost({
    databaseDirectory: path.join(root, 'desk-host'),
    seedDemo: true,
    demoPasswordCost: { N: 2 ** 10 },
    workerModules: [new URL('../tests/src-main/desk-host/bulk-load.ts', import.meta.url).href],
  });
  const loadSeconds = (performance.now() - start) / 1000;
  histogram.disable();
  const hostCall = await medianCallMs(host.transport);
  await host.close();

  const desk = await createDesk({
    storage: getRxStorageSQLite({ databaseDirectory: path.join(root, 'desk-in-process'), thread: 'in-process' }),
  });
  await seedDemo(desk.db, { N: 2 ** 10 });
  const inProcessCall = await medianCallMs(inProcessTransport(desk.api, desk));
  await desk.close();
  return {
    loadSeconds,
    maxDelayMs: histogram.max / 1e6,
    p99DelayMs: histogram.percentile(99) / 1e6,
    callMs: { host: hostCall, inProcess: inProcessCall },
  };
}
