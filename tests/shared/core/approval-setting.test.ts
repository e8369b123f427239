import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inProcessTransport } from '#shared/contract/dispatch';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { setApprovalActs } from '../../../src-server/services/admin';
import { walkIn } from '../../fixtures';
import { seeded, startServer, testDatabase, type RunningServer, type TestDatabase } from '../../src-server/support';

/**
 * 第三十四条: the acts a 负责人 approves are set once by the county (`admin approval-set`) and reach every desk with
 * the directory; the desk's handler then records them directly or as 报批 as the county decided.
 */
describe('the county’s approval acts reach the desk at its next sync (PGlite)', () => {
  let tdb: TestDatabase;
  let server: RunningServer;
  const desks: Desk[] = [];
  beforeAll(async () => {
    tdb = await testDatabase('pglite');
    server = await startServer(await seeded(await tdb.open()));
  });
  afterEach(async () => {
    await Promise.all(desks.splice(0).map((d) => d.close()));
  });
  afterAll(async () => {
    await server?.stop();
    await server?.db.close();
    await tdb?.drop();
  });

  it(
    '第三十四条 admin approval-set on the county office: a township handler may no longer 报批 延期; it is the 负责人’s own act',
    { timeout: 60_000 },
    async () => {
      const desk = await createDesk({
        storage: getRxStorageMemory(),
        name: `approval-${Math.random().toString(36).slice(2)}`,
        clock: () => new Date(),
        sync: { fetch: (...a) => fetch(...a), retry: { minMs: 100, maxMs: 1_000 } },
      });
      desks.push(desk);
      const t = inProcessTransport(desk.api, desk, (error) => console.error(error));
      await t.invoke('sync-enrol', { login: 'qs-reception', password: DEMO_PASSWORD, serverUrl: server.url });
      await desk.sync.awaitInSync();
      await t.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
      const { caseId } = await t.invoke('petition-register', {
        registration: walkIn({ receivedAt: new Date(Date.now() - 3_600_000).toISOString() }),
        case: { kind: 'new' },
      });
      await t.invoke('session-logout', {});
      await t.invoke('session-login', { login: 'qs-handler', password: DEMO_PASSWORD });
      await t.invoke('case-act', {
        caseId,
        type: 'accept',
        payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' },
      });
      expect((await t.invoke('case-get', { id: caseId })).proposedActs).toContain('extend');

      await setApprovalActs(server.db, 'office-county', ['reject', 'close']);
      await t.invoke('sync-now', {});
      await vi.waitFor(
        async () => expect((await t.invoke('settings-get', {})).approvalActs).toEqual(['reject', 'close']),
        { timeout: 20_000 },
      );
      const detail = await t.invoke('case-get', { id: caseId });
      expect(detail.proposedActs).not.toContain('extend');
      expect(detail.allowedActs).not.toContain('extend');
      expect(detail.proposedActs).toContain('close');
    },
  );
});
