import { expect, it, describe, afterEach } from 'vitest';
import { walkIn } from '../fixtures';
import { actors, fresh, registerEvent } from '../src-server/fixtures';
import { seededServerPerSuite, type Client, type RunningServer } from '../src-server/support';
import { FaultProxy } from '../torture/proxy';
import { openDesk, type TestDesk } from './support';

/**
 * Never strand: a connection that dies half-open — a township router restarts, a laptop changes network — sends no
 * FIN, so neither end learns of it until the operating system gives up, up to ~15 minutes later, and sync would stand
 * still meanwhile, showing 同步中. The desk ends a stream that stays silent past a few of the server's pings, and a request not answered in time,
 * and connects again. The fault is injected at the transport edge by the torture suite's TCP proxy; the desk's
 * deadlines are shortened here (defaults: 45 s of stream silence, 120 s per request). Every pooled connection falls
 * silent at once, and each costs the desk one deadline before it is given up, so recovery takes a few deadlines: the
 * waits below are generous for a loaded machine; without the deadlines the desk never recovers.
 */
describe('a half-open connection to the county, on PostgreSQL', { timeout: 120_000 }, () => {
  let s: RunningServer;
  let api: Client;
  seededServerPerSuite('pg', (server, c) => {
    s = server;
    api = c;
  });
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** A desk of 青山镇 whose every connection goes through a proxy that can silence them. */
  async function deskBehindProxy(): Promise<{ desk: TestDesk; proxy: FaultProxy }> {
    const { hostname, port } = new URL(s.url);
    const proxy = await FaultProxy.start({ host: hostname, port: Number(port) }, () => 0);
    cleanup.push(() => proxy.close());
    const desk = await openDesk(s.url, 'qs-approver', { timeouts: { requestMs: 2_000, streamSilenceMs: 1_000 } });
    cleanup.push(() => desk.close());
    await desk.login('qs-reception');
    await desk.net({ server: proxy.url });
    await desk.cutStreams(); // the next stream goes through the proxy
    await expect
      .poll(() => proxy.requests.get('GET /api/v1/replication/stream') ?? 0, { timeout: 10_000 })
      .toBeGreaterThan(0);
    return { desk, proxy };
  }

  it('a stream gone silent is given up and opened again: the desk receives what the county took meanwhile', async () => {
    const { desk, proxy } = await deskBehindProxy();
    expect(proxy.cut('half-open', 1)).toBeGreaterThan(0); // every open connection, the stream's included, falls silent
    const other = await api.enrol('qs-handler');
    const event = registerEvent(actors.qsReception);
    expect((await api.push(other.accessToken, 'case_events', [fresh(event)])).body).toMatchObject({ refused: [] });
    await expect.poll(() => desk.ids('case_events'), { timeout: 90_000, interval: 250 }).toContain(event.id);
  });

  it('a registration pushed into a silent connection is pushed again on a new one and reaches the county', async () => {
    const { desk, proxy } = await deskBehindProxy();
    proxy.cut('half-open', 1);
    const saved = await desk.t.invoke('petition-register', {
      registration: walkIn({ request: '半开连接中登记' }),
      case: { kind: 'new' },
    });
    const county = await api.enrol('qs-handler');
    await expect
      .poll(async () => (await api.pullAll(county.accessToken, 'case_events')).map((d) => d.caseId), {
        timeout: 90_000,
        interval: 500,
      })
      .toContain(saved.caseId);
  });
});
