import net from 'node:net';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseParser } from '#shared/sync/sse';
import { syncPaths, type StreamMessage, type StreamPage } from '#shared/sync/protocol';
import { openStream, startCounty } from '../attacks/support';
import { actEvent, actors, fresh, petitionDoc, petitionerDoc, registerEvent } from './fixtures';
import { client, seeded, testDatabase, type Client, type RunningServer, type TestDatabase } from './support';

/**
 * The desk stream (design.md §3): one stream per desk for every collection that pulls, which a slow reader cannot
 * grow without bound and a device cannot open without limit. Writes that ignore back-pressure would let 20 unread
 * streams and 1,999 pushes of 15 kB notes take a server from 264 to 2,230 MB.
 */
const BOUND = 256 * 1024;

describe('the desk stream, on PostgreSQL', () => {
  let tdb: TestDatabase;
  let s: RunningServer;
  let c: Client;
  /** What the server wrote to each stream it answered: its peak unsent bytes and largest single write. */
  const written = new Map<
    string,
    { raw: ServerResponse; peakBuffered: number; largestWrite: number; closed: boolean }
  >();
  const seenFor = async (token: string) => {
    await expect.poll(() => written.has(`Bearer ${token}`)).toBe(true);
    return written.get(`Bearer ${token}`)!;
  };
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    s = await startCounty(
      await seeded(await tdb.open()),
      { streamLimits: { bufferBytes: BOUND, drainMs: 5_000 } },
      ({ app }) => {
        app.addHook('onRequest', async (request, reply) => {
          if (request.url !== syncPaths.stream) return;
          const raw = reply.raw;
          const seen = { raw, peakBuffered: 0, largestWrite: 0, closed: false };
          written.set(String(request.headers.authorization), seen);
          const write = raw.write.bind(raw) as (chunk: string) => boolean;
          raw.write = ((chunk: string) => {
            const ok = write(chunk);
            seen.largestWrite = Math.max(seen.largestWrite, Buffer.byteLength(chunk));
            seen.peakBuffered = Math.max(seen.peakBuffered, raw.writableLength);
            return ok;
          }) as typeof raw.write; // observed, not changed
          raw.on('close', () => (seen.closed = true));
        });
      },
    );
    c = client(s.url);
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
    await s?.db.close();
    await tdb?.drop();
  });

  it('carries every collection that pulls, each page tagged with its collection, only to the offices allowed (第三十条第三款)', async () => {
    const [qs, ls, county, jw] = await Promise.all([
      watch(s.url, c, 'qs-handler'),
      watch(s.url, c, 'ls-handler'),
      watch(s.url, c, 'county-handler'),
      watch(s.url, c, 'jw-handler'),
    ]);
    try {
      const push = async (login: string, collection: string, doc: object) =>
        expect((await c.push((await c.enrol(login)).accessToken, collection, [fresh(doc)])).body).toMatchObject({
          refused: [],
        });
      // An accusation against 青山镇, registered at the county and transferred to the 纪委.
      const accuser = petitionerDoc('office-county', { name: '李四' });
      const accusation = registerEvent(actors.countyReception, {
        cls: 'accusation',
        accused: ['office-qingshan'],
        petitionerIds: [accuser.id],
      });
      const letter = petitionDoc(
        'office-county',
        accusation.caseId,
        'user-county-reception',
        [accuser.id],
        (accusation.payload as { petitionIds: string[] }).petitionIds[0],
      );
      await push('county-reception', 'petitioners', accuser);
      await push('county-reception', 'petitions', letter);
      await push('county-reception', 'case_events', accusation);
      const transfer = actEvent(
        actors.countyHandler,
        accusation.caseId,
        'transfer',
        { target: 'discipline', organ: '示范县纪委监委', toOfficeId: 'office-jiwei' },
        [accusation.id],
      );
      await push('county-handler', 'case_events', transfer);
      // Then a plain matter of 青山镇, and one of 绿水乡.
      const person = petitionerDoc('office-qingshan');
      const matter = registerEvent(actors.qsReception, { petitionerIds: [person.id] });
      const petition = petitionDoc(
        'office-qingshan',
        matter.caseId,
        'user-qs-reception',
        [person.id],
        (matter.payload as { petitionIds: string[] }).petitionIds[0],
      );
      await push('qs-reception', 'petitioners', person);
      await push('qs-reception', 'petitions', petition);
      await push('qs-reception', 'case_events', matter);
      const lsCase = registerEvent(actors.lsReception);
      await push('ls-reception', 'case_events', lsCase);

      const accusationIds = [accuser.id, letter.id, accusation.id, transfer.id];
      const qsIds = { petitioners: [person.id], petitions: [petition.id], case_events: [matter.id] };
      await qs.until(qsIds);
      await ls.until({ case_events: [lsCase.id] });
      await county.until({
        petitioners: [accuser.id, person.id],
        petitions: [letter.id, petition.id],
        case_events: [accusation.id, transfer.id, matter.id, lsCase.id],
      });
      await jw.until({ case_events: [accusation.id, transfer.id] });
      expect(qs.ids().filter((id) => accusationIds.includes(id))).toEqual([]);
      expect(ls.ids().filter((id) => [...accusationIds, person.id, petition.id, matter.id].includes(id))).toEqual([]);
      expect(jw.ids()).not.toContain(matter.id);
      // Tagged: each document came in a page of its own collection.
      expect(qs.collectionOf(person.id)).toBe('petitioners');
      expect(qs.collectionOf(petition.id)).toBe('petitions');
      expect(qs.collectionOf(matter.id)).toBe('case_events');
    } finally {
      for (const w of [qs, ls, county, jw]) await w.cancel();
    }
  }, 60_000);

  it('a reader that never reads is dropped once its buffer passes the bound; a reader that keeps up is not', async () => {
    const slowTokens = await c.enrol('qs-handler');
    const slow = await neverReads(s.url, slowTokens.accessToken);
    const fast = await watch(s.url, c, 'qs-approver');
    const slowSeen = await seenFor(slowTokens.accessToken);
    const fastSeen = await seenFor(fast.token);
    const pusher = await c.enrol('qs-reception');
    const text = '已电话联系信访人约定下周面谈'.repeat(286); // 4,004 characters: the longest note, ~12 kB
    const pushed: string[] = [];
    try {
      // Batches of a 登记 and 49 notes of ~12 kB (~600 kB a push) until the server drops the slow reader.
      for (let round = 0; round < 80 && !slowSeen.closed; round++) {
        const reg = registerEvent(actors.qsReception);
        const notes = Array.from({ length: 49 }, () =>
          actEvent(actors.qsReception, reg.caseId, 'note', { text: text.slice(0, 4_000) }, [reg.id]),
        );
        expect((await c.push(pusher.accessToken, 'case_events', [reg, ...notes].map(fresh))).body).toMatchObject({
          refused: [],
        });
        pushed.push(reg.id, ...notes.map((n) => n.id));
      }
      await expect.poll(() => slowSeen.closed, { timeout: 10_000 }).toBe(true);
      expect(pushed.length).toBeGreaterThan(0);
      // It never held more than the bound and the page that crossed it.
      expect(slowSeen.peakBuffered).toBeGreaterThan(BOUND);
      expect(slowSeen.peakBuffered).toBeLessThanOrEqual(BOUND + slowSeen.largestWrite);
      // The reader that kept up got every note and keeps its stream.
      await fast.until({ case_events: pushed }, 30_000);
      expect(fastSeen.closed).toBe(false);
      // A push of ~600 kB went out in pages of at most 256 kB (one framing line more).
      expect(fastSeen.largestWrite).toBeLessThanOrEqual(256 * 1024 + 200);
    } finally {
      slow.destroy();
      await fast.cancel();
    }
  }, 120_000);

  it('a device holds at most two streams: a third ends its oldest, and 12 opened in a row leave the last two', async () => {
    const device = await c.enrol('ls-handler');
    const streams = [];
    for (let i = 0; i < 12; i++) {
      const stream = await openStream(s.url, syncPaths.stream, device.accessToken);
      expect(await stream.next(5_000)).toBe('"RESYNC"');
      streams.push(stream);
    }
    try {
      for (const old of streams.slice(0, -2)) expect(await old.ended(3_000)).toBe('ended');
      const event = registerEvent(actors.lsReception);
      expect(
        (await c.push((await c.enrol('ls-reception')).accessToken, 'case_events', [fresh(event)])).body,
      ).toMatchObject({ refused: [] });
      for (const open of streams.slice(-2)) expect(await open.next(5_000)).toContain(event.id);
      // Another device of the office is not affected by this one's streams.
      const other = await openStream(s.url, syncPaths.stream, (await c.enrol('ls-approver')).accessToken);
      expect(await other.next(5_000)).toBe('"RESYNC"');
      for (const open of streams.slice(-2)) expect(await open.next(300)).toBe('waiting');
      await other.cancel();
    } finally {
      for (const stream of streams) await stream.cancel();
    }
  }, 60_000);

  it('a revocation whose announcement was lost still ends the stream once the notifier is back', async () => {
    const device = await c.enrol('qs-approver');
    const stream = await openStream(s.url, syncPaths.stream, device.accessToken);
    try {
      expect(await stream.next(5_000)).toBe('"RESYNC"');
      // Revoked without the NOTIFY (as if sent while the LISTEN connection was down), then that connection drops.
      await s.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [device.deviceId]);
      expect(await stream.next(500)).toBe('waiting');
      const { rows } = await s.db.query<{ killed: boolean }>(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
      );
      expect(rows.some((r) => r.killed)).toBe(true);
      expect(await stream.ended(10_000)).toBe('ended');
    } finally {
      await stream.cancel();
    }
  }, 30_000);
});

