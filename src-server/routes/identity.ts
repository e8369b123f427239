import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NONCE_PATTERN, syncPaths } from '#shared/sync/protocol';
import type { CountyIdentity } from '../services/identity';

/**
 * The county's identity (services/identity.ts): public, no token. A desk reads it at its first enrolment, and
 * has a fresh nonce signed before it enrols again and before every sync session. A bad body answers
 * `{ code: 'invalid-arguments' }` with 400.
 */
const challengeBody = z.object({ nonce: z.string().regex(NONCE_PATTERN) });

export function identityRoutes(app: FastifyInstance, identity: CountyIdentity): void {
  app.get(syncPaths.identity, async () => identity.public);

  app.post(syncPaths.identityChallenge, async (request, reply) => {
    const body = challengeBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ code: 'invalid-arguments' });
    return identity.prove(body.data.nonce);
  });
}
