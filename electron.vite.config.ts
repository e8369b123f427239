import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * The desktop build (electron-vite 6): out/main (the main process and the desk core's worker), out/preload
 * (the sandboxed bridge) and out/renderer (the renderer, shared with the web edition).
 */
const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Dependencies stay in node_modules (electron-builder ships them); the native SQLCipher binding must, as a
      // bundler cannot inline a .node file and the binding is unpacked from the asar (electron-builder.yml).
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'src-main/electron/main.ts'),
          // The desk host starts the desk core's process from './worker.js' next to the bundle (desk-host/core-process.ts).
          worker: resolve(root, 'src-main/desk-host/worker.ts'),
        },
        external: [/^better-sqlite3(-multiple-ciphers)?($|\/)/],
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot load other files or ES modules: one CommonJS file that may only require
      // 'electron'. '.cjs' because package.json says "type": "module".
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
