import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

/**
 * The server's storage: PostgreSQL through `pg` when a connection string is given, otherwise an embedded PGlite
 * database in a data folder (design.md §3: the same SQL on both). Only this file knows which one runs.
 */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: 'pg' | 'pglite';
  /** Runs `work` in one transaction (READ COMMITTED); rolls back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel; the returned function stops listening. A dropped connection (a PostgreSQL restart, a
   * killed backend) is reopened with back-off, and `onResume` is called once it listens again: notifications sent
   * in between are lost, so the caller catches up by other means.
   */
  listen(channel: string, onPayload: (payload: string) => void, onResume?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; absent: PGlite. */
  readonly url?: string;
  /** PGlite's data folder; absent: in memory (tests). */
  readonly dataDir?: string;
  /** Connections in the pool (pg only). */
  readonly poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPg(options.url, options.poolSize ?? 20) : openPglite(options.dataDir);
}

/**
 * Every parameterised statement runs as a named prepared statement: each connection parses and plans it once
 * instead of at every call (the server's statements are a fixed set of texts).
 */
const statementNames = new Map<string, string>();
const MAX_NAMED = 500; // a bound, should a caller ever build texts on the fly: the rest run unnamed
function prepared(text: string, values: unknown[] | undefined): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED) {
    name = `xf${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name ? { name, text, values } : { text, values };
}

function openPg(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's error (the server restarted) must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  return {
    kind: 'pg',
    query: async <R>(text: string, params?: unknown[]) => ({
      rows: (await pool.query(prepared(text, params))).rows as R[],
    }), // rows typed by the caller's SQL
    exec: async (text) => {
      await pool.query(text);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Sql = {
          query: async <R>(text: string, params?: unknown[]) => ({
            rows: (await client.query(prepared(text, params))).rows as R[],
          }), // as above
          exec: async (text) => {
            await client.query(text);
          },
        };
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: (channel, onPayload, onResume) => listenPg(url, channel, onPayload, onResume),
    close: () => pool.end(),
  };
}

/** `Database.listen` for PostgreSQL: on a client of its own, outside the pool (a pooled one is handed to queries). */
async function listenPg(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onResume: (() => void) | undefined,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  const open = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    let lost = false;
    const reopen = () => {
      if (lost || stopped) return;
      lost = true;
      void c.end().catch(() => undefined);
      void reconnect();
    };
    c.on('error', reopen);
    c.on('end', reopen);
    c.on('notification', (n) => {
      if (n.channel === channel) onPayload(n.payload ?? '');
    });
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      lost = true; // this client is done; whoever called decides what follows
      void c.end().catch(() => undefined);
      throw error;
    }
  };
  const reconnect = async () => {
    for (let delayMs = 100; !stopped; delayMs = Math.min(delayMs * 2, 5_000)) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (stopped) return;
      try {
        await open();
        onResume?.();
        return;
      } catch {
        // still unreachable: wait longer
      }
    }
  };
  await open();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  // PGlite makes its own folder but not the ones above it: `npm start` on a fresh checkout has no ./data yet.
  if (dataDir && !dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const db = new PGlite(dataDir);
  await db.waitReady;
  const query = async <R>(text: string, params?: unknown[]) => ({ rows: (await db.query<R>(text, params)).rows });
  return {
    kind: 'pglite',
    query,
    exec: async (text) => {
      await db.exec(text);
    },
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async <R>(text: string, params?: unknown[]) => ({ rows: (await tx.query<R>(text, params)).rows }),
          exec: async (text) => {
            await tx.exec(text);
          },
        }),
      ),
    // In-process: the connection cannot drop, so there is nothing to resume.
    async listen(channel, onPayload) {
      const stop = await db.listen(channel, onPayload);
      return stop;
    },
    close: () => db.close(),
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
