import { createElement, type ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD, seedDemo } from '#shared/core/demo';
import { inProcessTransport } from '#shared/contract/dispatch';
import type { Transport } from '#shared/contract/transport';
import { DeskProvider, useDesk } from '../../../../src-renderer/app/desk-context';

/**
 * The matters and petitioner pages against a real desk core (RxDB memory storage, demo county) behind the
 * in-process transport: only the browser bits jsdom lacks are stubbed. Test files say `// @vitest-environment jsdom`.
 */

/** antd asks for matchMedia (responsive grid) and ResizeObserver (virtual table), which jsdom does not have. */
export function installDomStubs(): void {
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
  // jsdom throws "Not implemented" for pseudo-element styles, which antd's scrollbar measuring asks for.
  const computed = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computed(element);
}

export interface TestDesk {
  readonly desk: Desk;
  readonly transport: Transport;
  /** Signs a demo user in (password demo1234), signing out whoever was in. */
  as(login: string): Promise<void>;
  close(): Promise<void>;
}

export async function openTestDesk(): Promise<TestDesk> {
  const desk = await createDesk({ storage: getRxStorageMemory(), name: `matters-${Math.random().toString(36).slice(2)}`, clock: () => new Date() });
  await seedDemo(desk.db, { N: 2 ** 10 });
  const transport = inProcessTransport(desk.api, desk, (error) => console.error(error));
  return {
    desk,
    transport,
    async as(login) {
      await transport.invoke('session-logout', {});
      await transport.invoke('session-login', { login, password: DEMO_PASSWORD });
    },
    close: () => desk.close(),
  };
}

/** Renders its children once the session is known, as the shell does after login. */
function SignedIn({ children }: { children: ReactNode }) {
  const { session } = useDesk();
  return session ? children : null;
}

/** A page inside the providers the app gives it: antd in zh_CN and the desk on `transport`. */
export function renderPage(transport: Transport, page: ReactNode): RenderResult {
  const signedIn = createElement(SignedIn, { children: page });
  return render(createElement(ConfigProvider, { locale: zhCN, children: createElement(App, { children: createElement(DeskProvider, { transport, children: signedIn }) }) }));
}