/** A stream read continuously by a newly enrolled device of `login`, collecting its pages. */
async function watch(url: string, c: Client, login: string) {
  const tokens = await c.enrol(login);
  const response = await fetch(url + syncPaths.stream, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
  if (response.status !== 200 || !response.body) throw new Error(`stream: ${response.status}`);
  const reader = response.body.getReader();
  const pages: StreamPage[] = [];
  const parser = new SseParser();
  void (async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      for (const data of parser.push(chunk.value)) {
        const message = JSON.parse(data) as StreamMessage;
        if (message !== 'RESYNC') pages.push(message);
      }
    }
  })().catch(() => undefined);
  const idsOf = (collection?: string) =>
    pages
      .filter((p) => !collection || p.collection === collection)
      .flatMap((p) => p.documents.map((d) => String(d.id)));
  return {
    token: tokens.accessToken,
    ids: () => idsOf(),
    collectionOf: (id: string) => pages.find((p) => p.documents.some((d) => d.id === id))?.collection,
    /** Resolves once every id has arrived in a page of its collection. */
    until: (wanted: Record<string, readonly string[]>, timeout = 10_000) =>
      expect
        .poll(
          () => Object.entries(wanted).every(([collection, ids]) => ids.every((id) => idsOf(collection).includes(id))),
          { timeout, interval: 100 },
        )
        .toBe(true),
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

/** A raw HTTP client that asks for the stream and never reads a byte of the answer. */
async function neverReads(url: string, token: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port) });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.pause();
  socket.on('error', () => undefined); // the server drops it: that is the point
  socket.write(
    `GET ${syncPaths.stream} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${token}\r\n\r\n`,
  );
  return socket;
}
