import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { DEMO_PASSWORD, demoSigningKey } from '#shared/demo/county';
import { signEvent } from '#shared/auth/event-signatures';
import { unwrapSigningKey } from '#shared/auth/signing-keys';
import type { Database } from '../../src-server/db/database';
import { addOffice, addUser } from '../../src-server/services/admin';
import { SseParser } from '#shared/sync/sse';
import { syncPaths, type DeviceTokens, type FeedCheckpoint, type PullResponse } from '#shared/sync/protocol';
import { percentile } from './stats';

/** Load helpers of bench/sync.ts: bulk seeding, a simulated desk speaking the protocol, stream latency. */

const at = '2025-12-01T01:00:00.000Z';
const qingshan = { userId: 'user-qs-reception', officeId: 'office-qingshan', role: 'receptionist' };

/** Who acts in a simulated desk's events: a receptionist of the desk's office. */
export interface Actor {
  readonly userId: string;
  readonly officeId: string;
  readonly role: string;
}

/** One event document (of 青山镇 unless `actor` says otherwise): a 登记 or a 备注 on matter `c`. */
export function eventDoc(id: string, c: number, n: number, actor: Actor = qingshan): Record<string, unknown> {
  const caseId = `case-${c}`;
  return n === 0
    ? {
        id,
        caseId,
        type: 'register',
        actor,
        occurredAt: at,
        recordedAt: at,
        article: '第十九条',
        after: [],
        payload: {
          caseNumber: `999901101-2025-BENCH-${c}`,
          receivedAt: at,
          channel: 'visit',
          petitionIds: [`petition-${c}`],
          petitionerIds: [],
          title: '要求补发土地征收补偿款',
          flags: [],
          accusedOfficeIds: [],
        },
      }
    : {
        id,
        caseId,
        type: 'note',
        actor,
        occurredAt: at,
        recordedAt: at,
        article: '第二十一条',
        after: [],
        payload: { text: `备注 ${n}：已电话联系信访人，约定下周面谈。` },
      };
}

/**
 * Puts `cases × perCase` events straight into the store and 青山镇's and the county's feeds (setup, not measured).
 * `order` is the feed's: 'by-matter' (each matter's events together, the projector's best case) or 'interleaved'
 * (the n-th event of every matter, then the (n+1)-th: matters worked on side by side over months, its worst case).
 */
export async function seedEvents(
  db: Database,
  cases: number,
  perCase: number,
  order: 'by-matter' | 'interleaved' = 'by-matter',
): Promise<void> {
  const feed = async (tx: Pick<Database, 'query'>, ids: string[]) => {
    for (const office of ['office-qingshan', 'office-county']) {
      await tx.query(
        `INSERT INTO feed (office_id, collection, doc_id, seq) SELECT $2, 'case_events', x.id, nextval('feed_seq') FROM jsonb_to_recordset($1::jsonb) AS x(id text)`,
        [JSON.stringify(ids.map((id) => ({ id }))), office],
      );
    }
  };
  for (let c0 = 0; c0 < cases; c0 += 1_000) {
    const rows: { id: string; body: Record<string, unknown>; case_id: string }[] = [];
    for (let c = c0; c < Math.min(cases, c0 + 1_000); c++)
      for (let n = 0; n < perCase; n++)
        rows.push({ id: `ev-${c}-${n}`, body: eventDoc(`ev-${c}-${n}`, c, n), case_id: `case-${c}` });
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO docs (collection, id, body, office_id, case_id) SELECT 'case_events', x.id, x.body, 'office-qingshan', x.case_id FROM jsonb_to_recordset($1::jsonb) AS x(id text, body jsonb, case_id text)`,
        [JSON.stringify(rows)],
      );
      await tx.query(
        `INSERT INTO case_access (case_id, office_ids, registered) SELECT DISTINCT x.case_id, ARRAY['office-county','office-qingshan'], true FROM jsonb_to_recordset($1::jsonb) AS x(case_id text) ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows.map((r) => ({ case_id: r.case_id })))],
      );
      if (order === 'by-matter')
        await feed(
          tx,
          rows.map((r) => r.id),
        );
    });
  }
  if (order === 'by-matter') return;
  for (let n = 0; n < perCase; n++) {
    for (let c0 = 0; c0 < cases; c0 += 10_000)
      await feed(
        db,
        Array.from({ length: Math.min(cases, c0 + 10_000) - c0 }, (_, i) => `ev-${c0 + i}-${n}`),
      );
  }
}

