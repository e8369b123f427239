import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-server/db/database';
import { startLocalCounty, type LocalCounty } from '../../src-server/local-county';
import { WEB_CONFIG_PATH } from '../../src-server/routes/web-edition';
import { client, seeded, testCost, testDatabase, type RunningServer, type TestDatabase } from '../src-server/support';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { syncPaths } from '#shared/sync/protocol';
import { startCounty } from './support';

/**
 * CORS: with any origin allowed, any page a clerk opened could call the county server from their browser. No other
 * origin may unless configured (`corsOrigins`, `--cors-origin`, CORS_ORIGINS). The web
 * edition the server serves itself is same-origin and needs none.
 */
const stranger = 'http://evil.example';
const webEdition = 'http://127.0.0.1:4173';

const preflight = (url: string, origin: string) =>
  fetch(url + syncPaths.pull('case_events'), {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });

describe('CORS allows only configured origins, on PostgreSQL', () => {
  let tdb: TestDatabase;
  let plain: RunningServer;
  let configured: RunningServer;
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    plain = await startCounty(await seeded(await tdb.open()));
    configured = await startCounty(await openDatabase({ url: tdb.url, poolSize: 5 }), { corsOrigins: [webEdition] });
  }, 60_000);
  afterAll(async () => {
    for (const s of [plain, configured]) {
      await s?.stop();
      await s?.db.close();
    }
    await tdb?.drop();
  });

  it('by default no other origin may call: no preflight or answer carries access-control-allow-origin', async () => {
    for (const origin of [stranger, webEdition])
      expect((await preflight(plain.url, origin)).headers.get('access-control-allow-origin')).toBeNull();
    const desk = await client(plain.url).enrol('qs-reception');
    const answer = await fetch(plain.url + syncPaths.pull('offices'), {
      headers: { origin: stranger, authorization: `Bearer ${desk.accessToken}` },
    });
    expect(answer.status).toBe(200); // the server answers; the browser keeps the stranger's page from reading it
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a configured origin is allowed, with the headers a desk sends and the server time it reads; others are not', async () => {
    const allowed = await preflight(configured.url, webEdition);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(webEdition);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const answer = await fetch(configured.url + syncPaths.pull('offices'), { headers: { origin: webEdition } });
    expect(answer.headers.get('access-control-expose-headers')).toContain('x-server-time');
    expect((await preflight(configured.url, stranger)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the web edition served by the county server itself', () => {
  let folder: string;
  let county: LocalCounty;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'xinfang-cors-'));
    const webDir = join(folder, 'web');
    mkdirSync(webDir);
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>信访接待台</title>'); // a stand-in for the built edition
    county = await startLocalCounty({ dataDir: join(folder, 'data'), webDir, port: 0, passwordCost: testCost });
  }, 60_000);
  afterAll(async () => {
    await county?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('needs no CORS: its page, its config and its sync calls come from one origin', async () => {
    const origin = county.url;
    expect((await fetch(`${origin}/`)).status).toBe(200);
    const config = (await (await fetch(origin + WEB_CONFIG_PATH)).json()) as { serverUrl: string };
    expect(config.serverUrl).toBe(origin);
    // What the page's fetch sends: its own origin. Same-origin reads need no CORS header.
    const login = await fetch(origin + syncPaths.login, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'qs-reception', password: DEMO_PASSWORD, deviceName: 'web' }),
    });
    expect(login.status).toBe(200);
  });
});
