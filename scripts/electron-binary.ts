import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The binary that `require('electron')` would name, found the same way but without its fallback: when the binary
 * is missing, requiring the package starts a download, which must not happen in `npm start` or a test run.
 * Used by scripts/start.ts and tests/e2e/electron-smoke.test.ts.
 */
export function electronBinary(): string | undefined {
  try {
    const packageDirectory = dirname(require.resolve('electron/package.json'));
    const pathFile = join(packageDirectory, 'path.txt');
    const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const binary = override
      ? join(override, relativePath ?? 'electron')
      : relativePath && join(packageDirectory, 'dist', relativePath);
    return binary && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}
