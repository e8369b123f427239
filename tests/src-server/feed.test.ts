import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, fresh, publicKeyOf, registerEvent } from './fixtures';
import { seeded, testDatabase, type TestDatabase } from './support';
import type { Database } from '../../src-server/db/database';
import { domainPolicies, type Pusher } from '../../src-server/services/collections';
import { readFeed } from '../../src-server/services/feed';
import { pushDocuments } from '../../src-server/services/push';
import { OfficeTree } from '../../src-server/services/visibility';
import type { FeedCheckpoint } from '#shared/sync/protocol';

/**
 * The checkpoint trap (design.md §3): sequence numbers taken in concurrent transactions can commit out of order,
 * and a pull that returns 105 while 104 is in flight loses 104 for ever. Many writers push at once while a reader
 * pulls continuously with its checkpoint; the reader must end with every document. The writers use two pools, as
 * two server processes would, so the sequencer's advisory lock (not only its one-round-at-a-time per process) is
 * what keeps feed order equal to commit order: without it this test loses documents on PostgreSQL.
 */
describe('feed checkpoints under concurrent pushes (PostgreSQL)', () => {
  let tdb: TestDatabase;
  let db: Database;
  let other: Database;
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    db = await seeded(await tdb.open());
    other = await tdb.open();
  });
  afterAll(async () => {
    await db?.close();
    await other?.close();
    await tdb?.drop();
  });

  it('a reader following its checkpoint never misses a document committed behind it', async () => {
    const events = domainPolicies.find((p) => p.name === 'case_events')!;
    const users = new Map([
      [
        'user-qs-reception',
        {
          id: 'user-qs-reception',
          officeId: 'office-qingshan',
          roles: ['receptionist' as const],
          disabled: false,
          publicKey: publicKeyOf('user-qs-reception'),
        },
      ],
    ]);
    const pusher: Pusher = { officeId: 'office-qingshan', deviceId: 'torture', users };
    const tree = await OfficeTree.load(db);
    const pushed: string[] = [];
    let writing = true;
    const seen = new Set<string>();
    let checkpoint: FeedCheckpoint | undefined;
    const read = async () => {
      const page = await readFeed(db, 'office-county', 'case_events', checkpoint, 50);
      for (const d of page.documents) seen.add(String(d.id));
      checkpoint = page.checkpoint ?? checkpoint;
      return page.documents.length;
    };
    const reader = (async () => {
      while (writing) await read();
      while ((await read()) > 0);
    })();
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let b = 0; b < 12; b++) {
          const batch = Array.from({ length: 4 }, () => registerEvent(actors.qsReception));
          pushed.push(...batch.map((e) => e.id));
          const answer = await pushDocuments(
            w % 2 === 0 ? db : other,
            events,
            pusher,
            tree,
            batch.map(fresh),
            () => new Date(),
          );
          expect(answer.refused).toEqual([]);
        }
      }),
    );
    writing = false;
    await reader;
    expect(pushed.filter((id) => !seen.has(id))).toEqual([]);
  }, 60_000);
});
