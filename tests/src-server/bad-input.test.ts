import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessTransport } from '#shared/contract/dispatch';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { syncErrorText } from '#shared/messages/zh-CN';
import { syncPaths } from '#shared/sync/protocol';
import { walkIn } from '../fixtures';
import { actors, petitionDoc, petitionerDoc, registerEvent, uid } from './fixtures';
import { seededServerPerSuite, type Backend, type Client, type RunningServer } from './support';

/**
 * Bad input over HTTP: a 4xx, or a refusal of the one document with its code, and never a 500; the rest of the
 * batch is stored. The cases a hostile run finds: a NUL in any string (PostgreSQL's text and jsonb hold none), which
 * as a 500 would lose the whole batch and have the desk retry it forever; nesting 10,000 deep, which overflows a
 * recursive stack; a desk clock 35 days off or in 1970/9999, a drift wider than an integer `clock_drift_ms`.
 */

const AT = '2025-12-01T01:00:00.000Z';

/** A valid new document of each collection a desk pushes, as 青山镇's desk writes it. */
const validDoc: Record<string, () => Record<string, unknown>> = {
  petitioners: () => ({
    ...petitionerDoc('office-qingshan'),
    address: '青山镇东街1号',
    history: [{ name: '张叁', at: AT }],
  }),
  petitions: () => ({
    ...petitionDoc('office-qingshan', uid('case'), actors.qsReception.userId),
    facts: '补偿款未发',
    reasons: '与方案不符',
  }),
  case_events: () => ({ ...registerEvent(actors.qsReception) }),
  audit: () => ({
    id: uid('audit'),
    at: AT,
    userId: actors.qsReception.userId,
    officeId: 'office-qingshan',
    action: 'view',
    caseId: uid('case'),
    detail: '查看',
  }),
};

/** The paths of every string in a document (keys and array positions). */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

/** A copy of `doc` under a new id (unless the path is the id itself) with a NUL in the string at `path`. */
function withNul(doc: Record<string, unknown>, path: (string | number)[]): Record<string, unknown> {
  const copy = structuredClone({ ...doc, id: uid('nul') });
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>; // a path stringPaths found
  const last = path.at(-1)!;
  parent[last] = `${String(parent[last])}\u0000尾`;
  return copy;
}

const row = (doc: Record<string, unknown>) => ({ newDocumentState: { ...doc, _deleted: false } });