export interface LoadResult {
  readonly latencies: number[];
  readonly push: number[];
  readonly pull: number[];
  readonly documents: number;
  readonly pulled: number;
  readonly seconds: number;
}

/** A simulated desk: its tokens, the receptionist it pushes as (and her signing key, hex), and where its office's feed stands. */
export interface LoadDesk {
  readonly tokens: DeviceTokens;
  readonly actor: Actor;
  readonly secretKey: string;
  readonly head: FeedCheckpoint | null;
}

type LoadOut = { push: number[]; pull: number[]; documents: number; pulled: number };

/** One simulated desk: `rounds` × (push `batch` new events, pull its feed from its checkpoint). */
async function simulatedDesk(
  url: string,
  d: LoadDesk,
  desk: number,
  rounds: number,
  batch: number,
  intervalMs: number,
  run: number,
  out: LoadOut,
) {
  const { tokens, actor } = d;
  const secretKey = hexToBytes(d.secretKey);
  let checkpoint: FeedCheckpoint | null = d.head;
  const headers = { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json' };
  // Paced desks start at random offsets within the interval and then keep to it; 0: back to back.
  const t0 = performance.now() + Math.random() * intervalMs;
  for (let r = 0; r < rounds; r++) {
    const wait = t0 + r * intervalMs - performance.now();
    if (intervalMs > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Signed as a desk signs every act (design.md §5): the server verifies each one.
    const docs = Array.from({ length: batch }, (_, i) => ({
      newDocumentState: {
        ...signEvent(
          eventDoc(`load-${run}-${desk}-${r}-${i}`, (run + 1) * 10_000_000 + desk * 1_000 + r * batch + i, 0, actor),
          secretKey,
        ),
        _deleted: false,
      },
    }));
    let start = performance.now();
    const pushed = await fetch(url + syncPaths.push('case_events'), {
      method: 'POST',
      headers,
      body: JSON.stringify(docs),
    });
    const answer = (await pushed.json()) as { refused?: unknown[] };
    if (pushed.status !== 200 || (answer.refused?.length ?? 0) > 0)
      throw new Error(`push refused: ${pushed.status} ${JSON.stringify(answer).slice(0, 200)}`);
    out.push.push(performance.now() - start);
    out.documents += batch;
    start = performance.now();
    const q = `?limit=1000${checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''}`;
    const page = (await (await fetch(url + syncPaths.pull('case_events') + q, { headers })).json()) as PullResponse;
    out.pull.push(performance.now() - start);
    out.documents += page.documents.length;
    out.pulled += page.documents.length;
    checkpoint = page.checkpoint;
  }
}

/** `desks` simulated desks at once (each starts from the head of its feed, as an up-to-date desk would). */
/** `run` keeps the documents of several runs on one database apart (a repeated push would be an idempotent no-op). */
export async function runLoad(
  url: string,
  desks: readonly LoadDesk[],
  rounds: number,
  batch: number,
  intervalMs = 0,
  run = 0,
): Promise<LoadResult> {
  const out: LoadOut = { push: [], pull: [], documents: 0, pulled: 0 };
  const start = performance.now();
  await Promise.all(desks.map((d, i) => simulatedDesk(url, d, i, rounds, batch, intervalMs, run, out)));
  const sort = (xs: number[]) => xs.sort((a, b) => a - b);
  return {
    latencies: sort([...out.push, ...out.pull]),
    push: sort(out.push),
    pull: sort(out.pull),
    documents: out.documents,
    pulled: out.pulled,
    seconds: (performance.now() - start) / 1000,
  };
}

/** Time from a push at one desk until another desk of the office reads it from its stream. */
export async function streamLatency(
  url: string,
  writer: DeviceTokens,
  reader: DeviceTokens,
  samples: number,
): Promise<{ p50: number; max: number }> {
  const response = await fetch(url + syncPaths.stream, { headers: { authorization: `Bearer ${reader.accessToken}` } });
  const bodyReader = response.body!.getReader();
  const parser = new SseParser();
  const waiting = new Map<string, (t: number) => void>();
  void (async () => {
    for (let chunk = await bodyReader.read(); !chunk.done; chunk = await bodyReader.read()) {
      for (const data of parser.push(chunk.value)) {
        if (data === '"RESYNC"') continue;
        for (const d of (JSON.parse(data) as PullResponse).documents) waiting.get(String(d.id))?.(performance.now());
      }
    }
  })().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 200));
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const id = `stream-${i}-${Date.now()}`;
    const arrived = new Promise<number>((resolve) => waiting.set(id, resolve));
    const start = performance.now();
    await fetch(url + syncPaths.push('case_events'), {
      method: 'POST',
      headers: { authorization: `Bearer ${writer.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          newDocumentState: {
            ...signEvent(eventDoc(id, 2_000_000 + i, 0), demoSigningKey('qs-reception')),
            _deleted: false,
          },
        },
      ]),
    }).then((r) => r.json());
    times.push((await arrived) - start);
  }
  await bodyReader.cancel();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), max: times.at(-1) ?? Number.NaN };
}

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A scratch PostgreSQL database with a random name; `drop()` removes it. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `xf_bench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  return {
    url: ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Enrols a simulated desk with a demo user. */
export async function enrol(url: string, login: string): Promise<DeviceTokens> {
  const r = await fetch(url + syncPaths.login, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD, deviceName: 'bench' }),
  });
  if (r.status !== 200) throw new Error(`enrol ${login}: ${r.status}`);
  return (await r.json()) as DeviceTokens;
}

/** The demo's two townships and `count - 2` more, each with a receptionist to log in as (cheap hashes) and her signing key. */
export async function benchTownships(
  db: Database,
  count: number,
): Promise<{ officeId: string; login: string; userId: string; secretKey: string }[]> {
  const demo = [
    {
      officeId: 'office-qingshan',
      login: 'qs-reception',
      userId: 'user-qs-reception',
      secretKey: bytesToHex(demoSigningKey('qs-reception')),
    },
    {
      officeId: 'office-lvshui',
      login: 'ls-reception',
      userId: 'user-ls-reception',
      secretKey: bytesToHex(demoSigningKey('ls-reception')),
    },
  ];
  const added = [];
  for (let t = demo.length; t < count; t++) {
    const officeId = `office-bench-${t}`;
    await addOffice(db, {
      id: officeId,
      code: `9999013${String(t).padStart(2, '0')}`,
      name: `示范镇${t}`,
      kind: 'township',
      parentId: 'office-county',
    });
    const user = await addUser(
      db,
      { login: `bench-${t}-reception`, name: `接待员${t}`, officeId, roles: ['receptionist'], password: DEMO_PASSWORD },
      { argon2: { memoryCost: 1024, timeCost: 1 }, scrypt: { N: 2 ** 10 } },
    );
    const secretKey = await unwrapSigningKey(
      user.id,
      { publicKey: user.publicKey ?? '', wrappedKey: user.wrappedKey ?? '' },
      DEMO_PASSWORD,
    );
    if (!secretKey) throw new Error(`no signing key for ${user.login}`);
    added.push({ officeId, login: user.login, userId: user.id, secretKey: bytesToHex(secretKey) });
  }
  return [...demo, ...added].slice(0, Math.max(1, count));
}
