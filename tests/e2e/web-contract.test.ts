import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { expectCode, handlerContractSuite } from '../contract/handler-suite';
import { walkIn } from '../fixtures';
import { launchChromium } from './support/chromium';
import { openDeskPage, openDeskTab, pageTransport, type DeskWindow } from './support/desk-page';
import { serveWebEdition, type ServedWebEdition } from './support/web-edition';

/**
 * The web edition in Chromium: the handler contract over the worker transport (the same suite as in-process and
 * Electron IPC), the page's own promises (Chinese status line, start-up failures shown, several tabs), and the
 * one renderer file that picks the transport.
 * One build and one browser for the whole file; a fresh browser context (fresh IndexedDB) per page.
 */
const artifacts = join(import.meta.dirname, 'artifacts');

let started: Promise<{ web: ServedWebEdition; browser: Browser }> | undefined;
function web(): Promise<{ web: ServedWebEdition; browser: Browser }> {
  started ??= Promise.all([serveWebEdition(), launchChromium()]).then(([served, browser]) => ({
    web: served,
    browser,
  }));
  return started;
}

afterAll(async () => {
  if (!started) return;
  const { web: served, browser } = await started;
  await browser.close();
  await served.close();
});

handlerContractSuite('the web worker transport in Chromium', async () => {
  const { web: served, browser } = await web();
  const { context, page } = await openDeskPage(browser, served.url);
  return { transport: await pageTransport(page), close: () => context.close() };
});

// Each test has its own context and worker, so they overlap: the demo seed's scrypt runs on both cores.
describe.concurrent('the web edition page', () => {
  let browser: Browser;
  let url: string;
  beforeAll(async () => {
    const w = await web();
    browser = w.browser;
    url = w.web.url;
  });

  it('is a zh-CN page titled 信访接待台 that says the web edition is ready (screenshot in tests/e2e/artifacts)', async () => {
    const { context, page } = await openDeskPage(browser, url);
    try {
      expect(await page.title()).toBe('信访接待台');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await page.textContent('#desk-status')).toBe('信访接待台（网页版）已就绪');
      // main.ts exposes the worker transport as window.desk, the same surface as the Electron preload's.
      const surface = await page.evaluate(() =>
        Object.entries((window as unknown as DeskWindow).desk).map(([k, v]) => `${k}:${typeof v}`),
      );
      expect(surface.sort()).toEqual(['invoke:function', 'on:function']);
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'web-ready.png') });
    } finally {
      await context.close();
    }
  });

  it('shows a Chinese failure state, and calls fail with storage-failed, when the worker cannot load', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      await context.route('**/desk.worker-*.js', (route) => route.fulfill({ status: 404, body: '' }));
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForSelector('html[data-desk-state="failed"]', { state: 'attached' });
      expect(await page.textContent('#desk-status')).toContain('接待台后台程序未能启动');
      // main.ts sets window.desk even when the worker failed: calls then fail with a code instead of hanging.
      await expectCode((await pageTransport(page)).invoke('session-current', {}), 'storage-failed');
      await page.screenshot({ path: join(artifacts, 'web-worker-failed.png') });
    } finally {
      await context.close();
    }
  });

  it('shows a Chinese failure state when IndexedDB holds a database RxDB cannot open', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      // A blank page on the same origin leaves RxDB's internal store behind with the wrong key path, as a foreign
      // or damaged build could; the name is RxDB's Dexie naming: rxdb-dexie-<database>--<schema version>--<collection>.
      await context.route(`${url}blank`, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
      );
      const page = await context.newPage();
      await page.goto(`${url}blank`);
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.open('rxdb-dexie-xinfang-desk--0--_rxdb_internal', 10);
            request.onupgradeneeded = () => request.result.createObjectStore('docs', { keyPath: 'notRxdb' });
            request.onsuccess = () => (request.result.close(), resolve());
            request.onerror = () => reject(request.error);
          }),
      );
      await page.goto(url);
      await page.waitForSelector('html[data-desk-state="failed"]', { state: 'attached' });
      expect(await page.textContent('#desk-status')).toContain('无法打开本机数据库');
      await expectCode((await pageTransport(page)).invoke('session-current', {}), 'storage-failed');
    } finally {
      await context.close();
    }
  });

  it('design.md §10: two tabs opened at once on an empty IndexedDB both start; one sees the other’s writes and is told', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      // Both workers find no offices and seed the demo county at the same time: the loser's inserts must not fail it.
      const [first, second] = await Promise.all([openDeskTab(context, url), openDeskTab(context, url)]);
      const [a, b] = [await pageTransport(first), await pageTransport(second)];
      await a.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
      await b.invoke('session-login', { login: 'qs-handler', password: DEMO_PASSWORD });
      const told = new Promise<readonly string[]>((resolve) =>
        b.on('data-changed', (p) => p.caseIds && resolve(p.caseIds)),
      );
      const { caseId } = await a.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
      await expect(told).resolves.toContain(caseId);
      const list = await b.invoke('case-list', {});
      expect(list.items.map((i) => i.id)).toContain(caseId);
    } finally {
      await context.close();
    }
  });
});

describe.concurrent('the one file that picks the transport (src-renderer/app/transport.ts), in Chromium', () => {
  /** Loads the page and reports its start state, status line and how many workers it started. */
  async function load(options: {
    userAgent?: string;
    bridge?: boolean;
  }): Promise<{ state: string | null; status: string | null; workers: number }> {
    const { browser, web: served } = await web();
    const context = await browser.newContext({
      locale: 'zh-CN',
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    });
    try {
      if (options.bridge) {
        // What the Electron preload exposes: invoke and on; failures are plain { code } objects.
        await context.addInitScript(() => {
          Object.defineProperty(window, 'desk', {
            value: Object.freeze({
              invoke: () => Promise.reject({ code: 'not-logged-in' }),
              on: () => () => undefined,
            }),
          });
        });
      }
      const page = await context.newPage();
      let workers = 0;
      page.on('worker', () => workers++);
      await page.goto(served.url);
      await page.waitForSelector('html:is([data-desk-state="ready"], [data-desk-state="failed"])', {
        state: 'attached',
      });
      return {
        state: await page.getAttribute('html', 'data-desk-state'),
        status: await page.textContent('#desk-status'),
        workers,
      };
    } finally {
      await context.close();
    }
  }

  it('uses the preload bridge when window.desk is there, and starts no worker', async () => {
    expect(await load({ bridge: true })).toEqual({ state: 'ready', status: '信访接待台已就绪', workers: 0 });
  });

  it('in an Electron window without the bridge, shows the failure instead of falling back to a browser database', async () => {
    const electron =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) xinfang-desk/0.1.0 Chrome/142.0.0.0 Electron/45.5.0 Safari/537.36';
    const result = await load({ userAgent: electron });
    expect(result).toMatchObject({ state: 'failed', workers: 0 });
    expect(result.status).toContain('接待台未能连接本机数据服务');
  });
});
