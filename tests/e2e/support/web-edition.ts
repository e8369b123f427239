import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';

/**
 * The web edition as a browser test sees it: built once with the project's own vite.config.ts into a temporary
 * folder (so parallel test files and `npm run web` never share an output folder) and served on 127.0.0.1 by
 * `vite preview` on a free port.
 */
export interface ServedWebEdition {
  /** The page's address, ending in '/'. */
  readonly url: string;
  close(): Promise<void>;
}

const configFile = join(import.meta.dirname, '..', '..', '..', 'vite.config.ts');

export async function serveWebEdition(): Promise<ServedWebEdition> {
  const outDir = mkdtempSync(join(tmpdir(), 'xinfang-web-'));
  try {
    await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    // port 0: the OS picks a free port, so this never collides with `npm run web` on 4173.
    const server = await preview({
      configFile,
      logLevel: 'silent',
      build: { outDir },
      preview: { port: 0, strictPort: true },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) {
      await server.close();
      throw new Error('vite preview reported no local address');
    }
    return {
      url,
      async close() {
        await server.close();
        rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
