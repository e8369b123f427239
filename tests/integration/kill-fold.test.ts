import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessTransport } from '#shared/contract/dispatch';
import { createDesk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { getRxStorageSQLite } from '../../src-main/storage-sqlite/index';
import type { KillPoint } from './kill-child';

/**
 * A desk killed (SIGKILL, a real child process holding the SQLite file) at each point of a
 * registration and an act finds the matter at the next open, listed with the state its stored events give
 * (第四十四条第一项: a registration the desk answered is never lost from its lists).
 */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kill-child.ts');

/** Runs the child until it stops at `point`, kills it with SIGKILL; returns the matter it registered. */
function runAndKill(directory: string, point: KillPoint): Promise<{ caseId?: string; caseNumber?: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, directory, point], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const matter: { caseId?: string; caseNumber?: string } = {};
    let buffered = '';
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, a, b] = line.split(' ');
        if (word === 'registered') Object.assign(matter, { caseId: a, caseNumber: b });
        if (word === 'at' && !proc.killed) proc.kill('SIGKILL');
      }
    });
    proc.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(matter) : reject(new Error(`child exited without being killed: ${stderr}`)),
    );
  });
}

async function reopen(directory: string) {
  const desk = await createDesk({ storage: getRxStorageSQLite({ databaseDirectory: directory }), name: 'desk' });
  const t = inProcessTransport(desk.api, desk);
  await t.invoke('session-login', { login: 'qs-handler', password: DEMO_PASSWORD });
  return { desk, t };
}

describe('a kill between a write and its fold', () => {
  it.each<[KillPoint, string, number]>([
    ['register-before-apply', 'registered', 1],
    ['register-before-fold', 'registered', 1],
    ['act-before-event', 'registered', 1],
    ['act-before-fold', 'accepted', 2],
    ['replicated-before-fold', 'accepted', 2],
  ])(
    '第四十四条第一项 killed at %s: the matter is found and listed as %s (%i events)',
    async (point, status, events) => {
      const directory = mkdtempSync(path.join(tmpdir(), `kill-${point}-`));
      dirs.push(directory);
      const { caseNumber } = await runAndKill(directory, point);
      const { desk, t } = await reopen(directory);
      try {
        // The registration is answered once its intent is written: its number is known from the intent if the
        // kill came before the child could print the answer.
        const listed = (await t.invoke('case-list', {})).items;
        expect(listed).toHaveLength(1);
        const [item] = listed;
        if (caseNumber) expect(item!.caseNumber).toBe(caseNumber);
        expect(item!.status).toBe(status);
        const detail = await t.invoke('case-get', { id: item!.id });
        expect(detail.events).toHaveLength(events);
        expect(detail.case).toMatchObject({ status, eventCount: events });
      } finally {
        await desk.close();
      }
    },
    60_000,
  );
});
