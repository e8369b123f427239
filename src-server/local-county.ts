import type { Logger } from 'pino';
import { createServer, type CountyServer } from './app';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrations';
import { webEditionRoutes } from './routes/web-edition';
import { seedDemoCounty, type PasswordCost } from './services/admin';

/**
 * A county server for one machine: PGlite in a folder, the demo county seeded once (a folder that already has
 * offices is left alone, so re-running keeps every matter), and the built web edition served from the same
 * address. `npm start` runs it where Electron cannot start (scripts/start.ts); the browser tests start it too, so
 * they exercise exactly what a newcomer gets.
 */
export interface LocalCountyOptions {
  readonly dataDir: string;
  /** The built web edition (dist/web); absent, the server serves only its API. */
  readonly webDir?: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly logger?: Logger | false;
  /** Cheaper password hashing for tests; production keeps the libraries' defaults. */
  readonly passwordCost?: PasswordCost;
}

export interface LocalCounty {
  /** http://host:port (no trailing slash). */
  readonly url: string;
  /** True when this start created the demo county (a fresh data folder). */
  readonly seeded: boolean;
  readonly server: CountyServer;
  stop(): Promise<void>;
}

export async function startLocalCounty(options: LocalCountyOptions): Promise<LocalCounty> {
  const db: Database = await openDatabase({ dataDir: options.dataDir });
  try {
    await migrate(db);
    const seeded = await seedDemoCounty(db, options.passwordCost);
    const server = await createServer({ db, logger: options.logger ?? false });
    if (options.webDir) webEditionRoutes(server.app, { dir: options.webDir });
    const url = await server.app.listen({ host: options.host ?? '127.0.0.1', port: options.port });
    return {
      url,
      seeded,
      server,
      async stop() {
        await server.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
