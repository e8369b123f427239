import { startWorker } from '../../src-main/storage-sqlite/start-worker';

/** `count` county servers with the demo county, each at its own address, run in a worker (county-worker.ts). */
export async function startCounties(
  count: number,
): Promise<{ readonly urls: readonly string[]; stop(): Promise<void> }> {
  const worker = startWorker(import.meta.url, './county-worker', { count });
  const urls = await new Promise<string[]>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { kind: string; urls?: string[] }) => {
      if (m.kind === 'ready') resolve(m.urls ?? []);
    });
  });
  return {
    urls,
    async stop() {
      const stopped = new Promise<void>((resolve) =>
        worker.on('message', (m: { kind: string }) => m.kind === 'stopped' && resolve()),
      );
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}
