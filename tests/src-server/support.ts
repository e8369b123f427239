import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createServer, type CountyServer } from '../../src-server/app';
import { openDatabase, type Database } from '../../src-server/db/database';
import { migrate } from '../../src-server/db/migrations';
import { seedDemoCounty, type PasswordCost } from '../../src-server/services/admin';
import type { CollectionPolicy } from '../../src-server/services/collections';
import { DEMO_PASSWORD } from '#shared/demo/county';
import {
  syncPaths,
  type DeviceTokens,
  type PullResponse,
  type PushResponse,
  type PushRow,
} from '#shared/sync/protocol';

/** Test support: real PostgreSQL (a fresh database per suite, dropped after) or PGlite, and a listening server. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Cheap password hashing for tests only; production uses the libraries' defaults. */
export const testCost: PasswordCost = { argon2: { memoryCost: 1024, timeCost: 1 }, scrypt: { N: 2 ** 10 } };

export type Backend = 'pg' | 'pglite';

export interface TestDatabase {
  readonly url: string | undefined;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database with a random name, or an in-memory PGlite. */
export async function testDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') return { url: undefined, open: () => openDatabase({}), drop: async () => undefined };
  const name = `xf_test_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    open: () => openDatabase({ url, poolSize: 10 }),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface RunningServer {
  readonly server: CountyServer;
  readonly db: Database;
  readonly url: string;
  stop(): Promise<void>;
}

/** A server listening on a free port over `db` (the caller owns the database). */
export async function startServer(
  db: Database,
  extraPolicies?: readonly CollectionPolicy[],
  port = 0,
): Promise<RunningServer> {
  const server = await createServer({ db, extraPolicies });
  const address = await server.app.listen({ host: '127.0.0.1', port });
  return { server, db, url: address, stop: () => server.close() };
}

export async function seeded(db: Database): Promise<Database> {
  await migrate(db);
  await seedDemoCounty(db, testCost);
  return db;
}

/** Plain HTTP calls, as a desk would make them. */
export function client(url: string) {
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }> => {
    const response = await fetch(url + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  return {
    call,
    async enrol(login: string, password = DEMO_PASSWORD): Promise<DeviceTokens> {
      const r = await call<DeviceTokens>('POST', syncPaths.login, { login, password, deviceName: `test ${login}` });
      if (r.status !== 200) throw new Error(`enrol ${login}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async pullAll(token: string, collection: string): Promise<PullResponse['documents']> {
      const docs: PullResponse['documents'][number][] = [];
      let checkpoint: PullResponse['checkpoint'] = null;
      for (;;) {
        const q: string = checkpoint ? `?checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : '';
        const r: { status: number; body: PullResponse } = await call<PullResponse>(
          'GET',
          syncPaths.pull(collection) + q,
          undefined,
          token,
        );
        if (r.status !== 200) throw new Error(`pull ${collection}: ${r.status} ${JSON.stringify(r.body)}`);
        docs.push(...r.body.documents);
        if (r.body.documents.length === 0) return docs;
        checkpoint = r.body.checkpoint;
      }
    },
    push: (token: string, collection: string, rows: PushRow[]) =>
      call<PushResponse>('POST', syncPaths.push(collection), rows, token),
  };
}

export type Client = ReturnType<typeof client>;

/**
 * A seeded server on `backend` for the enclosing `describe`: started before its tests (handed to `ready`, with a
 * client for it) and stopped, its database dropped, after them.
 */
export function seededServerPerSuite(backend: Backend, ready: (server: RunningServer, api: Client) => void): void {
  let tdb: TestDatabase | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    tdb = await testDatabase(backend);
    server = await startServer(await seeded(await tdb.open()));
    ready(server, client(server.url));
  });
  afterAll(async () => {
    await server?.stop();
    await server?.db.close();
    await tdb?.drop();
  });
}
