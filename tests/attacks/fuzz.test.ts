import fc from 'fast-check';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiArgs } from '#shared/contract/api';
import { answer } from '#shared/contract/dispatch';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD, demoSigningKey } from '#shared/demo/county';
import { seedDemo } from '#shared/core/demo';
import { signEvent } from '#shared/auth/event-signatures';
import { syncPaths, type PushResponse } from '#shared/sync/protocol';
import {
  actEvent,
  actors,
  fresh,
  petitionDoc,
  petitionerDoc,
  registerEvent,
  signedByActor,
} from '../src-server/fixtures';
import {
  client,
  seeded,
  startServer,
  testDatabase,
  type RunningServer,
  type TestDatabase,
} from '../src-server/support';

/**
 * Generated abuse of every door : at least 2,000 requests per endpoint (push, pull, stream,
 * login, refresh, enrol) with bodies and headers fast-check makes up — documents with wrong types, unknown keys,
 * NUL characters, deep nesting, ids reused from a restricted matter — and 2,000 calls of the desk's IPC dispatcher.
 * For each: never a 5xx; nothing refused is written; no answer carries a word of the 检举控告 against 绿水乡
 * (第三十条第三款) to 绿水乡. The counts are printed.
 */
const RUNS = 2_000;
const MARK = 'XK7'; // in every free text of the restricted matter
const SECRET_PHONE = '13912345678';

let tdb: TestDatabase;
let server: RunningServer;
let api: ReturnType<typeof client>;
let lvshui: string; // the accused office's token
const secret = { caseId: '', eventId: '', petitionId: '', petitionerId: '' };
const counts: Record<string, Record<string, number>> = {};

beforeAll(async () => {
  tdb = await testDatabase('pg');
  server = await startServer(await seeded(await tdb.open()));
  api = client(server.url);
  const county = await api.enrol('county-reception');
  lvshui = (await api.enrol('ls-handler')).accessToken;
  // The county registers a 检举控告 against 绿水乡, with an accuser 信访人 and a 信访件.
  const accuser = petitionerDoc('office-county', {
    name: `举报人${MARK}`,
    phone: SECRET_PHONE,
    address: `绿水乡${MARK}村`,
  });
  const unsigned = registerEvent(actors.countyReception, {
    cls: 'accusation',
    accused: ['office-lvshui'],
    petitionerIds: [accuser.id],
  });
  const register = signedByActor({
    ...unsigned,
    payload: { ...unsigned.payload, title: `举报绿水乡站长截留补贴${MARK}` },
  });
  const petitionId = (register.payload as { petitionIds: string[] }).petitionIds[0] ?? '';
  const petition = {
    ...petitionDoc('office-county', register.caseId, actors.countyReception.userId, [accuser.id], petitionId),
    facts: `截留${MARK}`,
  };
  for (const [collection, doc] of [
    ['petitioners', accuser],
    ['petitions', petition],
    ['case_events', register],
  ] as const) {
    const r = await api.push(county.accessToken, collection, [fresh(doc)]);
    expect(r.body.refused, `${collection} seeded`).toEqual([]);
  }
  Object.assign(secret, { caseId: register.caseId, eventId: register.id, petitionId, petitionerId: accuser.id });
}, 120_000);

afterAll(async () => {
  console.log(
    `fuzz counts (status: requests):\n${Object.entries(counts)
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
      .join('\n')}`,
  );
  await server?.stop();
  await server?.db.close();
  await tdb?.drop();
});

const count = (endpoint: string, status: number | string) => {
  const row = (counts[endpoint] ??= {});
  row[status] = (row[status] ?? 0) + 1;
};

/** One raw HTTP request; the answer's status and text. */
async function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(server.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, text: await response.text() };
}

const leaks = (text: string) => text.includes(MARK) || text.includes(SECRET_PHONE);

/** Strings a hostile desk sends: ordinary, empty, huge, with NUL and other controls, lone surrogates. */
const nasty = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '9'.repeat(400),
    '__proto__',
    'constructor',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
  ),
);
const deep = fc
  .integer({ min: 1, max: 200 })
  .map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown);
/** A body nested 1,000–20,000 deep, as text (fast-check would overflow its own stack printing it as a value). */
const deepBody = fc
  .integer({ min: 1_000, max: 20_000 })
  .map((depth) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
const value = fc.oneof(
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  deep,
);
/** Headers a hostile client sends next to its token (the desk clock among them). */
const headerText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }), // what a header may carry
  fc.constantFrom(
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '-271821-04-20T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    'Infinity',
    '1e400',
  ),
);
const headers = fc.record(
  {
    'x-desk-time': fc.oneof(
      headerText,
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1'),
  },
  { requiredKeys: [] },
);

/** A valid document of `collection` changed by up to three edits: a field set to anything, removed, or added. */
function mutated(base: Record<string, unknown>) {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom(...Object.keys(base)), value }),
    fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...Object.keys(base)) }),
    fc.record({ kind: fc.constant('add' as const), key: nasty, value }),
  );
  return fc.array(edit, { maxLength: 3 }).map((edits) => {
    let doc: Record<string, unknown> = { ...base };
    for (const e of edits) {
      if (e.kind === 'drop') doc = Object.fromEntries(Object.entries(doc).filter(([key]) => key !== e.key));
      else Object.defineProperty(doc, e.key, { value: e.value, enumerable: true, writable: true, configurable: true }); // '__proto__' as an own key
    }
    return doc;
  });
}

