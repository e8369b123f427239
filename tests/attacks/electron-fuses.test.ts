import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

/**
 * Electron fuses (design.md §5). Electron fuses are flipped in the packaged binary by electron-builder
 * (`electronFuses`). Without them anyone with the installed desk could run it as plain Node
 * (ELECTRON_RUN_AS_NODE=1), inject code through NODE_OPTIONS, attach a debugger with --inspect to read the
 * decrypted database, or swap the app's code next to its app.asar. The configuration is read and validated by
 * electron-builder's own loader and schema, so a misspelt fuse is an error here, not silently ignored at build.
 */
const root = join(import.meta.dirname, '..', '..');

describe('the Electron fuses of the desktop build', () => {
  const loaded = getConfig(root, null, null);

  it('electron-builder accepts the configuration (every fuse name is one it knows)', async () => {
    await expect(validateConfiguration(await loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  type Fuse = keyof NonNullable<Awaited<typeof loaded>['electronFuses']>;
  it.each<[Fuse, boolean, string]>([
    ['runAsNode', false, 'ELECTRON_RUN_AS_NODE cannot turn the desk into plain Node'],
    ['enableNodeOptionsEnvironmentVariable', false, 'NODE_OPTIONS cannot inject code'],
    ['enableNodeCliInspectArguments', false, '--inspect cannot attach a debugger'],
    ['enableEmbeddedAsarIntegrityValidation', true, 'app.asar is checked against the hash built into the binary'],
    ['onlyLoadAppFromAsar', true, 'only the app.asar is loaded, never a folder placed beside it'],
  ])('%s is %s: %s', async (fuse, wanted) => {
    const fuses = (await loaded).electronFuses;
    expect(fuses?.[fuse]).toBe(wanted);
  });
});
