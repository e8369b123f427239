// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '#shared/contract/events';
import type { Transport } from '#shared/contract/transport';
import { syncStateText } from '#shared/messages/zh-CN';
import { installDomShims, openTestDesk, renderDesk, type TestDesk } from '../support';

/**
 * The top bar's sync state: read from the core, then kept current by `sync-status-changed`. The events come from a
 * stand-in at the transport edge (the county server is another issue); calls go to the real core.
 */
let desk: TestDesk;
beforeAll(installDomShims);
beforeEach(async () => {
  localStorage.clear();
  desk = await openTestDesk('qs-reception');
});
afterEach(async () => {
  cleanup();
  await desk.close();
});

function withSyncEvents(inner: Transport): { transport: Transport; publish(status: SyncStatus): void } {
  const listeners = new Set<(s: SyncStatus) => void>();
  return {
    transport: {
      invoke: (name, args) => inner.invoke(name, args),
      on: (event, listener) => {
        if (event !== 'sync-status-changed') return inner.on(event, listener);
        const l = listener as (s: SyncStatus) => void; // this branch is the sync-status-changed event
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
    publish: (status) => listeners.forEach((l) => l(status)),
  };
}

// antd in jsdom is slow (a full re-render per typed key): room for a loaded CI machine.
describe('the sync state in the top bar', { timeout: 90_000 }, () => {
  it('shows 未配置 for a desk without a server, then offline with the pending count, and the details on click', async () => {
    const { transport, publish } = withSyncEvents(desk.transport);
    await renderDesk(transport);
    const indicator = await screen.findByTestId('sync-indicator');
    await waitFor(() => expect(indicator.textContent).toContain(syncStateText.disabled));
    publish({
      state: 'offline',
      pending: 3,
      lastSuccessAt: '2025-12-01T02:00:00.000Z',
      lastError: 'server-unreachable',
    });
    await waitFor(() => expect(indicator.textContent).toContain('待上传 3 条'));
    expect(indicator.textContent).toContain(syncStateText.offline);
    await userEvent.setup({ delay: null }).click(indicator);
    expect(await screen.findByText('连接不上县级服务器，数据已保存在本机，网络恢复后自动同步。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '立即同步' })).toHaveProperty('disabled', false);
  });
});
