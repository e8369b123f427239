import { fork, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { wireClient } from '#shared/contract/dispatch';
import type { Transport, WireEvent, WireResponse } from '#shared/contract/transport';
import type { Inventory } from './desk-process';

/**
 * The processes of a torture run: desks (desk-process.ts, one each, so a desk can be killed with SIGKILL) and county
 * servers (src-server/main.ts as deployed, so two of them share one PostgreSQL database and one can be killed and
 * restarted on its port). Every child runs TypeScript through tsx's loader.
 */
const tsx = ['--import', 'tsx'];
const root = fileURLToPath(new URL('../../', import.meta.url));

/** A desk process: the Api over IPC, `inventory`, an orderly `close` and a `kill` (SIGKILL). */
export class DeskProcess {
  private readonly waiting = new Map<number, (m: { value?: unknown; error?: string }) => void>();
  private nextControl = 1;
  readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly t: Transport,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    // A desk that dies leaves its calls unanswered: they fail, so the caller counts them as unknown outcomes.
    void this.exited.then(() => {
      for (const resolve of this.waiting.values()) resolve({ error: 'desk process exited' });
      this.waiting.clear();
    });
  }

  /** Starts a desk on the SQLite files in `dir` (new or left by an earlier process) and waits for it to open. */
  static async open(dir: string): Promise<DeskProcess> {
    const child = fork(fileURLToPath(new URL('./desk-process.ts', import.meta.url)), [], {
      cwd: root,
      execArgv: tsx,
      env: { ...process.env, TORTURE_DESK_DIR: dir },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const { transport, receive } = wireClient((request) => {
      if (child.connected) child.send(request);
    });
    const rejectAll = new Set<(error: Error) => void>();
    const wrapped: Transport = {
      // A call to a desk that dies is rejected instead of hanging (the wire client waits for its answer for ever).
      invoke: (name, args) =>
        new Promise((resolve, reject) => {
          rejectAll.add(reject);
          transport
            .invoke(name, args)
            .then(resolve, reject)
            .finally(() => rejectAll.delete(reject));
        }),
      on: transport.on,
    };
    child.once('exit', () => {
      for (const reject of rejectAll) reject(new Error('desk process exited'));
    });
    const desk = new DeskProcess(child, wrapped);
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code, signal) =>
        reject(new Error(`desk process exited before it opened (${code ?? signal})`)),
      );
      child.on(
        'message',
        (
          m:
            | WireResponse
            | WireEvent
            | { kind: 'ready' }
            | { kind: 'control-result'; id: number; value?: unknown; error?: string },
        ) => {
          if (m.kind === 'ready') resolve();
          else if (m.kind === 'control-result') desk.answered(m);
          else receive(m);
        },
      );
    });
    return desk;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  inventory(): Promise<Inventory> {
    return this.control<Inventory>('inventory');
  }

  /** kill -9: the desk gets no chance to finish anything. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Closes the desk core (its replication stops, the database closes), then ends the process. */
  async close(): Promise<void> {
    if (this.alive)
      await Promise.race([
        this.control('close').catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 10_000)),
      ]);
    this.child.kill('SIGKILL'); // closed (or hung past 10 s): its event loop would keep the process alive
    await this.exited;
  }

  private answered(m: { id: number; value?: unknown; error?: string }): void {
    this.waiting.get(m.id)?.(m);
    this.waiting.delete(m.id);
  }

  private control<T>(op: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!this.alive) return reject(new Error('desk process exited'));
      const id = this.nextControl++;
      this.waiting.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m.value as T)));
      this.child.send({ kind: 'control', id, op });
    });
  }
}

/** A free TCP port on 127.0.0.1 (a server restarted must come back on the same one). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port; // a TCP listener
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A county server process (src-server/main.ts) on PostgreSQL at `databaseUrl`, listening on `port`. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  /** Requests the server answered with a 5xx (its log lines at level error), over every start. */
  errors = 0;
  readonly errorLines: string[] = [];

  constructor(
    readonly databaseUrl: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = fork(fileURLToPath(new URL('../../src-server/main.ts', import.meta.url)), [], {
      cwd: root,
      execArgv: tsx,
      env: {
        ...process.env,
        DATABASE_URL: this.databaseUrl,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    this.child = child;
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        this.errors += 1;
        if (this.errorLines.length < 20) this.errorLines.push(line.slice(0, 2_000));
      }
    });
    await this.healthy(child);
  }

  /** kill -9 (a crash) or SIGTERM (an orderly stop); resolves once the process is gone. */
  async stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** Polls /health until the new process answers (it migrates and flushes its sequencer first). */
  private async healthy(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited at start (${child.exitCode})`);
      const ok = await fetch(`${this.url}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('server did not start within 60 s');
  }
}
