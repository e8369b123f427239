import { describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { inProcessTransport } from '#shared/contract/dispatch';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { createDesk } from '#shared/core/desk';
import type { FetchLike } from '#shared/core/replication-client';
import { syncPaths } from '#shared/sync/protocol';
import { walkIn } from '../fixtures';
import { seededServerPerSuite, type Backend, type RunningServer } from '../src-server/support';

/**
 * One lost refresh answer must not strand a desk. The server rotates the refresh token but the
 * answer never reaches the desk (dropped at the network edge, after the server answered); the desk refreshes
 * again with the token it has, syncs on, and what it registers reaches the county.
 */
describe.each<Backend>(['pglite', 'pg'])('a desk whose refresh answer was lost, on %s', (backend) => {
  let server: RunningServer;
  seededServerPerSuite(backend, (s) => {
    server = s;
  });

  it('refreshes again with its old token and syncs on (第四十四条第一项: the registration reaches the county)', async () => {
    const drop = { refreshAnswers: 0 };
    const fetchLike: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      if (!url.endsWith(syncPaths.refresh) || drop.refreshAnswers === 0) return response;
      drop.refreshAnswers -= 1;
      await response.arrayBuffer(); // the server answered and rotated; the desk never hears it
      throw new TypeError('fetch failed');
    };
    const name = `desk-${Math.random().toString(36).slice(2)}`;
    const open = () =>
      createDesk({ storage: getRxStorageMemory(), name, sync: { fetch: fetchLike, retry: { minMs: 50, maxMs: 200 } } });

    const enrolling = await open();
    const status = await inProcessTransport(enrolling.api, enrolling).invoke('sync-enrol', {
      login: 'qs-approver',
      password: DEMO_PASSWORD,
      serverUrl: server.url,
    });
    expect(status.state).not.toBe('error');
    await enrolling.sync.awaitInSync();
    await enrolling.close();

    // Every start refreshes: the first answer of this one is lost.
    drop.refreshAnswers = 1;
    const desk = await open();
    try {
      const t = inProcessTransport(desk.api, desk);
      await expect
        .poll(async () => (await t.invoke('sync-status', {})).state, { timeout: 10_000, interval: 50 })
        .toBe('online');
      expect(drop.refreshAnswers).toBe(0);
      await t.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
      const { caseId } = await t.invoke('petition-register', {
        registration: walkIn({ request: '刷新应答丢失后继续同步' }),
        case: { kind: 'new' },
      });
      await t.invoke('sync-now', {});
      const stored = async () =>
        (
          await server.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM docs WHERE collection = 'case_events' AND case_id = $1`,
            [caseId],
          )
        ).rows[0]!.n;
      await expect.poll(stored, { timeout: 10_000, interval: 100 }).toBe(1);
      expect((await t.invoke('sync-status', {})).state).toBe('online');
    } finally {
      await desk.close();
    }
  }, 60_000);
});
