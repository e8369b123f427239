import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseFilePath, openDatabase } from '../../../src-main/storage-sqlite/database';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import type { TestDoc } from './helpers';
import { createInstance, tempDirectory, testSchema } from './helpers';

const temp = tempDirectory();
afterAll(() => temp.cleanup());
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-child.ts');

/** Runs the child until it reported `batches` resolved writes, then kill -9; returns the last reported batch. */
function runAndKill(directory: string, batches: number, key?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, directory, ...(key ? [key] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastOk = -1;
    let buffered = '';
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const batch = Number(line.replace('ok ', ''));
        if (Number.isInteger(batch)) lastOk = batch;
      }
      if (lastOk >= batches - 1 && !proc.killed) proc.kill('SIGKILL');
    });
    proc.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(lastOk);
      else reject(new Error(`child exited without being killed: ${stderr}`));
    });
  });
}

describe('kill -9 in the middle of bulk writes', () => {
  it.each([undefined, 'crash-key'])(
    'leaves a file that opens, passes integrity_check and holds every resolved write (key: %s)',
    async (key) => {
      const directory = path.join(temp.dir, key ?? 'plain');
      const lastOk = await runAndKill(directory, 6, key);
      expect(lastOk).toBeGreaterThanOrEqual(5);

      const db = openDatabase({ filePath: databaseFilePath(directory, 'crash'), key });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();

      const instance = await createInstance<TestDoc>(
        getRxStorageSQLite({ databaseDirectory: directory, ...(key ? { key } : {}) }),
        testSchema(),
        'crash',
        'petitions',
      );
      const ids = Array.from({ length: lastOk + 1 }, (_, batch) =>
        Array.from({ length: 400 }, (_, i) => `${batch}-${i}`),
      ).flat();
      const found = await instance.findDocumentsById(ids, false);
      expect(found.length).toBe(ids.length);
      await instance.close();
    },
    60_000,
  );
});
