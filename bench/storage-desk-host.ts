/**
 * The desk-host part of bench/storage.ts (also runnable alone: `npx tsx bench/storage-desk-host.ts`):
 * the main thread's event-loop delay while the desk worker loads 100,000 documents (through the desk
 * core, in 5,000-document bulkInserts, inside the worker), and what the worker hop costs per handler
 * call compared with the same desk core in-process. Spikes are matched against main-thread GC pauses
 * so a slow harness is not blamed on the host.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { inProcessTransport } from '#shared/contract/dispatch';
import type { Transport } from '#shared/contract/transport';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { seedDemo } from '#shared/core/demo';
import { createDesk } from '#shared/core/desk';
import { startDeskHostWithHooks } from '../src-main/desk-host/worker-hooks';
import { getRxStorageSQLite } from '../src-main/storage-sqlite/index';

export type DelayFigures = { max: number; p99: number; p999: number; over50: number; samples: number };
export type DeskHostFigures = {
  loadSeconds: number;
  delay: DelayFigures;
  /** Main-thread GC pauses during the load: the longest, and how many of the > 50 ms delays overlapped one. */
  gc: { maxPauseMs: number; spikesDuringGc: number };
  /** The same sampler for 5 s with no worker at all: what this machine's scheduler does to an idle loop. */
  idle: DelayFigures;
  callMs: { host: number; inProcess: number };
};

const TICK_MS = 5;

/** Samples the main loop every 5 ms; a sample's delay is how late its timer fired. */
function delaySampler() {
  const delays: { at: number; ms: number }[] = [];
  const gcs: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  let expected = performance.now() + TICK_MS;
  const timer = setInterval(() => {
    const at = performance.now();
    delays.push({ at, ms: Math.max(0, at - expected) });
    expected = at + TICK_MS;
  }, TICK_MS);
  return () => {
    clearInterval(timer);
    observer.disconnect();
    const sorted = delays.map((d) => d.ms).sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
    const spikes = delays.filter((d) => d.ms > 50);
    // A spike ends at `at` and began `ms` + one tick earlier; a GC inside that window explains it.
    const duringGc = spikes.filter((s) => gcs.some((g) => g.end >= s.at - s.ms - TICK_MS && g.start <= s.at));
    const delay = {
      max: sorted[sorted.length - 1] ?? NaN,
      p99: pct(99),
      p999: pct(99.9),
      over50: spikes.length,
      samples: sorted.length,
    };
    return {
      delay,
      gc: { maxPauseMs: Math.max(0, ...gcs.map((g) => g.end - g.start)), spikesDuringGc: duringGc.length },
    };
  };
}

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
  const stopIdle = delaySampler();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const idle = stopIdle().delay;
  const stop = delaySampler();
  const start = performance.now();
  const host = await startDeskHostWithHooks({
    databaseDirectory: path.join(root, 'desk-host'),
    seedDemo: true,
    demoPasswordCost: { N: 2 ** 10 },
    workerModules: [new URL('../tests/src-main/desk-host/bulk-load.ts', import.meta.url).href],
  });
  const loadSeconds = (performance.now() - start) / 1000;
  const { delay, gc } = stop();
  const hostCall = await medianCallMs(host.transport);
  await host.close();

  const desk = await createDesk({
    storage: getRxStorageSQLite({ databaseDirectory: path.join(root, 'desk-in-process') }),
  });
  await seedDemo(desk.db, { N: 2 ** 10 });
  const inProcessCall = await medianCallMs(inProcessTransport(desk.api, desk));
  await desk.close();
  return { loadSeconds, delay, gc, idle, callMs: { host: hostCall, inProcess: inProcessCall } };
}

export function deskHostRows(host: DeskHostFigures): string[][] {
  return [
    ['what', 'value'],
    ['load, seconds (worker: seed + 100k bulkInsert)', host.loadSeconds.toFixed(2)],
    ['main thread event-loop delay max ms', host.delay.max.toFixed(1)],
    ['main thread event-loop delay p99 ms', host.delay.p99.toFixed(1)],
    ['main thread event-loop delay p999 ms', host.delay.p999.toFixed(1)],
    [`main thread delays > 50 ms (of ${host.delay.samples} samples)`, String(host.delay.over50)],
    ['  of those, during a main-thread GC', String(host.gc.spikesDuringGc)],
    ['longest main-thread GC pause ms', host.gc.maxPauseMs.toFixed(1)],
    [
      'baseline, 5 s with no worker: delay max / p99 / p999 ms',
      `${host.idle.max.toFixed(1)} / ${host.idle.p99.toFixed(1)} / ${host.idle.p999.toFixed(1)}`,
    ],
    ['session-current round trip, desk host ms (median)', host.callMs.host.toFixed(3)],
    ['session-current, in-process transport ms (median)', host.callMs.inProcess.toFixed(3)],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bench-desk-host-'));
  try {
    const documents = Number(process.argv[2] ?? 100_000);
    const host = await deskHostSection(root, documents);
    console.log(
      `## The desk core in its own process (src-main/desk-host), ${documents.toLocaleString('en')} petitioners\n`,
    );
    console.log(
      deskHostRows(host)
        .map((r) => `| ${r.join(' | ')} |`)
        .join('\n'),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
