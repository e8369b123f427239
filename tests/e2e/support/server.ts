import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { startLocalCounty, type LocalCounty } from '../../../src-server/local-county';
import { testCost } from '../../src-server/support';

/**
 * What `npm start` runs, for a browser test: the web edition built into a temporary folder and served by a real
 * county server on PGlite (src-server/local-county.ts) with the demo county, on a free port. The server can be
 * stopped and started again on the same port and data folder, so a test can take the network away and give it
 * back while the page stays open.
 */
export interface TestCounty {
  /** The page's address, ending in '/'. */
  readonly url: string;
  /** The server's PGlite folder: `npm run server -- admin …` works on it while the server is stopped. */
  readonly dataDir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const configFile = join(import.meta.dirname, '..', '..', '..', 'vite.config.ts');

export async function startTestCounty(): Promise<TestCounty> {
  const folder = mkdtempSync(join(tmpdir(), 'xinfang-county-'));
  const webDir = join(folder, 'web');
  const dataDir = join(folder, 'data');
  let running: LocalCounty | undefined;
  let port = 0;
  const start = async () => {
    running = await startLocalCounty({ dataDir, webDir, port, passwordCost: testCost });
    port = Number(new URL(running.url).port);
  };
  try {
    await build({ configFile, logLevel: 'warn', build: { outDir: webDir, emptyOutDir: true } });
    await start();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    dataDir,
    stop,
    start,
    async close() {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
