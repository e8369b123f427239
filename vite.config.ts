import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The web edition (design.md §1): the renderer page plus the desk core in a module Web Worker on RxDB's Dexie
 * storage. `npm run web:build` writes dist/web; `npm run web` builds it and serves it on 127.0.0.1 only. The
 * Electron renderer is built by electron.vite.config.ts from the same src-renderer/index.html.
 *
 * `#shared/*` imports resolve through package.json "imports", which Vite reads itself: no alias is needed here.
 */
const root = fileURLToPath(new URL('./src-renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/** Tells whoever ran `npm run web` where to open the desk, in Chinese too. */
function announceAddress(): Plugin {
  return {
    name: 'xinfang-announce-address',
    configurePreviewServer(server) {
      // Read the socket itself: at 'listening' Vite has not filled in `resolvedUrls` yet.
      server.httpServer.once('listening', () => {
        const address = server.httpServer.address();
        if (address === null || typeof address === 'string') return;
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        server.config.logger.info(
          `\n  信访接待台（网页版）已启动，请用浏览器打开 / web edition running at: http://${host}:${address.port}/\n`,
        );
      });
    },
  };
}

export default defineConfig({
  root,
  // Relative asset URLs: the build works from any path the county server mounts it under.
  base: './',
  plugins: [react(), announceAddress()],
  build: {
    outDir,
    emptyOutDir: true,
  },
  // A module worker, so the core's ES imports stay imports (design.md §10).
  worker: { format: 'es' },
  optimizeDeps: {
    // The dependency scan starts at index.html and does not follow `new Worker(new URL(…))`: without these, the
    // first use of the worker's packages under `vite` (dev) re-optimises and reloads the page, which breaks
    // browser tests (design.md §10).
    entries: ['index.html', 'web/desk.worker.ts'],
    include: [
      'react',
      'react-dom/client',
      'antd',
      '@ant-design/icons',
      'dayjs',
      'zustand',
      'rxdb',
      'rxdb/plugins/storage-dexie',
      'rxdb/plugins/local-documents',
      'rxdb/plugins/migration-schema',
      'dexie',
      'rxjs',
      'zod',
      'pinyin-pro',
      'uuidv7',
    ],
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
