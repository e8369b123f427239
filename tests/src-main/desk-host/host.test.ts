import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '#shared/demo/county';
import type { WireEvent } from '#shared/contract/transport';
import { startDeskHost } from '../../../src-main/desk-host/host';
import { startDeskHostWithHooks } from '../../../src-main/desk-host/worker-hooks';
import { walkIn } from '../../fixtures';

const folders: string[] = [];
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'desk-host-'));
  folders.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

const KEY = 'ef'.repeat(32);
const cheap = { seedDemo: true, demoPasswordCost: { N: 2 ** 10 } } as const;

describe('the desk host', () => {
  it('keeps registrations when the same folder is opened again', async () => {
    const databaseDirectory = await folder();
    const first = await startDeskHost({ databaseDirectory, key: KEY, ...cheap });
    await first.transport.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
    const { caseId } = await first.transport.invoke('petition-register', {
      registration: walkIn(),
      case: { kind: 'new' },
    });
    await first.close();

    const second = await startDeskHost({ databaseDirectory, key: KEY });
    await second.transport.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
    const list = await second.transport.invoke('case-list', {});
    expect(list.items.map((item) => item.id)).toContain(caseId);
    await second.close();
  });

  it('rejects a wrong key at start-up with SQLITE_WRONG_KEY', async () => {
    const databaseDirectory = await folder();
    await (await startDeskHost({ databaseDirectory, key: KEY, ...cheap })).close();
    await expect(startDeskHost({ databaseDirectory, key: 'another key' })).rejects.toMatchObject({
      name: 'SqliteStorageError',
      code: 'SQLITE_WRONG_KEY',
    });
  });

  it("answers raw wire requests with the caller's ids and forwards events as wire messages", async () => {
    const host = await startDeskHost({ databaseDirectory: await folder(), ...cheap });
    const events: WireEvent[] = [];
    const off = host.onEvent((event) => events.push(event));
    const login = await host.request({
      kind: 'invoke',
      id: 7,
      name: 'session-login',
      args: { login: 'qs-reception', password: DEMO_PASSWORD },
    });
    expect(login).toMatchObject({ kind: 'result', id: 7, ok: true });
    const unknown = await host.request({ kind: 'invoke', id: 7, name: 'no-such-handler', args: {} });
    expect(unknown).toEqual({ kind: 'result', id: 7, ok: false, error: { code: 'unknown-handler' } });
    await host.request({
      kind: 'invoke',
      id: 8,
      name: 'petition-register',
      args: { registration: walkIn(), case: { kind: 'new' } },
    });
    await vi.waitFor(() => expect(events.some((e) => e.kind === 'event' && e.event === 'data-changed')).toBe(true), {
      timeout: 5_000,
    });
    off();
    await host.close();
    // After close every request gets a safe error, never a hang.
    expect(await host.request({ kind: 'invoke', id: 9, name: 'session-current', args: {} })).toMatchObject({
      ok: false,
      id: 9,
    });
  });

  it('keeps the main event loop responsive while the worker bulk-loads documents', async () => {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const host = await startDeskHostWithHooks({
      databaseDirectory: await folder(),
      ...cheap,
      workerModules: [new URL('./bulk-load.ts', import.meta.url).href],
    });
    histogram.disable();
    await host.close();
    // In-process, this load blocks the loop for seconds; the bound is generous for a noisy 2-core machine.
    expect(histogram.max / 1e6).toBeLessThan(200);
  });
});
