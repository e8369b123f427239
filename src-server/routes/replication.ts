import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MAX_CLOCK_DRIFT_MS, SYNC_BATCH_SIZE, syncPaths } from '#shared/sync/protocol';
import type { Database } from '../db/database';
import { AuthError, type Auth, type TokenClaims, type Verified } from '../services/auth';
import { deskSchemaOf, storableText, type CollectionPolicy, type Pusher } from '../services/collections';
import { readFeedText } from '../services/feed';
import type { Notifier } from '../services/notifier';
import { pushDocuments } from '../services/push';
import type { ReferenceCache } from '../services/reference';
import { openStream, type OpenStreams } from './replication-stream';

/**
 * The replication endpoints of design.md §3: pull and push per collection, and one stream per desk for every
 * collection that pulls (replication-stream.ts). Thin: decode, authorise for the token's office, call the service,
 * answer.
 */
export interface ReplicationDeps {
  readonly db: Database;
  readonly auth: Auth;
  readonly notifier: Notifier;
  readonly reference: ReferenceCache;
  readonly policies: ReadonlyMap<string, CollectionPolicy>;
  readonly now: () => Date;
  /** Open streams by device, ended when the server closes. */
  readonly streams: OpenStreams;
}

const checkpointSchema = z.object({
  seq: z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER),
  id: z.string().max(200).refine(storableText),
});
const pullQuery = z.object({
  checkpoint: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(SYNC_BATCH_SIZE).default(SYNC_BATCH_SIZE),
});
const MAX_PUSH_ROWS = SYNC_BATCH_SIZE * 2;

export function replicationRoutes(app: FastifyInstance, deps: ReplicationDeps): void {
  const policyOf = (request: FastifyRequest, reply: FastifyReply, direction: 'pull' | 'push') => {
    const policy = deps.policies.get((request.params as { collection: string }).collection); // route parameter
    const allowed = policy && (direction === 'pull' ? policy.direction !== 'up' : policy.direction !== 'down');
    if (!policy || !allowed) {
      void reply.code(404).send({ code: 'not-found' });
      return undefined;
    }
    return policy;
  };

  // Tokens are checked in `onRequest`, before fastify reads a body: an unauthenticated 30 MB push is refused with
  // 401 before a byte of it is parsed. The handlers read what the hook verified.
  const signed = new WeakMap<FastifyRequest, TokenClaims>();
  const enrolled = new WeakMap<FastifyRequest, Verified>();

  /** A validly signed token; the device check runs in the pull's own statement (one round trip a pull). */
  const signedToken = async (request: FastifyRequest): Promise<void> => {
    const claims = await deps.auth.claimsOf(request.headers.authorization);
    await flagDrift(request, claims);
    signed.set(request, claims);
  };

  /** A validly signed token of a device still enrolled. */
  const enrolledDevice = async (request: FastifyRequest): Promise<void> => {
    const verified = await deps.auth.verify(request.headers.authorization);
    await flagDrift(request, verified.claims);
    enrolled.set(request, verified);
  };

  const flagDrift = async (request: FastifyRequest, claims: TokenClaims): Promise<void> => {
    const deskTime = Date.parse(String(request.headers['x-desk-time'] ?? ''));
    // design.md §3: legal times come from the desk clock, so a drifting desk is flagged on the server too.
    // Date.parse stays within ±8.64e15 ms, so the drift fits the column's bigint.
    if (Number.isFinite(deskTime) && Math.abs(deskTime - deps.now().getTime()) > MAX_CLOCK_DRIFT_MS) {
      request.log.warn({ deviceId: claims.deviceId, driftMs: deskTime - deps.now().getTime() }, 'desk clock drift');
      await deps.db.query('UPDATE devices SET clock_drift_ms = $2 WHERE id = $1', [
        claims.deviceId,
        Math.round(deskTime - deps.now().getTime()),
      ]);
    }
  };

  // The desks' own paths with the collection as Fastify's route parameter, so the two cannot drift apart.
  app.get(syncPaths.pull(':collection'), { onRequest: signedToken }, async (request, reply) => {
    const policy = policyOf(request, reply, 'pull');
    if (!policy) return reply;
    const claims = checked(signed, request);
    const query = pullQuery.safeParse(request.query);
    const checkpoint =
      query.success && query.data.checkpoint ? checkpointSchema.safeParse(safeJson(query.data.checkpoint)) : undefined;
    if (!query.success || (checkpoint && !checkpoint.success))
      return reply.code(400).send({ code: 'invalid-arguments' });
    const page = await readFeedText(
      deps.db,
      claims.officeId,
      policy.name,
      checkpoint?.data,
      query.data.limit,
      claims.deviceId,
    );
    if (!page.deviceActive) throw new AuthError('device-revoked', 401);
    // Already JSON: a string with this content type is sent as is, not serialised again.
    return reply.type('application/json; charset=utf-8').send(page.json);
  });

  app.post(syncPaths.push(':collection'), { onRequest: enrolledDevice }, async (request, reply) => {
    const policy = policyOf(request, reply, 'push');
    if (!policy) return reply;
    const { claims, referenceVersion } = checked(enrolled, request);
    if (!Array.isArray(request.body) || request.body.length > MAX_PUSH_ROWS)
      return reply.code(400).send({ code: 'invalid-arguments' });
    const users = await deps.reference.officeUsers(claims.officeId, referenceVersion);
    const tree = await deps.reference.officeTree(referenceVersion);
    const pusher: Pusher = {
      officeId: claims.officeId,
      deviceId: claims.deviceId,
      users,
      deskSchema: deskSchemaOf(request.headers['x-desk-schema']),
    };
    return pushDocuments(deps.db, policy, pusher, tree, request.body, deps.now);
  });

  const pulled = [...deps.policies.values()].filter((p) => p.direction !== 'up').map((p) => p.name);
  const streamDeps = {
    db: deps.db,
    notifier: deps.notifier,
    streams: deps.streams,
    now: deps.now,
    collections: pulled,
  };
  app.get(syncPaths.stream, { onRequest: enrolledDevice }, async (request, reply) => {
    await openStream(streamDeps, request, reply, checked(enrolled, request).claims);
    return reply;
  });
}

/** What the route's `onRequest` hook verified; it always ran, since the handler runs only after it passed. */
function checked<T>(verified: WeakMap<FastifyRequest, T>, request: FastifyRequest): T {
  const value = verified.get(request);
  if (value === undefined) throw new AuthError('token-invalid', 401);
  return value;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
