import { createElement, Fragment, type ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { Transport } from '#shared/contract/transport';
import { DeskProvider, useDesk } from '../../../../src-renderer/app/desk-context';
import { DirectoryLoader } from '../../../../src-renderer/app/directory';

/**
 * The matters and petitioner pages against a real desk core (RxDB memory storage, demo county) behind the
 * in-process transport (the desk and the jsdom shims come from tests/src-renderer/support.ts), rendered inside
 * the providers the app gives them. Test files say `// @vitest-environment jsdom`.
 */

export { installDomShims as installDomStubs, openTestDesk, type TestDesk } from '../../support';

/** Renders its children once the session is known, with the office directory, as the shell does after login. */
function SignedIn({ children }: { children: ReactNode }) {
  const { session } = useDesk();
  return session ? createElement(Fragment, null, createElement(DirectoryLoader), children) : null;
}

/** A page inside the providers the app gives it: antd in zh_CN and the desk on `transport`. */
export function renderPage(transport: Transport, page: ReactNode): RenderResult {
  const signedIn = createElement(SignedIn, { children: page });
  return render(
    createElement(ConfigProvider, {
      locale: zhCN,
      children: createElement(App, { children: createElement(DeskProvider, { transport, children: signedIn }) }),
    }),
  );
}