/** Pushable documents: new ones, and ones reusing the restricted matter's ids (a forgery, or a probe for its body). */
const pushes = fc.oneof(
  resigned(fc.constant(null).chain(() => mutated({ ...registerEvent(actors.lsHandler) }))).map((doc) => ({
    collection: 'case_events',
    doc,
  })),
  resigned(
    fc.constant(null).chain(() => mutated({ ...actEvent(actors.lsHandler, secret.caseId, 'note', { text: '试探' }) })),
  ).map((doc) => ({ collection: 'case_events', doc })),
  resigned(
    fc
      .constant(null)
      .chain(() => mutated({ ...registerEvent(actors.lsHandler), id: secret.eventId, caseId: secret.caseId })),
  ).map((doc) => ({ collection: 'case_events', doc })),
  fc
    .constant(null)
    .chain(() =>
      mutated({ ...petitionDoc('office-lvshui', secret.caseId, actors.lsHandler.userId, [], secret.petitionId) }),
    )
    .map((doc) => ({ collection: 'petitions', doc })),
  fc
    .constant(null)
    .chain(() => mutated({ ...petitionerDoc('office-lvshui'), id: secret.petitionerId }))
    .map((doc) => ({ collection: 'petitioners', doc })),
  fc
    .constant(null)
    .chain(() => mutated({ ...petitionerDoc('office-lvshui') }))
    .map((doc) => ({ collection: 'petitioners', doc })),
);

/**
 * Half of the changed events signed again by 绿水乡's 办理人, as a desk holding that user's key would: an unsigned change
 * stops at the signature check (signature-invalid), a signed one reaches every check behind it.
 */
function resigned(events: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(events, fc.boolean()).map(([doc, sign]) => {
    if (!sign) return doc;
    try {
      return signEvent(doc, demoSigningKey('ls-handler'));
    } catch {
      return doc; // a value canonical JSON cannot encode: pushed as it is
    }
  });
}

/** Which of `ids` the server holds, with each stored body as text (an id with a NUL cannot be stored: PostgreSQL text has none). */
async function stored(ids: readonly string[]): Promise<Map<string, string>> {
  const storable = ids.filter((id) => !id.includes('\u0000'));
  const { rows } = await server.db.query<{ id: string; body: unknown }>(
    'SELECT id, body FROM docs WHERE id = ANY($1::text[])',
    [storable],
  );
  return new Map(rows.map((r) => [r.id, JSON.stringify(r.body)]));
}

