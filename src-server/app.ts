import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { API_BASE } from '#shared/sync/protocol';
import type { Database } from './db/database';
import { migrate } from './db/migrations';
import { authRoutes } from './routes/auth';
import { identityRoutes } from './routes/identity';
import { replicationRoutes } from './routes/replication';
import { defaultStreamLimits, OpenStreams, type StreamLimits } from './routes/replication-stream';
import { Auth, AuthError } from './services/auth';
import { domainPolicies, type CollectionPolicy } from './services/collections';
import { CountyIdentity } from './services/identity';
import { sequencerOf } from './services/feed';
import { Notifier } from './services/notifier';
import { ReferenceCache } from './services/reference';

/**
 * The county server (design.md §1, §3): a replication hub over PostgreSQL or PGlite. It stores documents, decides
 * who may read and write what, validates every pushed document with the `shared/domain` rules and streams changes.
 * It holds no workflow of its own.
 */
export interface ServerOptions {
  readonly db: Database;
  /** Extra collections (RxDB's own replication test suite uses one). */
  readonly extraPolicies?: readonly CollectionPolicy[];
  /**
   * Other origins whose pages may call this server (CORS): none by default. The web edition served by this server
   * itself (routes/web-edition.ts) is same-origin and the desktop desk calls from Node, so neither needs one; a
   * web edition served from elsewhere is listed here (`CORS_ORIGINS`, src-server/main.ts).
   */
  readonly corsOrigins?: readonly string[];
  /** Lifetime of access tokens (services/auth.ts); the default suits production. */
  readonly accessTokenSeconds?: number;
  readonly logger?: Logger | false;
  readonly now?: () => Date;
  /** What one desk's stream may hold (routes/replication-stream.ts); the defaults suit production. */
  readonly streamLimits?: Partial<StreamLimits>;
}

export interface CountyServer {
  readonly app: FastifyInstance;
  readonly auth: Auth;
  readonly identity: CountyIdentity;
  close(): Promise<void>;
}

/** Largest accepted request: a push of ~1,000 documents; single documents are limited separately. */
const BODY_LIMIT = 32 * 1024 * 1024;

export async function createServer(options: ServerOptions): Promise<CountyServer> {
  const now = options.now ?? (() => new Date());
  await migrate(options.db);
  // Rows a crashed process committed but never sequenced reach their feeds now, not only at the next push.
  await sequencerOf(options.db).flush();
  const auth = await Auth.open(options.db, { now, accessTokenSeconds: options.accessTokenSeconds });
  const identity = await CountyIdentity.open(options.db);
  const notifier = new Notifier();
  await notifier.start(options.db);
  const app: FastifyInstance = options.logger
    ? (Fastify({ loggerInstance: options.logger, bodyLimit: BODY_LIMIT }) as unknown as FastifyInstance) // pino's logger type is wider than fastify's default
    : Fastify({ logger: false, bodyLimit: BODY_LIMIT });
  await app.register(cors, {
    // An origin not listed gets no CORS headers, so a browser keeps its page from reading any answer.
    origin: [...(options.corsOrigins ?? [])],
    allowedHeaders: ['authorization', 'content-type', 'x-desk-time', 'x-desk-schema'],
    exposedHeaders: ['x-server-time'],
  });
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-server-time', now().toISOString());
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AuthError) return reply.code(error.status).send({ code: error.code });
    const status = (error as { statusCode?: number }).statusCode ?? 500; // fastify's own errors (body too large, bad JSON)
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply
      .code(status)
      .send({ code: status === 413 ? 'doc-too-large' : status < 500 ? 'invalid-arguments' : 'internal' });
  });
  app.get(`${API_BASE}/health`, async () => ({ ok: true, serverTime: now().toISOString() }));
  const policies = new Map([...domainPolicies, ...(options.extraPolicies ?? [])].map((p) => [p.name, p]));
  const streams = new OpenStreams({ ...defaultStreamLimits, ...options.streamLimits });
  authRoutes(app, auth);
  identityRoutes(app, identity);
  replicationRoutes(app, {
    db: options.db,
    auth,
    notifier,
    reference: new ReferenceCache(options.db),
    policies,
    now,
    streams,
  });
  // Streams never finish by themselves: end them before fastify waits for in-flight requests.
  app.addHook('preClose', async () => {
    streams.endAll();
  });
  app.addHook('onClose', async () => {
    await notifier.close();
  });
  return { app, auth, identity, close: () => app.close() };
}
