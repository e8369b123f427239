// @vitest-environment jsdom
import { createElement } from 'react';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiArgs } from '#shared/contract/api';
import type { Transport } from '#shared/contract/transport';
import { CasesPage } from '../../../../../src-renderer/features/cases';
import { useCasesUi } from '../../../../../src-renderer/features/cases/cases-store';
import { useNav } from '../../../../../src-renderer/app/nav-store';
import { walkIn } from '../../../../fixtures';
import { installDomStubs, openTestDesk, renderPage, type TestDesk } from '../support';

/** The matter list against a real desk core: filters reach case-list, overdue rows are marked, the keyboard works. */

const DAY = 86_400_000;
let t: TestDesk;
let lists: ApiArgs<'case-list'>[];
let spy: Transport;
const ids: Record<'overdue' | 'letter' | 'fresh', string> = { overdue: '', letter: '', fresh: '' };

beforeAll(installDomStubs);
beforeEach(async () => {
  useCasesUi.setState({ filter: {}, sort: { field: 'receivedAt', direction: 'desc' }, selected: 0 });
  t = await openTestDesk();
  await t.as('qs-reception');
  const register = (extra: Parameters<typeof walkIn>[0]) =>
    t.transport
      .invoke('petition-register', { registration: walkIn({ petitioners: [], ...extra }), case: { kind: 'new' } })
      .then((r) => r.caseId);
  // 20 days ago: the 15-day notice clock (第二十三条) has run out.
  ids.overdue = await register({ receivedAt: new Date(Date.now() - 20 * DAY).toISOString() });
  ids.letter = await register({ channel: 'letter', receivedAt: new Date(Date.now() - 2 * DAY).toISOString() });
  ids.fresh = await register({ receivedAt: new Date(Date.now() - 60_000).toISOString() });
  lists = [];
  // The real transport, recording what the list asks for.
  spy = {
    invoke: (name, args) => {
      if (name === 'case-list') lists.push(args as ApiArgs<'case-list'>); // narrowed by the name
      return t.transport.invoke(name, args);
    },
    on: (event, listener) => t.transport.on(event, listener),
  };
});
afterEach(async () => {
  cleanup();
  await t.close();
});

const rows = () => [...document.querySelectorAll<HTMLElement>('[data-row-index]')];
const setup = () => userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });

async function openList() {
  renderPage(spy, createElement(CasesPage));
  // The first render of antd in jsdom is slow: give it more than waitFor's default second.
  await waitFor(() => expect(screen.getByTestId('cases-total').textContent).toBe('共 3 件'), { timeout: 10_000 });
  await waitFor(() => expect(rows().filter((r) => r.textContent?.includes('要求补发'))).toHaveLength(3));
}

describe('事项 list', { timeout: 60_000 }, () => {
  it('is newest first, fetched by block, and marks the overdue row (第二十三条 15 日)', async () => {
    await openList();
    expect(lists[0]).toMatchObject({
      filter: {},
      sort: { field: 'receivedAt', direction: 'desc' },
      page: { offset: 0, limit: 200 },
    });
    const marked = rows().filter((r) => r.dataset.overdue === 'true');
    expect(marked).toHaveLength(1);
    expect(marked[0]!.dataset.rowIndex).toBe('2'); // the oldest, last in newest-first order
    expect(marked[0]!.className).toContain('xf-overdue');
    expect(within(marked[0]!).getByText((_, el) => el?.getAttribute('data-due-state') === 'overdue')).toBeTruthy();
  });

  it('sends the overdue and channel filters to case-list and shows what comes back', async () => {
    const user = setup();
    await openList();
    await user.click(screen.getByRole('checkbox', { name: '已超期' }));
    await waitFor(() => expect(lists.at(-1)?.filter).toEqual({ overdue: true }));
    await waitFor(() => expect(screen.getByTestId('cases-total').textContent).toBe('共 1 件'));
    await user.click(screen.getByRole('checkbox', { name: '已超期' }));

    await user.click(screen.getByLabelText('信访形式'));
    const letter = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
        (o) => o.textContent === '来信',
      );
      if (!found) throw new Error('no 来信 option');
      return found;
    });
    await user.click(letter);
    await waitFor(() => expect(lists.at(-1)?.filter).toEqual({ channel: ['letter'] }));
    await waitFor(() => expect(screen.getByTestId('cases-total').textContent).toBe('共 1 件'));
    await waitFor(() => expect(rows()[0]?.textContent).toContain('来信'));
  });

  it('moves with ↓/↑ and opens the selected matter with Enter', async () => {
    await openList();
    const table = screen.getByTestId('cases-table');
    act(() => table.focus());
    fireEvent.keyDown(table, { key: 'ArrowDown' });
    fireEvent.keyDown(table, { key: 'ArrowDown' });
    fireEvent.keyDown(table, { key: 'ArrowUp' });
    await waitFor(() =>
      expect(rows().find((r) => r.getAttribute('aria-selected') === 'true')?.dataset.rowIndex).toBe('1'),
    );
    fireEvent.keyDown(table, { key: 'Enter' });
    expect(useNav.getState().page).toEqual({ name: 'case', id: ids.letter });
  });
});
