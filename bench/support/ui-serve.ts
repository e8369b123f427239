import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';

/**
 * The web edition for bench/ui.ts, built with the project's own vite.config.ts into a temporary folder, plus two
 * bench-only pages built beside it under `bench-ui/` (never part of `npm run web:build`): the seed page, which
 * must share the web edition's origin to reach its IndexedDB, and the empty-table baseline. Served by `vite
 * preview` on 127.0.0.1 and a free port, as tests/e2e/support/web-edition.ts does for the browser tests.
 */
export interface UiBenchSite {
  /** The web edition's address, ending in '/'. */
  readonly url: string;
  /** The seed page (ui-seed-page.ts) on the same origin. */
  readonly seedUrl: string;
  /** The empty `<Table virtual>` page (ui-baseline-page.ts). */
  readonly baselineUrl: string;
  /** Wall-clock seconds the two builds took, for the report. */
  readonly buildSeconds: number;
  close(): Promise<void>;
}

const repo = join(import.meta.dirname, '..', '..');
const configFile = join(repo, 'vite.config.ts');

/** A page that loads one built bench entry; `data-bench-state` is set by the entry when it is usable. */
const html = (title: string, script: string) =>
  `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="margin:0"><div id="root"></div><script type="module" src="./${script}"></script></body></html>\n`;

export async function serveUiBench(): Promise<UiBenchSite> {
  const outDir = mkdtempSync(join(tmpdir(), 'xinfang-bench-ui-'));
  const pagesDir = join(outDir, 'bench-ui');
  try {
    const started = performance.now();
    // UI_BENCH_MINIFY=0 keeps function names, for reading a CPU profile of the page.
    const minify = process.env.UI_BENCH_MINIFY !== '0';
    await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, minify } });
    // A second, plain build for the bench pages: no project config (its root is src-renderer and its only input
    // is index.html), JS entries only, so no bench HTML has to live in the repository.
    await build({
      configFile: false,
      root: join(repo, 'bench', 'support'),
      base: './',
      // antd's "use client" directives draw a warning per module from the bundler: noise for a bench page.
      logLevel: 'error',
      build: {
        outDir: pagesDir,
        emptyOutDir: true,
        reportCompressedSize: false,
        rolldownOptions: {
          input: {
            seed: join(repo, 'bench', 'support', 'ui-seed-page.ts'),
            baseline: join(repo, 'bench', 'support', 'ui-baseline-page.ts'),
          },
          output: { entryFileNames: '[name].js' },
        },
      },
    });
    const buildSeconds = (performance.now() - started) / 1000;
    mkdirSync(pagesDir, { recursive: true });
    writeFileSync(join(pagesDir, 'seed.html'), html('bench seed', 'seed.js'));
    writeFileSync(join(pagesDir, 'baseline.html'), html('bench baseline', 'baseline.js'));
    // port 0: the OS picks a free port, so this never collides with `npm run web` on 4173. UI_BENCH_PORT pins it,
    // for a persistent profile whose IndexedDB (kept per origin, port included) is reused across runs.
    const port = Number(process.env.UI_BENCH_PORT ?? 0);
    const server = await preview({
      configFile,
      logLevel: 'silent',
      build: { outDir },
      preview: { port, strictPort: true },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) {
      await server.close();
      throw new Error('vite preview reported no local address');
    }
    return {
      url,
      seedUrl: `${url}bench-ui/seed.html`,
      baselineUrl: `${url}bench-ui/baseline.html`,
      buildSeconds,
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
