/**
 * The desk worker's fetch for sync. The replication client opens one Server-Sent Events stream per replicated
 * collection that pulls (six), and a browser allows six HTTP/1.1 connections per server: with all six held open
 * by streams, no pull or push could ever start, and a fresh desk would never learn its users. The county server
 * speaks HTTP/1.1 (browsers do HTTP/2 only over TLS), so the fix has to be on this side.
 *
 * The reference collections (offices, users, calendars) change rarely, so their streams are answered here, without
 * a connection, by a stream that says RESYNC (pull now) once a minute; a login at this desk or 立即同步 pulls them at
 * once anyway. The petition collections keep their live streams, leaving three connections for pulls and pushes.
 *
 * TODO(sync owner): one multiplexed stream for all collections would remove the need for this.
 */
const polledStreams = /\/replication\/(offices|users|calendars)\/stream$/;
const POLL_MS = 60_000;

type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>;

export function syncFetch(fetchFn: Fetch): Fetch {
  return (url, init) => (init.method === 'GET' && polledStreams.test(url) ? Promise.resolve(pollingStream()) : fetchFn(url, init));
}

function pollingStream(): Response {
  const message = new TextEncoder().encode('data: "RESYNC"\n\n');
  let timer: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => controller.enqueue(message), POLL_MS);
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}
