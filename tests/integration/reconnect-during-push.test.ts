import { expect, it, describe } from 'vitest';
import { walkIn } from '../fixtures';
import { actors, fresh, registerEvent } from '../src-server/fixtures';
import { seededServerPerSuite, type Client, type RunningServer } from '../src-server/support';
import type { CaseEventDoc } from '#shared/domain/documents';
import { openDesk } from './support';

/**
 * A reconnect during a push must lose no event. RxDB holds stream messages back while a push runs; the RESYNC of
 * the reconnect then queues behind a page from before the cut, RxDB 17.6's downstream loop drops it
 * (`openTasks.shift()` then `break`), and the next page would move the checkpoint past everything appended while
 * the desk was offline. The desk pulls from its stored checkpoint after every connect of its stream and
 * lets no page of the new connection through before that pull has caught up. Faults only at the transport edge: the
 * desk worker's fetch holds the push and breaks the stream (tests/integration/desk-worker.ts).
 */
describe('a reconnect while a push is in flight, on PostgreSQL', () => {
  let s: RunningServer;
  let api: Client;
  seededServerPerSuite('pg', (server, c) => {
    s = server;
    api = c;
  });

  it('the desk receives every event appended while its stream was down', async () => {
    const desk = await openDesk(s.url, 'qs-approver');
    try {
      await desk.login('qs-reception');
      const other = await api.enrol('qs-handler'); // another desk of the office
      const append = async (event: CaseEventDoc) =>
        expect((await api.push(other.accessToken, 'case_events', [fresh(event)])).body).toMatchObject({ refused: [] });
      const chunksAfter = async (n: number) =>
        expect.poll(async () => (await desk.streams()).chunks, { timeout: 5_000 }).toBeGreaterThan(n);

      // A push in flight: the registration's documents wait at the transport edge.
      await desk.net({ holdPushes: true });
      await desk.t.invoke('petition-register', {
        registration: walkIn({ request: '推送途中断线' }),
        case: { kind: 'new' },
      });
      await expect.poll(() => desk.heldPushes(), { timeout: 5_000 }).toBeGreaterThan(0);

      // A page reaches the desk before the cut (held back by RxDB while the push runs).
      const before = registerEvent(actors.qsReception);
      let chunks = (await desk.streams()).chunks;
      await append(before);
      await chunksAfter(chunks);

      // The connection drops; another desk appends while this one is offline.
      await desk.net({ online: false });
      const cut = await desk.cutStreams();
      expect(cut).toBeGreaterThan(0);
      const during = registerEvent(actors.qsReception);
      await append(during);

      // Back online: the streams reopen (each says RESYNC), and a page of the new connection follows.
      chunks = (await desk.streams()).chunks;
      await desk.net({ online: true });
      await expect.poll(async () => (await desk.streams()).open, { timeout: 10_000 }).toBe(cut);
      await expect
        .poll(async () => (await desk.streams()).chunks, { timeout: 5_000 })
        .toBeGreaterThanOrEqual(chunks + cut);
      const after = registerEvent(actors.qsReception);
      chunks = (await desk.streams()).chunks;
      await append(after);
      await chunksAfter(chunks);

      // The push completes; nothing else (no 立即同步) prompts the desk.
      await desk.net({ holdPushes: false });
      await expect
        .poll(
          async () => (await desk.ids('case_events')).filter((id) => [before.id, during.id, after.id].includes(id)),
          { timeout: 10_000, interval: 200 },
        )
        .toEqual([before.id, during.id, after.id].sort());
      await expect.poll(async () => (await desk.t.invoke('sync-status', {})).pending, { timeout: 5_000 }).toBe(0); // and its own push got through
    } finally {
      await desk.close();
    }
  }, 60_000);
});
