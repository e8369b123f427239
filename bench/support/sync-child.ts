/**
 * The processes of bench/sync.ts that must not share the desk's event loop: the county server (as deployed: its
 * own process) and the 200-desk load generator (parsing ~2 GB of pulled JSON would otherwise steal the server's
 * loop and be measured as server latency). Started with `fork`; talks over the IPC channel.
 *
 *   server <database url>   → { url } once listening; 'cpu' → { cpu, pullMs } (its CPU time and time on pulls so far); stops on 'stop'
 *   load                     ← LoadOrder → LoadResult
 */
import { createServer } from '../../src-server/app';
import { openDatabase } from '../../src-server/db/database';
import { runLoad, type LoadDesk } from './sync-load';

export interface LoadOrder {
  readonly url: string;
  readonly desks: LoadDesk[];
  readonly rounds: number;
  readonly batch: number;
  /** Each desk starts a round every `intervalMs` (0: back to back). */
  readonly intervalMs: number;
  /** Distinct per run on one database. */
  readonly run: number;
}

const send = (message: unknown) => process.send?.(message);

if (process.argv[2] === 'server') {
  const db = await openDatabase({ url: process.argv[3], poolSize: Number(process.argv[4] ?? 20) });
  const server = await createServer({ db });
  // Time the server spends on pull requests (arrival to response sent), for the initial sync's breakdown.
  let pullMs = 0;
  server.app.addHook('onResponse', async (request, reply) => {
    if (request.url.includes('/pull')) pullMs += reply.elapsedTime;
  });
  send({ url: await server.app.listen({ host: '127.0.0.1', port: 0 }) });
  process.on('message', (message) => {
    // The server's CPU time so far: bench/sync.ts takes the difference around the initial sync.
    if (message === 'cpu') send({ cpu: process.cpuUsage(), pullMs });
    if (message !== 'stop') return;
    void server
      .close()
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
} else if (process.argv[2] === 'load') {
  process.once('message', (message) => {
    const order = message as LoadOrder; // sent by bench/sync.ts
    void runLoad(order.url, order.desks, order.rounds, order.batch, order.intervalMs, order.run).then(
      (result) => {
        send(result);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
