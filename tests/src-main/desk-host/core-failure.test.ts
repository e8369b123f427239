import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { deskHostErrorText } from '#shared/messages/zh-CN';

/**
 * The desk core's death or hang never takes its host (Electron main) down. Each case runs a real
 * host process (host-child.ts) over a real SQLite folder, with a real fault in the core (core-faults.ts), and
 * reads what it printed and how it exited: a host that aborted prints nothing after the fault and dies by a signal.
 */
const folders: string[] = [];
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});
const hostChild = fileURLToPath(new URL('./host-child.ts', import.meta.url));

type Line = {
  reported?: Record<string, string>;
  answer?: Record<string, unknown>;
  after?: Record<string, unknown>;
  closed?: 'ok' | Record<string, string>;
  alive?: true;
};

async function runHost(
  fault: 'hang-close' | 'abort-in-request',
): Promise<{ exit: string; lines: Line[]; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), `desk-core-${fault}-`));
  folders.push(dir);
  const child = spawn(process.execPath, ['--import', 'tsx', hostChild, dir], {
    env: { ...process.env, CORE_FAULT: fault },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = await new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line);
  return { exit, lines, stderr };
}

describe('the host outlives its desk core', () => {
  it('a close that hangs inside better-sqlite3 raising errors: the core is killed, the host goes on and reports a code with a clear zh-CN text', async () => {
    const { exit, lines, stderr } = await runHost('hang-close');
    expect(stderr).not.toContain('FATAL ERROR');
    expect(exit).toBe('code 0');
    const closed = lines.find((l) => l.closed)?.closed;
    expect(closed).toMatchObject({ name: 'DeskHostError', code: 'desk-core-close-timeout' });
    expect(deskHostErrorText['desk-core-close-timeout']).toContain('已保存的内容不会丢失');
    expect(lines.at(-1)).toEqual({ alive: true });
  }, 120_000);

  it('a core that aborts while answering: the request gets an error, later ones too, never a hang; the host reports it (zh-CN text by code) and goes on', async () => {
    const { exit, lines, stderr } = await runHost('abort-in-request');
    expect(stderr).not.toContain('FATAL ERROR');
    expect(exit).toBe('code 0');
    expect(lines.find((l) => l.answer)?.answer).toMatchObject({
      kind: 'result',
      id: 1,
      ok: false,
      error: { code: 'internal' },
    });
    expect(lines.find((l) => l.after)?.after).toMatchObject({ kind: 'result', id: 2, ok: false });
    expect(lines.find((l) => l.reported)?.reported).toMatchObject({
      code: 'desk-core-exited',
      detail: 'signal SIGABRT',
    });
    expect(deskHostErrorText['desk-core-exited']).toContain('请重新启动本程序');
    expect(lines.at(-1)).toEqual({ alive: true });
  }, 120_000);
});
