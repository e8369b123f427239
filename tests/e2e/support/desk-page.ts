import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fromErrorData, type ApiErrorCode, type ApiProblem } from '#shared/contract/errors';
import { coreEventNames, type CoreEventName } from '#shared/contract/events';
import type { Transport } from '#shared/contract/transport';

/**
 * Driving the web edition from Node: a page whose desk has started, and a Node-side `Transport` that forwards
 * every call to the page's `window.desk` (the surface both editions expose; src-renderer/main.ts) and brings
 * core events back. Each context is a fresh browser profile, so each gets a fresh IndexedDB and demo county.
 */

/**
 * The page globals browser tests use. Functions passed to `page.evaluate` run in the page, so they reach these
 * through a cast; the renderer's own `Window.desk` declaration stays out of the tests' global scope, where the
 * Electron edition's tests may declare the preload's.
 */
export interface DeskWindow {
  desk: {
    invoke(name: string, args: unknown): Promise<unknown>;
    on(event: string, listener: (payload: unknown) => void): () => void;
  };
  deskEvent(event: string, payload: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; code: unknown; problems: unknown; message: string };

export interface DeskPage {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Opens the web edition in a new context and waits until `<html data-desk-state>` says the desk started. */
export async function openDeskPage(browser: Browser, url: string): Promise<DeskPage> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 800, height: 300 } });
  const page = await openDeskTab(context, url);
  return { context, page };
}

/** Another tab of the same profile: same IndexedDB, its own worker (design.md §10, several tabs). */
export async function openDeskTab(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html:is([data-desk-state="ready"], [data-desk-state="failed"])', { state: 'attached' });
  const state = await page.getAttribute('html', 'data-desk-state');
  if (state !== 'ready') throw new Error(`the desk did not start: ${await page.textContent('#desk-status')}`);
  return page;
}

/** A Transport in Node whose calls and events go through the page's `window.desk`. */
export async function pageTransport(page: Page): Promise<Transport> {
  const listeners = new Map<CoreEventName, Set<(payload: never) => void>>();
  await page.exposeFunction('deskEvent', (event: CoreEventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload as never); // the page sent this event's payload
  });
  // Subscribe to every event once, before the first call, so no event can slip past a late `on`.
  await page.evaluate((events) => {
    const w = window as unknown as DeskWindow; // main.ts and exposeFunction put both there
    for (const event of events) w.desk.on(event, (payload) => w.deskEvent(event, payload));
  }, coreEventNames);

  return {
    async invoke(name, args) {
      const outcome: Outcome = await page.evaluate(
        ([n, a]) =>
          (window as unknown as DeskWindow).desk.invoke(n, a).then(
            (value) => ({ ok: true as const, value }),
            (e: { code?: unknown; problems?: unknown }) => ({
              ok: false as const,
              code: e.code,
              problems: e.problems,
              message: String(e),
            }),
          ),
        [name, args] as const,
      );
      if (outcome.ok) return outcome.value as never; // the page's desk answered this handler
      if (typeof outcome.code !== 'string')
        throw new Error(`window.desk.invoke threw a non-Api error: ${outcome.message}`);
      // Rebuilt from the safe data only, as every transport's calling side does.
      throw fromErrorData({
        code: outcome.code as ApiErrorCode,
        problems: outcome.problems as readonly ApiProblem[] | undefined,
      }); // checked by the suite's expectations
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void); // called only with this event's payload
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  };
}
