import { afterAll, beforeAll, describe, it } from 'vitest';
import { Subject } from 'rxjs';
import { addRxPlugin, type RxCollection, type RxReplicationPullStreamItem } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { runReplicationBaseTestSuite, setConfig } from 'rxdb/plugins/test-utils';
import { SyncClient } from '#shared/core/replication-client';
import { SseParser } from '#shared/sync/sse';
import {
  syncPaths,
  type FeedCheckpoint,
  type PullResponse,
  type PushResponse,
  type StreamMessage,
} from '#shared/sync/protocol';
import type { CollectionPolicy } from '../../src-server/services/collections';
import {
  client,
  seeded,
  startServer,
  testDatabase,
  type Backend,
  type RunningServer,
  type TestDatabase,
} from './support';

/**
 * RxDB's own replication test suite against this server, on PGlite and on PostgreSQL. Its documents are
 * `human`s (primary key passportId, updates, deletes), so the server gets a test collection with RxDB's default
 * "master state wins" conflicts, visible to the pushing office.
 */
const human: CollectionPolicy = {
  name: 'human',
  primaryKey: 'passportId',
  direction: 'both',
  write: 'replace',
  visibility: 'pusher',
  schema: undefined,
};

// The suite's collections use `ignoreDuplicate`, which RxDB allows in dev-mode only.
addRxPlugin(RxDBDevModePlugin);
// The suite is written for mocha's globals; vitest provides the same functions as imports.
Object.assign(globalThis, { describe, it });
setConfig({
  storage: {
    name: 'memory',
    getStorage: () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    getPerformanceStorage: () => ({ storage: getRxStorageMemory(), description: 'memory' }),
    hasPersistence: false,
    hasMultiInstance: false,
    hasAttachments: false,
    hasReplication: true,
  } as never, // only the fields the replication suite reads
});

describe.each<Backend>(['pglite', 'pg'])('RxDB runReplicationBaseTestSuite on %s', (backend) => {
  let tdb: TestDatabase;
  let s: RunningServer;
  let sync: SyncClient;
  beforeAll(async () => {
    tdb = await testDatabase(backend);
    s = await startServer(await seeded(await tdb.open()), [human]);
    const tokens = await client(s.url).enrol('qs-handler');
    sync = new SyncClient(
      (u, i) => fetch(u, i),
      { serverUrl: s.url, deviceId: tokens.deviceId, officeId: tokens.officeId, refreshToken: tokens.refreshToken },
      () => new Date(),
      async () => undefined,
    );
  });
  afterAll(async () => {
    await s?.stop();
    await s?.db.close();
    await tdb?.drop();
  });

  const replicate = (collection: RxCollection, live: boolean) =>
    replicateRxCollection<unknown, FeedCheckpoint>({
      replicationIdentifier: `human-${collection.database.name}`, // stable per collection: RxDB remembers the master state it saw
      collection,
      live,
      waitForLeadership: false,
      retryTime: 100,
      pull: {
        batchSize: 1000,
        handler: async (checkpoint, limit) => {
          const q = `?limit=${limit}${checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''}`;
          const page = await sync.request<PullResponse>('GET', syncPaths.pull('human') + q);
          return { documents: page.documents as never[], checkpoint: page.checkpoint ?? checkpoint };
        },
        ...(live ? { stream$: stream() } : {}),
      },
      push: {
        batchSize: 1000,
        handler: async (rows) =>
          (await sync.request<PushResponse>('POST', syncPaths.push('human'), rows)).conflicts as never[],
      },
    });

  /**
   * The `human` pages of a stream of its own: each live replication of the suite is another desk, so it enrols a
   * device of its own (a device holds at most two streams).
   */
  function stream() {
    const subject = new Subject<RxReplicationPullStreamItem<unknown, FeedCheckpoint>>();
    void client(s.url)
      .enrol('qs-handler')
      .then((tokens) =>
        new SyncClient(
          (u, i) => fetch(u, i),
          { serverUrl: s.url, deviceId: tokens.deviceId, officeId: tokens.officeId, refreshToken: tokens.refreshToken },
          () => new Date(),
          async () => undefined,
        ).openStream(syncPaths.stream),
      )
      .then(async (response) => {
        const reader = response.body!.getReader();
        const parser = new SseParser();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          for (const data of parser.push(chunk.value!)) {
            const m = JSON.parse(data) as StreamMessage;
            if (m === 'RESYNC') subject.next('RESYNC');
            else if (m.collection === 'human')
              subject.next({ documents: m.documents as never[], checkpoint: m.checkpoint! });
          }
        }
      })
      .catch(() => undefined);
    return subject;
  }

  runReplicationBaseTestSuite({
    startReplication: (collection) => replicate(collection, true),
    async syncOnce(collection) {
      const state = replicate(collection, false);
      await state.awaitInitialReplication();
      await state.cancel();
    },
    async getAllServerDocs() {
      const { rows } = await s.db.query<{ body: Record<string, unknown>; deleted: boolean }>(
        `SELECT body, deleted FROM docs WHERE collection = 'human'`,
      );
      return rows.map((r) => ({ ...r.body, _deleted: r.deleted }));
    },
    async cleanUpServer() {
      await s.db.query(`DELETE FROM docs WHERE collection = 'human'`);
      await s.db.query(`DELETE FROM feed WHERE collection = 'human'`);
    },
    softDeletes: true,
    isDeleted: (doc: { _deleted: boolean }) => doc._deleted,
    getPrimaryOfServerDoc: (doc: { passportId: string }) => doc.passportId,
  });
});
