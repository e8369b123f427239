import { parentPort, workerData } from 'node:worker_threads';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { answer, isWireRequest } from '#shared/contract/dispatch';
import { coreEventNames } from '#shared/contract/events';
import { createDesk } from '#shared/core/desk';
import type { FetchLike, SyncTimeouts } from '#shared/core/replication-client';

/**
 * One desk core in its own worker thread: the free RxDB allows 13 open collections per process, and a desk has 8,
 * so each simulated desk of the integration tests lives in a thread of its own. The network is switchable here
 * (fault injection at the network edge); the Api travels over the same wire protocol as the web worker's.
 */
const net = { online: true, failEvery: 0, server: String(workerData.serverUrl), holdPushes: false };
const original = String(workerData.serverUrl);
let calls = 0;
/** Pushes waiting while `holdPushes` is set: a push in flight for as long as a test needs. */
const heldPushes = new Set<() => void>();
/** Open stream bodies: `cut-streams` breaks them as a dropped connection would. */
const openStreams = new Set<(error: Error) => void>();
let streamChunks = 0;
const fetchLike: FetchLike = async (url, init) => {
  calls += 1;
  if (!net.online || (net.failEvery > 0 && calls % net.failEvery === 0)) throw new TypeError('fetch failed');
  if (net.holdPushes && url.endsWith('/push')) await new Promise<void>((resolve) => heldPushes.add(resolve));
  const response = await fetch(url.replace(original, net.server), init);
  return url.endsWith('/stream') && response.body ? cuttable(response) : response;
};

/** The response with a body that `cut-streams` can break mid-stream; counts the chunks it delivers. */
function cuttable(response: Response): Response {
  const reader = response.body!.getReader();
  let cut: (error: Error) => void = () => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      cut = (error) => {
        openStreams.delete(cut);
        controller.error(error);
        void reader.cancel().catch(() => undefined);
      };
      openStreams.add(cut);
    },
    async pull(controller) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) {
        openStreams.delete(cut);
        return controller.close();
      }
      streamChunks += 1;
      controller.enqueue(chunk.value);
    },
    cancel: () => {
      openStreams.delete(cut);
      return reader.cancel();
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}
const desk = await createDesk({
  storage: getRxStorageMemory(),
  name: `desk-${Math.random().toString(36).slice(2)}`,
  sync: {
    fetch: fetchLike,
    retry: { minMs: 100, maxMs: 1_000 },
    ...(workerData.timeouts ? { timeouts: workerData.timeouts as SyncTimeouts } : {}),
  },
});
const port = parentPort!;
for (const event of coreEventNames) desk.on(event, (payload) => port.postMessage({ kind: 'event', event, payload }));

type Control = { kind: 'control'; id: number; op: string; args: Record<string, unknown> };
const controls: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
  net: async (args) => {
    Object.assign(net, args);
    if (net.holdPushes) return null;
    for (const release of [...heldPushes]) release();
    heldPushes.clear();
    return null;
  },
  'held-pushes': async () => heldPushes.size,
  streams: async () => ({ open: openStreams.size, chunks: streamChunks }),
  'cut-streams': async () => {
    const cuts = [...openStreams];
    for (const cut of cuts) cut(new TypeError('terminated'));
    return cuts.length;
  },
  'await-sync': async () => desk.sync.awaitInSync().then(() => null),
  ids: async (args) => {
    const name = args.collection as 'case_events' | 'petitions' | 'petitioners' | 'cases' | 'users';
    const docs = await desk.db[name].find(args.selector ? { selector: args.selector as never } : {}).exec();
    return docs.map((d) => d.primary).sort();
  },
  close: async () => desk.close().then(() => null),
};

port.on('message', (message: unknown) => {
  if (isWireRequest(message)) {
    void answer(desk.api, message, (error) => console.error(error)).then((response) => port.postMessage(response));
    return;
  }
  const control = message as Control;
  void (controls[control.op]?.(control.args) ?? Promise.resolve(null)).then(
    (value) => port.postMessage({ kind: 'control-result', id: control.id, value }),
    (error: unknown) => port.postMessage({ kind: 'control-result', id: control.id, error: String(error) }),
  );
});
port.postMessage({ kind: 'ready' });