describe.each<Backend>(['pglite', 'pg'])('bad input on %s', (backend) => {
  let server: RunningServer;
  let c: Client;
  seededServerPerSuite(backend, (s, api) => {
    server = s;
    c = api;
  });

  /** A raw request with the desk's token and any headers. */
  async function send(
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: string,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(server.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  /** Which of `ids` the server stores (an id with a NUL cannot be stored, nor asked for). */
  async function stored(ids: readonly string[]): Promise<string[]> {
    const { rows } = await server.db.query<{ id: string }>(
      'SELECT id FROM docs WHERE id = ANY($1::text[]) ORDER BY id',
      [ids.filter((id) => !id.includes('\u0000'))],
    );
    return rows.map((r) => r.id);
  }

  it.each(Object.keys(validDoc))(
    'a NUL in any string or key of a pushed %s refuses that document (doc-malformed); the rest of the batch is stored',
    async (collection) => {
      const qs = await c.enrol('qs-reception');
      const base = validDoc[collection]!();
      const variants = [
        ...stringPaths(base).map((path) => withNul(base, path)),
        { ...base, id: uid('nul'), 'key\u0000': '值' },
      ];
      const [first, last] = [validDoc[collection]!(), validDoc[collection]!()];
      const r = await c.push(qs.accessToken, collection, [row(first), ...variants.map(row), row(last)]);
      expect(r.status).toBe(200);
      expect(r.body.refused).toEqual(variants.map((v) => ({ id: v.id, code: 'doc-malformed' })));
      expect(await stored([first.id, last.id, ...variants.map((v) => String(v.id))].map(String))).toEqual(
        [String(first.id), String(last.id)].sort(),
      );
    },
  );

  it('nesting 10,000 deep inside a document refuses that document (doc-malformed); the rest of the batch is stored', async () => {
    const qs = await c.enrol('qs-reception');
    const [good, inHistory, inField] = [validDoc.petitioners!(), validDoc.petitioners!(), validDoc.petitioners!()];
    // As text: JSON.stringify would overflow this process's own stack on such a value.
    const nested = '['.repeat(10_000) + ']'.repeat(10_000);
    const rowText = (doc: Record<string, unknown>, key: string) =>
      JSON.stringify(row({ ...doc, [key]: 'NESTED' })).replace('"NESTED"', nested);
    const body = `[${rowText(inHistory, 'history')},${JSON.stringify(row(good))},${rowText(inField, 'address')}]`;
    const r = await send('POST', syncPaths.push('petitioners'), qs.accessToken, body);
    expect(r).toEqual({
      status: 200,
      body: { conflicts: [], refused: [inHistory, inField].map((d) => ({ id: d.id, code: 'doc-malformed' })) },
    });
    expect(await stored([good.id, inHistory.id, inField.id].map(String))).toEqual([String(good.id)]);
  });

  it('a whole push body nested 10,000 deep is answered 4xx or refused with a code, never a 500', async () => {
    const qs = await c.enrol('qs-reception');
    const asArray = await send(
      'POST',
      syncPaths.push('petitioners'),
      qs.accessToken,
      '['.repeat(10_000) + ']'.repeat(10_000),
    );
    expect(asArray).toEqual({ status: 200, body: { conflicts: [], refused: [{ id: '', code: 'doc-malformed' }] } });
    const asObject = await send(
      'POST',
      syncPaths.push('petitioners'),
      qs.accessToken,
      `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    );
    expect(asObject).toEqual({ status: 400, body: { code: 'invalid-arguments' } });
    const asRow = await send(
      'POST',
      syncPaths.push('petitioners'),
      qs.accessToken,
      `[{"newDocumentState":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}]`,
    );
    expect(asRow).toEqual({ status: 200, body: { conflicts: [], refused: [{ id: '', code: 'doc-malformed' }] } });
  });

  it.each([
    ['35 days ahead', () => new Date(Date.now() + 35 * 86_400_000).toISOString()],
    ['35 days behind', () => new Date(Date.now() - 35 * 86_400_000).toISOString()],
    ['in 1970', () => '1970-01-01T00:00:00.000Z'],
    ['in 9999', () => '9999-12-31T23:59:59.999Z'],
  ])('a desk clock %s: push and pull succeed, and the server records the drift', async (_label, deskTime) => {
    const qs = await c.enrol('qs-reception');
    const headers = { 'x-desk-time': deskTime() };
    const doc = validDoc.petitioners!();
    const pushed = await send(
      'POST',
      syncPaths.push('petitioners'),
      qs.accessToken,
      JSON.stringify([row(doc)]),
      headers,
    );
    expect(pushed).toEqual({ status: 200, body: { conflicts: [], refused: [] } });
    const pulled = await send('GET', syncPaths.pull('petitioners'), qs.accessToken, undefined, headers);
    expect(pulled.status).toBe(200);
    expect((pulled.body as { documents: { id: string }[] }).documents.map((d) => d.id)).toContain(doc.id);
    const { rows } = await server.db.query<{ drift: string }>(
      'SELECT clock_drift_ms::text AS drift FROM devices WHERE id = $1',
      [qs.deviceId],
    );
    expect(Math.abs(Number(rows[0]?.drift) - (Date.parse(headers['x-desk-time']) - Date.now()))).toBeLessThan(60_000);
  });
});

describe.each<Backend>(['pglite', 'pg'])(
  'a desk whose clock is far off syncs and shows clock-drift, on %s',
  (backend) => {
    let server: RunningServer;
    seededServerPerSuite(backend, (s) => {
      server = s;
    });
    const desks: Desk[] = [];
    afterEach(async () => {
      await Promise.all(desks.splice(0).map((d) => d.close()));
    });

    it.each([
      ['35 days ahead', new Date(Date.now() + 35 * 86_400_000)],
      ['in 1970', new Date('1970-01-02T02:00:00.000Z')],
      ['in 9999', new Date('9999-12-30T02:00:00.000Z')],
    ])(
      'a desk clock %s: its registration reaches the county and the top bar says the clock drifts',
      async (_label, deskNow) => {
        const desk = await createDesk({
          storage: getRxStorageMemory(),
          name: `drift-${Math.random().toString(36).slice(2)}`,
          clock: () => deskNow,
          sync: { fetch: (url, init) => fetch(url, init), retry: { minMs: 100, maxMs: 1_000 } },
        });
        desks.push(desk);
        const t = inProcessTransport(desk.api, desk, (error) => console.error(error));
        await t.invoke('sync-enrol', { login: 'qs-reception', password: DEMO_PASSWORD, serverUrl: server.url });
        await desk.sync.awaitInSync();
        await t.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
        const registered = await t.invoke('petition-register', {
          registration: walkIn({ receivedAt: new Date(deskNow.getTime() - 3_600_000).toISOString() }),
          case: { kind: 'new' },
        });
        await t.invoke('sync-now', {});
        await desk.sync.awaitInSync();
        const { rows } = await server.db.query<{ id: string }>('SELECT id FROM docs WHERE id = $1', [
          registered.petitionId,
        ]);
        expect(rows.map((r) => r.id)).toEqual([registered.petitionId]);
        const status = await t.invoke('sync-status', {});
        expect(status).toMatchObject({ state: 'online', lastError: 'clock-drift' });
        expect(Math.abs((status.clockDriftMs ?? 0) + (deskNow.getTime() - Date.now()))).toBeLessThan(60_000);
        expect(syncErrorText['clock-drift']).toContain('本机时间');
      },
    );
  },
);
