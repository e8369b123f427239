// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inProcessTransport } from '#shared/contract/dispatch';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import type { FetchLike } from '#shared/core/replication-client';
import { apiErrorText, messages, syncErrorText } from '#shared/messages/zh-CN';
import { useNav } from '../../../../src-renderer/app/nav-store';
import { startCounties } from '../../counties';
import { installDomShims, renderDesk } from '../../support';

/**
 * 设置 → 登记本机 and the top bar: the refusals of enrolment and of sync against a server that is
 * not the pinned county reach the person at the desk in Chinese. A real desk core against two real county servers
 * (PGlite); the network is switchable at the desk's fetch.
 */
let counties: Awaited<ReturnType<typeof startCounties>>;
const county = { url: '' };
const stranger = { url: '' };
let desk: Desk | undefined;
const routes = new Map<string, string>();
const net: FetchLike = (url, init) => {
  const from = [...routes.keys()].find((a) => url.startsWith(a));
  return fetch(from === undefined ? url : (routes.get(from) ?? '') + url.slice(from.length), init);
};

beforeAll(async () => {
  installDomShims();
  counties = await startCounties(2);
  [county.url, stranger.url] = counties.urls as [string, string];
});
afterAll(async () => {
  await counties?.stop();
});
afterEach(async () => {
  cleanup();
  routes.clear();
  useNav.setState({ page: { name: 'intake' } });
  await desk?.close();
  desk = undefined;
});

/** A desk enrolled with the county (its first login), `login` signed in, on the settings page. */
async function settingsAs(login: string) {
  desk = await createDesk({
    storage: getRxStorageMemory(),
    name: `enrol-ui-${Math.random().toString(36).slice(2)}`,
    sync: { fetch: net, retry: { minMs: 100, maxMs: 1_000 } },
  });
  const transport = inProcessTransport(desk.api, desk, (error) => console.error(error));
  await transport.invoke('sync-enrol', { login: 'qs-reception', password: DEMO_PASSWORD, serverUrl: county.url });
  await desk.sync.awaitInSync();
  await transport.invoke('session-login', { login, password: DEMO_PASSWORD });
  useNav.setState({ page: { name: 'settings' } });
  await renderDesk(transport);
  return { user: userEvent.setup({ delay: null }), transport };
}

describe('登记本机 on the settings page, and a server that cannot prove it is the county', { timeout: 90_000 }, () => {
  it('a 接待员 is told only a 负责人 or 管理员 enrols the desk', async () => {
    await settingsAs('qs-reception');
    expect(await screen.findByText(messages.enrol.onlyApprover)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /登记本机/ })).toBeNull();
  });

  it('a 负责人 pointing the desk at another county is told why, and only then offered 更换县级服务器', async () => {
    const { user } = await settingsAs('qs-approver');
    const card = await screen.findByTestId('enrol-card');
    expect(within(card).queryByLabelText(messages.enrol.replaceServer)).toBeNull();
    const address = within(card).getByLabelText(messages.enrol.serverUrl);
    await waitFor(() => expect((address as HTMLInputElement).value).toBe(county.url));
    await user.clear(address);
    await user.type(address, stranger.url);
    await user.type(within(card).getByLabelText(messages.enrol.password), DEMO_PASSWORD);
    await user.click(within(card).getByRole('button', { name: /登记本机/ }));
    expect(await within(card).findByText(apiErrorText['server-identity-changed'])).toBeTruthy();
    expect(within(card).getByLabelText(messages.enrol.replaceServer)).toBeTruthy();
    expect(within(card).getByText(messages.enrol.replaceWarning)).toBeTruthy();
  });

  it("the top bar says sync stopped when another server answers at the county's address", async () => {
    const { user } = await settingsAs('qs-approver');
    routes.set(county.url, stranger.url);
    await user.click(await screen.findByTestId('sync-indicator'));
    await user.click(await screen.findByRole('button', { name: '立即同步' }));
    expect(await screen.findByText(syncErrorText['server-identity-mismatch'])).toBeTruthy();
  });
});
