import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The built web edition (dist/web), served by the county server itself so that one address is both the page and
 * the server it syncs with, plus `desk-config.json`: the small document the page reads at start-up to learn that it
 * syncs with this server and must not seed a local demo county (src-renderer/web/config.ts). Without this route
 * (`npm run web`, vite preview) the page finds no config and keeps its standalone demo mode.
 *
 * A handful of files for a few desks on a LAN: read from disk per request, no cache layer to go stale.
 */
export interface WebEditionOptions {
  /** The folder holding the built index.html and assets/. */
  readonly dir: string;
}

/** What the page reads; the shape src-renderer/web/config.ts accepts. */
export interface WebDeskConfig {
  readonly serverUrl: string;
  readonly seedDemoCounty: false;
}

export const WEB_CONFIG_PATH = '/desk-config.json';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function webEditionRoutes(app: FastifyInstance, options: WebEditionOptions): void {
  const root = resolve(options.dir);

  app.get(WEB_CONFIG_PATH, async (request, reply) => {
    // The address the browser used to reach us is the one the desk can reach us at again (127.0.0.1 or a LAN name).
    const config: WebDeskConfig = { serverUrl: `${request.protocol}://${request.host}`, seedDemoCounty: false };
    return reply.header('cache-control', 'no-store').send(config);
  });

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = decodeSafe(request.url.split('?')[0] ?? '/');
    const file = path === undefined ? undefined : resolve(root, `.${path === '/' ? '/index.html' : path}`);
    // Anything outside the folder (../, encoded or not) is simply not there.
    if (!file || (file !== root && !file.startsWith(root + sep))) return reply.code(404).send({ code: 'not-found' });
    const found = await stat(file).catch(() => undefined);
    if (!found?.isFile()) return reply.code(404).send({ code: 'not-found' });
    // Hashed assets never change under their name; index.html must be re-read so a rebuilt edition is picked up.
    const cache = file.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return reply
      .header('content-type', types[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', cache)
      .send(await readFile(file));
  };
  app.get('/', serve);
  app.get('/*', serve);
}

function decodeSafe(path: string): string | undefined {
  try {
    const decoded = decodeURIComponent(path);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}
