import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src-server/db/database';
import { Notifier } from '../../src-server/services/notifier';
import { testDatabase, type TestDatabase } from './support';

/**
 * Streams are woken through one LISTEN connection per server process (design.md §3). When PostgreSQL drops it (a
 * restart, a killed backend), the connection is reopened and every stream is woken once, so nothing appended in
 * the gap stays unannounced; before, the streams of that process went silent for good.
 */
describe('the LISTEN connection on PostgreSQL', () => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    db = await tdb.open();
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  const killListeners = async (channel: string) => {
    const { rows } = await db.query<{ killed: boolean }>(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
      [`LISTEN "${channel}"`],
    );
    return rows.filter((r) => r.killed).length;
  };
  const until = async (check: () => boolean, ms = 10_000) => {
    for (const start = Date.now(); !check();) {
      if (Date.now() - start > ms) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('reopens after its backend is killed, says so once, and hears notifications again', async () => {
    const heard: string[] = [];
    let resumed = 0;
    const stop = await db.listen(
      'xf_listen_test',
      (payload) => heard.push(payload),
      () => (resumed += 1),
    );
    try {
      await db.query(`SELECT pg_notify('xf_listen_test', 'before')`);
      await until(() => heard.includes('before'));
      expect(await killListeners('xf_listen_test')).toBe(1);
      await until(() => resumed === 1);
      await db.query(`SELECT pg_notify('xf_listen_test', 'after')`);
      await until(() => heard.includes('after'));
      expect(resumed).toBe(1);
    } finally {
      await stop();
    }
  });

  it('the notifier wakes every stream of the process when its connection comes back', async () => {
    const notifier = new Notifier();
    await notifier.start(db);
    const woken: string[] = [];
    notifier.subscribe('office-qingshan', (collection) => woken.push(`qingshan ${collection ?? 'every collection'}`));
    notifier.subscribe('office-lushui', (collection) => woken.push(`lushui ${collection ?? 'every collection'}`));
    try {
      expect(await killListeners('xinfang_feed')).toBe(1);
      await until(() => woken.length === 2);
      expect(woken.sort()).toEqual(['lushui every collection', 'qingshan every collection']);
    } finally {
      await notifier.close();
    }
  });

  it('stops for good when asked, also while reconnecting', async () => {
    let resumed = 0;
    const stop = await db.listen(
      'xf_listen_stop',
      () => undefined,
      () => (resumed += 1),
    );
    expect(await killListeners('xf_listen_stop')).toBe(1);
    await stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(resumed).toBe(0);
    expect(await killListeners('xf_listen_stop')).toBe(0);
  });
});
