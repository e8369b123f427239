/**
 * Slow-reader attack: 200 streams that never read a byte, held by 100 enrolled devices
 * of 青山镇 (a device may hold two), while another desk of the office makes 2,000 pushes of one long note each
 * (4,000 characters, ~12 kB: the longest a desk may write) and a probe calls `/health` every 100 ms. The server runs
 * as deployed, `src-server/main.ts` in a child process over a fresh PostgreSQL database, so its resident memory is
 * read from /proc. Printed next to the same run without the slow readers. Target: server memory under 400 MB and
 * `/health` p99 under 100 ms. Prints; never asserts.
 *
 * Run: `npm run bench:attack [-- pushes readers]` (default 2000 200).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { demoSigningKey } from '#shared/demo/county';
import { signEvent } from '#shared/auth/event-signatures';
import { syncPaths, type DeviceTokens } from '#shared/sync/protocol';
import { openDatabase } from '../src-server/db/database';
import { migrate } from '../src-server/db/migrations';
import { seedDemoCounty } from '../src-server/services/admin';
import { percentile } from './support/stats';
import { enrol, eventDoc, scratchDatabase } from './support/sync-load';

const PUSHES = Number(process.argv[2] ?? 2_000);
const READERS = Number(process.argv[3] ?? 200);
/** Pushes in flight at once: a busy office, not a flood (the flood is the slow readers). */
const CONCURRENCY = 8;
const NOTES_PER_CASE = 50;
const PROBE_MS = 100;
const NOTE = '已电话联系信访人约定下周面谈'.repeat(286).slice(0, 4_000);
const log = (line: string) => console.log(line);

interface RunResult {
  readonly rssBefore: number;
  readonly rssPeak: number;
  readonly rssAfter: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly probes: number;
  readonly seconds: number;
  readonly dropped: number | undefined;
}

/** One run on a fresh database and a fresh server process, with `readers` streams that are never read. */
async function run(readers: number): Promise<RunResult> {
  const tdb = await scratchDatabase();
  const db = await openDatabase({ url: tdb.url, poolSize: 2 });
  await migrate(db);
  await seedDemoCounty(db, { argon2: { memoryCost: 1024, timeCost: 1 }, scrypt: { N: 2 ** 10 } }); // cheap hashes: logins are not measured
  await db.close();
  const server = await startServer(tdb.url);
  const slow: net.Socket[] = [];
  try {
    const pusher = await enrol(server.url, 'qs-reception');
    const devices: DeviceTokens[] = [];
    for (let i = 0; i < Math.ceil(readers / 2); i++) devices.push(await enrol(server.url, 'qs-handler'));
    for (let i = 0; i < readers; i++) slow.push(await neverReads(server.url, devices[Math.floor(i / 2)]!.accessToken));
    await health(server.url); // every stream request has been answered before it
    const rssBefore = rssOf(server.child);
    const sampler = sample(server);
    const loader = fork(new URL(import.meta.url), ['push'], { execArgv: process.execArgv });
    const done = new Promise<{ seconds: number }>((resolve, reject) => {
      loader.once('message', (m) => resolve(m as { seconds: number }));
      loader.once('exit', (code) => code !== 0 && reject(new Error(`pusher exited ${code}`)));
    });
    loader.send({ url: server.url, token: pusher.accessToken, pushes: PUSHES });
    const { seconds } = await done;
    await new Promise((resolve) => setTimeout(resolve, 12_000)); // the slow streams' drain timeouts (10 s) run out
    const probed = await sampler.stop();
    const dropped = readers === 0 ? undefined : await countDropped(slow);
    return { rssBefore, rssPeak: probed.rssPeak, rssAfter: rssOf(server.child), ...probed.latency, seconds, dropped };
  } finally {
    for (const socket of slow) socket.destroy();
    await server.stop();
    await tdb.drop();
  }
}

