import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker thread whose entry is `stem` (e.g. './worker') next to the module at `here`
 * (its import.meta.url). Under tsx/vitest the sources are TypeScript, so the worker gets tsx's loader;
 * a built app ships `<stem>.js` next to the built module. This is the one place that knows the
 * difference (the desk host and the integration tests start their workers through it).
 */
export function startWorker(here: string, stem: string, workerData: unknown): Worker {
  if (!here.endsWith('.ts')) return new Worker(new URL(`${stem}.js`, here), { workerData });
  // tsx's CommonJS API cannot find its own ESM half from an eval'd worker, so load the ESM API directly.
  const tsxApi = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL(`${stem}.ts`, here).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`;
  return new Worker(code, { eval: true, workerData });
}
