import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy, noFaults } from './proxy';

/** The torture suite's fault proxy does what it says, against a plain HTTP server that counts what reached it. */
describe('fault proxy', () => {
  let server: Server;
  let port: number;
  let reached = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      reached += 1;
      request.resume();
      request.on('end', () => response.end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port; // a TCP listener
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A fresh connection per request (undici would reuse one cut connection's pool slot otherwise). */
  const post = (url: string) =>
    fetch(`${url}/write`, { method: 'POST', body: 'x', headers: { connection: 'close' } }).then((r) => r.text());
  const withProxy = async (rates: Partial<typeof noFaults>, run: (proxy: FaultProxy) => Promise<void>) => {
    const proxy = await FaultProxy.start({ host: '127.0.0.1', port }, () => 0.001);
    proxy.setRates({ ...noFaults, ...rates });
    try {
      await run(proxy);
    } finally {
      await proxy.close();
    }
  };

  it('passes requests through when no fault is set', async () => {
    await withProxy({}, async (proxy) => {
      const before = reached;
      expect(await post(proxy.url)).toBe('ok');
      expect(reached).toBe(before + 1);
      expect(proxy.requests.get('POST /write')).toBe(1);
    });
  });

  it('a drop resets the connection before the request reaches the server', async () => {
    await withProxy({ drop: 1 }, async (proxy) => {
      const before = reached;
      await expect(post(proxy.url)).rejects.toThrow();
      expect(reached).toBe(before);
      expect(proxy.counts.drop).toBe(1);
    });
  });

  it('a lost answer: the server did the work, the client gets a reset', async () => {
    await withProxy({ lostAnswer: 1 }, async (proxy) => {
      const before = reached;
      await expect(post(proxy.url)).rejects.toThrow();
      expect(reached).toBe(before + 1);
      expect(proxy.counts['lost-answer']).toBe(1);
    });
  });

  it('half-open: nothing flows and nothing closes until heal resets the connection', async () => {
    await withProxy({ halfOpen: 1 }, async (proxy) => {
      const before = reached;
      let settled = false;
      const pending = post(proxy.url).finally(() => (settled = true));
      // The request is silenced once the proxy has read its first bytes: wait for that, not for a time.
      await expect.poll(() => proxy.counts['half-open']).toBe(1);
      expect(settled).toBe(false);
      expect(reached).toBe(before);
      proxy.heal();
      await expect(pending).rejects.toThrow();
    });
  });

  it('a delay holds the request back, then delivers it', async () => {
    await withProxy({ delay: 1, maxDelayMs: 200 }, async (proxy) => {
      expect(await post(proxy.url)).toBe('ok');
      expect(proxy.counts.delay).toBe(1);
    });
  });
});
