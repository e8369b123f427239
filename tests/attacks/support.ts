import http from 'node:http';
import { createServer, type ServerOptions } from '../../src-server/app';
import type { Database } from '../../src-server/db/database';
import { SseParser } from '#shared/sync/sse';
import type { RunningServer } from '../src-server/support';

/**
 * Support for the attack suite: a server with options the shared helper does not take, a raw reader of
 * a Server-Sent Events stream, and HTTP requests from a chosen loopback address (127.0.0.0/8 is all loopback on
 * Linux), so one test can be many clients.
 */

/** A server over `db` with the given options, listening on a free port; `beforeListen` may add hooks. */
export async function startCounty(
  db: Database,
  options: Omit<ServerOptions, 'db'> = {},
  beforeListen?: (server: RunningServer['server']) => void,
): Promise<RunningServer> {
  const server = await createServer({ db, ...options });
  beforeListen?.(server);
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return { server, db, url, stop: () => server.close() };
}

export interface OpenStream {
  /** The next event's data, or 'ended' when the server closed the stream, or 'waiting' after `ms`. */
  next(ms: number): Promise<string | 'ended' | 'waiting'>;
  /** Waits until the server ends the stream, skipping events; 'waiting' when it is still open after `ms`. */
  ended(ms: number): Promise<'ended' | 'waiting'>;
  cancel(): Promise<void>;
}

/** Opens a replication stream as a desk does (fetch with the access token), and reads it event by event. */
export async function openStream(url: string, path: string, token: string): Promise<OpenStream> {
  const response = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200 || !response.body) throw new Error(`stream ${path}: ${response.status}`);
  const reader = response.body.getReader();
  const parser = new SseParser();
  const queued: string[] = [];
  let done = false;
  let reading: Promise<void> | undefined;
  const readMore = () =>
    (reading ??= reader.read().then(
      (chunk) => {
        reading = undefined;
        if (chunk.done) done = true;
        else queued.push(...parser.push(chunk.value));
      },
      () => {
        reading = undefined;
        done = true;
      },
    ));
  const next = async (ms: number): Promise<string | 'ended' | 'waiting'> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const event = queued.shift();
      if (event !== undefined) return event;
      if (done) return 'ended';
      const left = deadline - Date.now();
      if (left <= 0) return 'waiting';
      await Promise.race([readMore(), new Promise((resolve) => setTimeout(resolve, left))]);
    }
  };
  return {
    next,
    async ended(ms) {
      const deadline = Date.now() + ms;
      for (;;) {
        const event = await next(Math.max(0, deadline - Date.now()));
        if (event === 'ended' || event === 'waiting') return event;
      }
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

export interface RawAnswer {
  readonly status: number;
  readonly body: string;
}

/** A JSON POST sent from the loopback address `from` (the server sees it as the client's address). */
export function postFrom(from: string, url: string, path: string, body: unknown): Promise<RawAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

/** `n` distinct loopback addresses, 127.0.0.2 onwards. */
export const loopbackAddresses = (n: number) =>
  Array.from({ length: n }, (_, i) => `127.0.${Math.floor(i / 250)}.${(i % 250) + 2}`);
