import net from 'node:net';

/**
 * A fault-injecting TCP proxy between desks and a county server (the torture suite's network edge).
 *
 * Hand-written on node:net because no package in package.json injects faults at the TCP level, and the faults that
 * matter here are TCP-shaped, not HTTP-shaped: a reset mid-stream, a connection whose bytes stop flowing both ways
 * without a FIN (half-open: NAT state lost, a cable pulled), and a request that reached the server whose answer
 * never comes back. An HTTP mock could not produce the last two at all, and mocking `fetch` would skip undici's
 * connection pool, which is where a desk meets them.
 *
 * It knows just enough HTTP/1.1 to count requests: a chunk from the desk that begins with a request line starts a
 * request, and the fault for that request is drawn then (desks do not pipeline). A long-lived stream is cut by
 * `cut`, at moments the driver picks.
 */
export type FaultKind = 'drop' | 'reset' | 'lost-answer' | 'half-open' | 'delay';

export interface FaultRates {
  /** Per new connection and per request: the connection is reset before the request reaches the server. */
  readonly drop: number;
  /**
   * Per write (any request but a GET): the request reaches the server, its answer is thrown away and the desk's
   * connection reset. A lost read is just a reset; a lost write is the case that matters (a push stored, a refresh
   * token rotated, and the desk never told).
   */
  readonly lostAnswer: number;
  /** Per request: from here on nothing flows either way and nothing is closed, until `heal` (or `holdMs`). */
  readonly halfOpen: number;
  /** Per request: held back for up to `maxDelayMs` before it is forwarded. */
  readonly delay: number;
  readonly maxDelayMs: number;
  /** How long a half-open connection stays silent before the proxy resets it (a kernel's keepalive, at last). */
  readonly holdMs: number;
}

export const noFaults: FaultRates = { drop: 0, lostAnswer: 0, halfOpen: 0, delay: 0, maxDelayMs: 0, holdMs: 0 };

/** A request line as an HTTP/1.1 client starts each request with. */
const REQUEST_LINE = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/;

interface Link {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  /** 'lose': the current request's answer is thrown away; 'silent': half-open, nothing flows. */
  mode: 'pass' | 'lose' | 'silent';
  /** Bytes from the desk go out in order, each after any delay drawn before it. */
  queue: Promise<void>;
}

export class FaultProxy {
  private readonly links = new Set<Link>();
  private rates: FaultRates = noFaults;
  private timers = new Set<NodeJS.Timeout>();
  /** Faults injected so far, by kind. */
  readonly counts: Record<FaultKind, number> = { drop: 0, reset: 0, 'lost-answer': 0, 'half-open': 0, delay: 0 };
  /** Requests seen, by `METHOD /path` without the query (what the faults hit). */
  readonly requests = new Map<string, number>();

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
    private readonly random: () => number,
  ) {}

  /** Listens on a free port of 127.0.0.1 and forwards to `target`. `random` is the run's seeded generator. */
  static async start(target: { host: string; port: number }, random: () => number): Promise<FaultProxy> {
    const server = net.createServer();
    const proxy = new FaultProxy(server, target, random);
    server.on('connection', (socket) => proxy.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    const address = this.server.address() as net.AddressInfo; // listening on TCP, so an AddressInfo
    return `http://127.0.0.1:${address.port}`;
  }

  /** Sets the fault rates from now on (connections already open keep their state). */
  setRates(rates: FaultRates): void {
    this.rates = rates;
  }

  /**
   * Cuts `fraction` of the open connections now: `reset` sends an RST to both ends, `half-open` silences them
   * (streams, keep-alive connections idling in the desk's pool).
   */
  cut(kind: 'reset' | 'half-open', fraction: number): number {
    let cut = 0;
    for (const link of [...this.links]) {
      if (link.mode === 'silent' || this.random() >= fraction) continue;
      if (kind === 'reset') this.reset(link);
      else this.silence(link);
      this.counts[kind] += 1;
      cut += 1;
    }
    return cut;
  }

  /** Every fault off, and every silent connection reset (as a kernel finally would): the network is healthy again. */
  heal(): void {
    this.rates = noFaults;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const link of [...this.links]) if (link.mode !== 'pass') this.reset(link);
  }

  async close(): Promise<void> {
    this.heal();
    for (const link of [...this.links]) this.reset(link);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.random() < this.rates.drop) {
      this.counts.drop += 1;
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.target);
    const link: Link = { client, upstream, mode: 'pass', queue: Promise.resolve() };
    this.links.add(link);
    // Either end failing or closing ends the other the same way: an error resets, an orderly end ends.
    const fail = () => this.reset(link);
    client.on('error', fail);
    upstream.on('error', fail);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('end', () => link.mode === 'pass' && upstream.end());
    upstream.on('end', () => link.mode === 'pass' && client.end());
    client.on('data', (chunk: Buffer) => this.fromClient(link, chunk));
    upstream.on('data', (chunk: Buffer) => this.fromServer(link, chunk));
    // A desk that wrote before the upstream connected: net buffers writes until then.
  }

  private fromClient(link: Link, chunk: Buffer): void {
    if (link.mode === 'silent') return;
    const request = REQUEST_LINE.exec(chunk.toString('latin1', 0, Math.min(chunk.length, 512)));
    let delayMs = 0;
    if (request) {
      const key = `${request[1]} ${request[2]!.split('?')[0]}`;
      this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
      const draw = this.random();
      const { drop, lostAnswer, halfOpen, delay } = this.rates;
      if (draw < drop) {
        this.counts.drop += 1;
        this.reset(link);
        return;
      }
      if (draw < drop + halfOpen) {
        this.counts['half-open'] += 1;
        this.silence(link);
        return;
      }
      if (draw < drop + halfOpen + lostAnswer) {
        // A read drawn here passes untouched: losing its answer would be a plain reset.
        if (request[1] !== 'GET') {
          this.counts['lost-answer'] += 1;
          link.mode = 'lose';
        }
      } else if (draw < drop + halfOpen + lostAnswer + delay) {
        this.counts.delay += 1;
        delayMs = Math.floor(this.random() * this.rates.maxDelayMs);
      }
    }
    link.queue = link.queue.then(async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (link.mode !== 'silent' && !link.upstream.destroyed) link.upstream.write(chunk);
    });
  }

  private fromServer(link: Link, chunk: Buffer): void {
    if (link.mode === 'silent') return;
    // The server has answered, so it did the work; the desk never learns of it.
    if (link.mode === 'lose') return this.reset(link);
    link.client.write(chunk);
  }

  /** Half-open: both sockets stay open and nothing passes, until `heal` or `holdMs`. */
  private silence(link: Link): void {
    link.mode = 'silent';
    link.client.pause();
    link.upstream.pause();
    if (this.rates.holdMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.reset(link);
      }, this.rates.holdMs);
      this.timers.add(timer);
    }
  }

  private reset(link: Link): void {
    if (!this.links.delete(link)) return;
    link.client.resetAndDestroy();
    link.upstream.resetAndDestroy();
  }
}