describe(
  'fuzzing every endpoint (第三十条第三款; never a 5xx, nothing refused written, nothing leaked)',
  { timeout: 600_000 },
  () => {
    it('push: generated documents from the accused office are refused or stored whole, and no answer leaks the accusation', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(pushes, { minLength: 1, maxLength: 3 }), headers, async (rows, extra) => {
          const collection = rows[0]!.collection;
          const docs = rows.filter((r) => r.collection === collection).map((r) => r.doc);
          const ids = docs.map((d) => d.id).filter((id): id is string => typeof id === 'string');
          const before = await stored(ids);
          const body = JSON.stringify(docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })));
          const r = await send(
            'POST',
            syncPaths.push(collection),
            { 'content-type': 'application/json', ...extra, authorization: `Bearer ${lvshui}` },
            body,
          );
          count('push', r.status);
          expect(r.status, r.text).toBeLessThan(500);
          expect(leaks(r.text), r.text).toBe(false);
          const after = await stored(ids);
          const refused = new Set(
            r.status === 200 ? (JSON.parse(r.text) as PushResponse).refused.map((x) => x.id) : ids,
          );
          for (const id of ids) {
            // Refused: as it was before. An id of the restricted matter is never rewritten by the accused office.
            if (refused.has(id) || [secret.eventId, secret.petitionId, secret.petitionerId].includes(id))
              expect(after.get(id), id).toBe(before.get(id));
          }
        }),
        { numRuns: RUNS },
      );
    });

    it('pull: generated checkpoints, limits and headers never fail the server nor reach the accusation', async () => {
      const query = fc.record(
        {
          checkpoint: fc.oneof(
            nasty,
            fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
            fc.record({ seq: fc.integer(), id: nasty }).map((v) => JSON.stringify(v)),
          ),
          limit: fc.oneof(nasty, fc.integer().map(String)),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('case_events', 'petitions', 'petitioners', 'offices', 'users', 'audit', 'nope'),
          query,
          headers,
          async (collection, q, extra) => {
            const search = new URLSearchParams(q as Record<string, string>).toString();
            const r = await send('GET', `${syncPaths.pull(collection)}?${search}`, {
              ...extra,
              authorization: `Bearer ${lvshui}`,
            });
            count('pull', r.status);
            expect(r.status, r.text).toBeLessThan(500);
            expect(leaks(r.text)).toBe(false);
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('stream: generated tokens and headers are answered at once (401/404) or open a stream that carries nothing of the accusation', async () => {
      const token = fc.oneof(
        fc.constant(`Bearer ${lvshui}`),
        headerText.map((t) => `Bearer ${t}`),
        headerText,
      );
      // The desk's one stream, with a stray query, and the per-collection path it replaced (now unknown).
      const paths = fc.constantFrom(
        syncPaths.stream,
        `${syncPaths.stream}?collection=nope&checkpoint=%00`,
        syncPaths.pull('case_events').replace(/pull$/, 'stream'),
      );
      await fc.assert(
        fc.asyncProperty(paths, token, headers, async (path, authorization, extra) => {
          const abort = new AbortController();
          const response = await fetch(server.url + path, {
            headers: { ...extra, authorization },
            signal: abort.signal,
          }).catch((e: unknown) => e);
          if (response instanceof Error) throw response;
          const r = response as Response;
          count('stream', r.status);
          expect(r.status).toBeLessThan(500);
          if (r.status === 200) {
            const reader = r.body!.getReader();
            const first = await reader.read();
            expect(leaks(new TextDecoder().decode(first.value))).toBe(false);
          }
          abort.abort();
        }),
        { numRuns: RUNS },
      );
    });

    it('enrol: the right password with generated device names and extra keys enrols a device or is refused and enrols none', async () => {
      const devices = async () =>
        Number((await server.db.query<{ n: string }>('SELECT count(*) AS n FROM devices')).rows[0]?.n);
      await fc.assert(
        fc.asyncProperty(
          fc.record({ deviceName: nasty, extra: nasty, extraValue: value }),
          headers,
          async (b, extra) => {
            const before = await devices();
            const body = {
              login: 'jw-handler',
              password: DEMO_PASSWORD,
              deviceName: b.deviceName,
              [b.extra]: b.extraValue,
            };
            const r = await send(
              'POST',
              syncPaths.login,
              { 'content-type': 'application/json', ...extra },
              JSON.stringify(body),
            );
            count('enrol', r.status);
            expect(r.status, r.text).toBeLessThan(500);
            expect(await devices()).toBe(before + (r.status === 200 ? 1 : 0));
          },
        ),
        { numRuns: RUNS },
      );
    });
    it('login: generated bodies never sign anybody in nor fail the server', async () => {
      const body = fc.oneof(
        fc.record(
          {
            login: fc.oneof(nasty, fc.constantFrom('qs-reception', 'ls-handler', 'county-admin')),
            password: nasty,
            deviceName: nasty,
          },
          { requiredKeys: [] },
        ),
        value,
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 9, arbitrary: body.map((b) => JSON.stringify(b)) }, { weight: 1, arbitrary: deepBody }),
          headers,
          async (b, extra) => {
            const r = await send('POST', syncPaths.login, { 'content-type': 'application/json', ...extra }, b);
            count('login', r.status);
            expect(r.status, r.text).toBeLessThan(500);
            expect(r.status).not.toBe(200); // DEMO_PASSWORD is never generated: `nasty` strings are at most 20 random characters or fixed probes
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('refresh: generated tokens are refused, never a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.oneof(fc.record({ refreshToken: nasty }, { requiredKeys: [] }), value).map((b) => JSON.stringify(b)),
            deepBody,
          ),
          headers,
          async (b, extra) => {
            const r = await send('POST', syncPaths.refresh, { 'content-type': 'application/json', ...extra }, b);
            count('refresh', r.status);
            expect(r.status, r.text).toBeLessThan(500);
            expect(r.status).not.toBe(200);
          },
        ),
        { numRuns: RUNS },
      );
    });
  },
);

describe('fuzzing the desk’s IPC dispatcher', { timeout: 600_000 }, () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await createDesk({
      storage: getRxStorageMemory(),
      name: `fuzz-${Math.random().toString(36).slice(2)}`,
      clock: () => new Date('2025-12-01T02:00:00Z'),
    });
    await seedDemo(desk.db, { N: 2 ** 10 });
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('generated calls answer a result or a known error code, and a refused call writes nothing', async () => {
    const faults: unknown[] = []; // errors that are no ApiError: a fault of ours, answered 'internal'
    const t = {
      invoke: (name: string, args: unknown) =>
        answer(desk.api, { kind: 'invoke', id: 1, name, args }, (e) => faults.push(e)),
    };
    await t.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
    const names = Object.keys(apiArgs).filter((n) => n !== 'session-logout' && n !== 'sync-enrol');
    const written = async () =>
      Promise.all(['petitions', 'petitioners', 'case_events'].map((c) => desk.db[c as 'petitions'].count().exec()));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...names), nasty),
        fc.oneof(value, fc.dictionary(nasty, value, { maxKeys: 4 })),
        async (name, args) => {
          const before = await written();
          const response = await t.invoke(name, args);
          count('ipc', response.ok ? 'ok' : response.error.code);
          expect(faults).toEqual([]);
          if (!response.ok) {
            expect(response.error.code).not.toBe('internal');
            expect(await written()).toEqual(before);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
