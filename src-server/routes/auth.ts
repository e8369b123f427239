import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { syncPaths } from '#shared/sync/protocol';
import type { Auth } from '../services/auth';
import { storableText } from '../services/collections';

/** Device enrolment and token refresh (design.md §5). Errors answer `{ code }` with 400/401/403/429. */
/** Text PostgreSQL can hold: a NUL or a lone surrogate is a 400, never a failed query. */
const text = (min: number, max: number) => z.string().trim().min(min).max(max).refine(storableText);
const enrolBody = z.object({ login: text(1, 64), password: z.string().min(1).max(256), deviceName: text(1, 100) });
const refreshBody = z.object({ refreshToken: text(10, 200) });
/** Anyone may call these without a token, so they read no more than their few fields need (not the push's 32 MB). */
const small = { bodyLimit: 16 * 1024 };

export function authRoutes(app: FastifyInstance, auth: Auth): void {
  app.post(syncPaths.login, small, async (request, reply) => {
    const body = enrolBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ code: 'invalid-arguments' });
    return auth.enrol(body.data, request.ip);
  });

  app.post(syncPaths.refresh, small, async (request, reply) => {
    const body = refreshBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ code: 'invalid-arguments' });
    return auth.refresh(body.data.refreshToken);
  });
}