/** `src-server/main.ts` in a child process (tsx, as `npm run server` runs it) on a free port; resolves once it answers. */
async function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...process.execArgv, 'src-server/main.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (
      await health(url).then(
        () => true,
        () => false,
      )
    )
      break;
    if (tries > 200 || child.exitCode !== null) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { url, child, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

/** Probes `/health` every 100 ms and reads the server's RSS as often, until stopped. */
function sample(server: { url: string; child: ChildProcess }) {
  const latencies: number[] = [];
  let rssPeak = 0;
  let probing = Promise.resolve();
  const timer = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssOf(server.child));
    probing = probing.then(async () => {
      const start = performance.now();
      await health(server.url);
      latencies.push(performance.now() - start);
    });
  }, PROBE_MS);
  return {
    async stop() {
      clearInterval(timer);
      await probing;
      latencies.sort((a, b) => a - b);
      // VmHWM: the kernel's own peak, which catches a peak between two samples.
      rssPeak = Math.max(rssPeak, statusKb(server.child, 'VmHWM') * 1024);
      return {
        rssPeak,
        latency: {
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          max: latencies.at(-1) ?? Number.NaN,
          probes: latencies.length,
        },
      };
    },
  };
}

async function health(url: string): Promise<void> {
  const response = await fetch(`${url}/api/v1/health`);
  if (response.status !== 200) throw new Error(`health: ${response.status}`);
  await response.arrayBuffer();
}

/** Resident memory of a child process, in bytes, from /proc (Linux). */
const rssOf = (child: ChildProcess) => statusKb(child, 'VmRSS') * 1024;

function statusKb(child: ChildProcess, field: string): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A raw HTTP client that asks for the desk stream and never reads a byte of the answer. */
async function neverReads(url: string, token: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port) });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.pause();
  socket.on('error', () => undefined);
  socket.write(
    `GET ${syncPaths.stream} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${token}\r\n\r\n`,
  );
  return socket;
}

/** How many of the never-read streams the server has ended: read them now and see which reach their end. */
async function countDropped(sockets: readonly net.Socket[]): Promise<number> {
  const ended = await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 5_000);
          socket.once('close', () => (clearTimeout(timer), resolve(true)));
          socket.on('data', () => undefined);
          socket.resume();
        }),
    ),
  );
  return ended.filter(Boolean).length;
}

/** `pushes` pushes of one note each onto cases of 青山镇 (50 notes a matter), `CONCURRENCY` at a time. */
async function pushNotes(url: string, token: string, pushes: number): Promise<number> {
  const key = demoSigningKey('qs-reception');
  const run = Date.now().toString(36);
  const send = async (doc: Record<string, unknown>) => {
    const response = await fetch(url + syncPaths.push('case_events'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: { ...signEvent(doc, key), _deleted: false } }]),
    });
    const answer = (await response.json()) as { refused?: unknown[] };
    if (response.status !== 200 || (answer.refused?.length ?? 0) > 0)
      throw new Error(`push refused: ${response.status} ${JSON.stringify(answer).slice(0, 200)}`);
  };
  const cases = Math.ceil(pushes / NOTES_PER_CASE);
  for (let c = 0; c < cases; c++) await send(eventDoc(`attack-${run}-${c}-reg`, 3_000_000 + c, 0));
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < pushes; i = next++) {
      const c = i % cases;
      const note = eventDoc(`attack-${run}-${c}-${i}`, 3_000_000 + c, 1);
      await send({ ...note, after: [`attack-${run}-${c}-reg`], payload: { text: NOTE } });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - start) / 1000;
}

/** The pushing desk, in a child of its own so that signing and sending do not steal the probe's event loop. */
if (process.argv[2] === 'push') {
  process.once('message', (message) => {
    const { url, token, pushes } = message as { url: string; token: string; pushes: number }; // sent below
    void pushNotes(url, token, pushes).then(
      (seconds) => {
        process.send?.({ seconds });
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
} else {
  log(
    `# slow-reader attack: ${PUSHES} pushes of a ~${Math.round(Buffer.byteLength(NOTE) / 1024)} kB note, /health every ${PROBE_MS} ms`,
  );
  const baseline = await run(0);
  const attacked = await run(READERS);
  for (const [name, r] of [
    ['without slow readers', baseline],
    [`${READERS} slow readers`, attacked],
  ] as const) {
    log(
      `${name.padEnd(22)} server RSS ${mb(r.rssBefore)} → peak ${mb(r.rssPeak)} (after ${mb(r.rssAfter)}); /health p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (${r.probes} probes); ${PUSHES} pushes in ${r.seconds.toFixed(1)} s${r.dropped === undefined ? '' : `; slow streams dropped by the server: ${r.dropped}/${READERS}`}`,
    );
  }
  log(
    `peak RSS with/without slow readers: ${(attacked.rssPeak / baseline.rssPeak).toFixed(2)}×; /health p99 with/without: ${(attacked.p99 / baseline.p99).toFixed(2)}× (target: under 400 MB and p99 under 100 ms)`,
  );
}
