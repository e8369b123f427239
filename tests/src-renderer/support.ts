import { createElement, type ComponentType } from 'react';
import { configure, render, type RenderResult } from '@testing-library/react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { seedDemo } from '#shared/core/demo';
import { inProcessTransport } from '#shared/contract/dispatch';
import type { Transport } from '#shared/contract/transport';

/**
 * Renderer component tests run the real desk core (RxDB memory storage, the demo county) behind the in-process
 * transport: the form is checked against the same handlers the app calls, mocking nothing but the browser bits
 * jsdom lacks. Test files opt into jsdom with a `// @vitest-environment jsdom` comment, keeping Node tests on Node.
 */

/** What antd needs from a browser that jsdom does not have (design.md §8: matchMedia). */
export function installDomShims(): void {
  // findBy*/waitFor give up after 1 s by default: too short for antd in jsdom beside browser tests on one machine.
  configure({ asyncUtilTimeout: 10_000 });
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) satisfies MediaQueryList;
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
  // jsdom implements getComputedStyle but throws "Not implemented" for pseudo-elements, which antd asks about.
  const computed = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computed(element);
  window.scrollTo = () => undefined;
}

export interface TestDesk {
  readonly desk: Desk;
  readonly transport: Transport;
  /** Signs a demo user in (password demo1234), signing out whoever was in. */
  as(login: string): Promise<void>;
  close(): Promise<void>;
}

/** A fresh desk core with the demo county; `login` signs a demo user in (password demo1234); `clock`: the desk clock. */
export async function openTestDesk(login?: string, clock: () => Date = () => new Date()): Promise<TestDesk> {
  const desk = await createDesk({
    storage: getRxStorageMemory(),
    name: `ui-${Math.random().toString(36).slice(2)}`,
    clock,
  });
  await seedDemo(desk.db, { N: 2 ** 10 });
  const transport = inProcessTransport(desk.api, desk, (error) => console.error(error));
  const as = async (who: string) => {
    await transport.invoke('session-logout', {});
    await transport.invoke('session-login', { login: who, password: DEMO_PASSWORD });
  };
  if (login) await as(login);
  return { desk, transport, as, close: () => desk.close() };
}

/** Renders the whole app (providers, login gate, shell) on a transport; `App` lets a test load a fresh module graph. */
export function renderDesk(transport: Transport, App?: ComponentType<{ transport: Transport }>): Promise<RenderResult> {
  return import('../../src-renderer/app/DeskApp').then(({ DeskApp }) =>
    render(createElement(App ?? DeskApp, { transport })),
  );
}
