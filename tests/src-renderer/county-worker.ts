import { parentPort, workerData } from 'node:worker_threads';
import { seeded, startServer, testDatabase, type RunningServer } from '../src-server/support';

/**
 * County servers (PGlite, the demo county) for renderer tests, in a thread of their own: a jsdom test's globals
 * belong to another realm (jose refuses its Uint8Array), so a server cannot run beside the page it serves.
 */
const port = parentPort!;
const servers: RunningServer[] = await Promise.all(
  Array.from({ length: Number(workerData.count) }, async () =>
    startServer(await seeded(await (await testDatabase('pglite')).open())),
  ),
);
port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  void Promise.all(servers.map(async (s) => s.stop().then(() => s.db.close()))).then(() =>
    port.postMessage({ kind: 'stopped' }),
  );
});
port.postMessage({ kind: 'ready', urls: servers.map((s) => s.url) });
