import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/electron-binary';

/**
 * The Electron shell for real (design.md §7): build with electron-vite, launch with Playwright, and check the
 * window, the bridge and the navigation block. It runs wherever an Electron binary is installed and reports
 * "skipped: no Electron binary" where it is not (this machine cannot download one).
 *
 * Where it runs, better-sqlite3-multiple-ciphers must be built for Electron's ABI (`npx electron-builder
 * install-app-deps`), which in turn breaks the Node tests that load it: run this file in its own CI job.
 */

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '../..');

/** Fails early, with the fix, when the native SQLite binding is the one built for this Node rather than Electron. */
function expectNativeBindingForElectron(): void {
  const electronAbi = readFileSync(require.resolve('electron/abi_version'), 'utf8').trim();
  let loadsInNode = false;
  try {
    require('better-sqlite3-multiple-ciphers');
    loadsInNode = true;
  } catch {
    // Does not load in Node: presumably rebuilt for Electron.
  }
  if (loadsInNode && process.versions.modules !== electronAbi) {
    throw new Error(
      `better-sqlite3-multiple-ciphers is built for Node (ABI ${process.versions.modules}), Electron needs ABI ${electronAbi}: ` +
        'run `npx electron-builder install-app-deps` before this test (and rebuild for Node afterwards).',
    );
  }
}

type DeskWindow = {
  desk?: {
    invoke(name: string, args: unknown): Promise<unknown>;
    on(event: string, listener: (payload: unknown) => void): () => void;
  };
};

const binary = electronBinary();
if (!binary) console.log('skipped: no Electron binary');

describe.skipIf(!binary)('the Electron shell (smoke)', () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    expectNativeBindingForElectron();
    execFileSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
    userData = mkdtempSync(join(tmpdir(), 'desk-electron-'));
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env))
      if (value !== undefined && name !== 'ELECTRON_RENDERER_URL') env[name] = value;
    env['XDG_CONFIG_HOME'] = userData;
    const linux =
      process.platform === 'linux'
        ? ['--dev-plaintext-key-store', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])]
        : [];
    app = await _electron.launch({
      executablePath: binary,
      args: [join(root, 'out/main/index.js'), `--user-data-dir=${userData}`, ...linux],
      cwd: root,
      env,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('opens one window titled 信访接待台 showing the app', async () => {
    expect(await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()))).toEqual([
      '信访接待台',
    ]);
    expect(page.url()).toBe('app://desk/index.html');
  });

  it('exposes window.desk with invoke and on, and no Node', async () => {
    const surface = await page.evaluate(() => {
      const desk = (window as DeskWindow).desk; // the preload's object, typed here to keep the test self-contained
      return {
        keys: Object.keys(desk ?? {}).sort(),
        invoke: typeof desk?.invoke,
        on: typeof desk?.on,
        require: typeof Reflect.get(globalThis, 'require'),
        process: typeof Reflect.get(globalThis, 'process'),
      };
    });
    expect(surface).toEqual({
      keys: ['invoke', 'on'],
      invoke: 'function',
      on: 'function',
      require: 'undefined',
      process: 'undefined',
    });
  });

  it('reaches the desk core through the bridge', async () => {
    const code = await page.evaluate(() =>
      (window as DeskWindow).desk!.invoke('case-list', {}).then(
        () => 'answered',
        (e: { code?: string }) => e.code,
      ),
    ); // as above
    expect(code).toBe('not-logged-in');
  });

  it('does not navigate away from the app, nor open a window', async () => {
    await page.evaluate(() => {
      location.href = 'https://example.com';
      window.open('https://example.com');
    });
    await page.waitForTimeout(1_000);
    expect(page.url()).toBe('app://desk/index.html');
    expect(app!.windows()).toHaveLength(1);
    expect(await page.evaluate(() => typeof (window as DeskWindow).desk)).toBe('object'); // as above
  });

  it('enforces the CSP: an inline script does not run', async () => {
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.documentElement.dataset.inlineRan = "yes"';
      document.head.append(script);
      return document.documentElement.dataset.inlineRan ?? 'no';
    });
    expect(ran).toBe('no');
  });
});
