import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { RxStorageSQLiteWorker } from '../../../src-main/storage-sqlite/worker-host';
import type { TestDoc } from './helpers';
import { createInstance, tempDirectory, testSchema } from './helpers';
import { newDocument } from './random-ops';

const temp = tempDirectory();
afterAll(() => temp.cleanup());

describe('the worker-hosted storage', () => {
  it('keeps the calling event loop responsive while 5,000-document writes run', async () => {
    const instance = await createInstance<TestDoc>(new RxStorageSQLiteWorker({ databaseDirectory: temp.dir }), testSchema());
    const note = '来访事项'.repeat(20);
    const batches = Array.from({ length: 6 }, (_, b) =>
      Array.from({ length: 5_000 }, (_, i) => ({
        document: newDocument(`${b}-${i}`, { name: `张${i % 90}`, age: i % 150, flag: i % 2 === 0, tag: '', note }, false),
      })),
    );
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    for (const rows of batches) expect((await instance.bulkWrite(rows, 'load')).error).toEqual([]);
    histogram.disable();
    // In process, one such write blocks this loop for ~350 ms here. Through the worker only the
    // structured clone of the rows runs on this thread; the bound is 4× the 50 ms budget because
    // CI machines are shared and noisy (the benchmark prints the real figure for 100k documents).
    expect(histogram.max / 1e6).toBeLessThan(200);
    await instance.remove();
  }, 60_000);

  it('forwards errors with their codes and refuses calls after close()', async () => {
    const storage = new RxStorageSQLiteWorker({ databaseDirectory: temp.dir });
    const instance = await createInstance<TestDoc>(storage, testSchema(), 'codes');
    await instance.close();
    await expect(instance.query({ query: { selector: {}, sort: [{ id: 'asc' }], skip: 0 }, queryPlan: { index: ['id'], startKeys: [], endKeys: [], inclusiveStart: true, inclusiveEnd: true, sortSatisfiedByIndex: true, selectorSatisfiedByIndex: true } })).rejects.toMatchObject({ code: 'SQLITE_CLOSED' });
    await expect(instance.remove()).rejects.toMatchObject({ code: 'SQLITE_CLOSED' });
    const changed = { ...testSchema(), indexes: [['tag']] };
    await expect(createInstance<TestDoc>(storage, changed, 'codes')).rejects.toMatchObject({ code: 'SQLITE_SCHEMA_MISMATCH' });
  });
});
