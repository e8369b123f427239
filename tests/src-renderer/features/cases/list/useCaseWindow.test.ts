// @vitest-environment jsdom
import { createElement } from 'react';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiArgs, CaseSummary, Session } from '#shared/contract/api';
import type { Transport } from '#shared/contract/transport';
import { CasesPage } from '../../../../../src-renderer/features/cases';
import { useCasesUi } from '../../../../../src-renderer/features/cases/cases-store';
import { installDomStubs, renderPage } from '../support';

/**
 * 100,000 matters behind a transport that answers `case-list` from arithmetic (the one place a test may fake: the
 * transport edge): the list must ask only for the blocks in view, never for all rows.
 */
const TOTAL = 100_000;
const session: Session = {
  user: { id: 'user-qs-handler', login: 'qs-handler', name: '青山镇办理人', roles: ['handler'] },
  office: { id: 'office-qingshan', name: '青山镇人民政府', code: '999901101', kind: 'township' },
};

function summary(i: number): CaseSummary {
  return {
    id: `case-${i}`,
    caseNumber: `999901101-2026-000000-${String(i).padStart(6, '0')}`,
    status: 'registered',
    channel: 'visit',
    title: `第${i}号事项`,
    receivedAt: new Date(Date.UTC(2026, 0, 1) - i * 60_000).toISOString(),
    currentOfficeId: 'office-qingshan',
    flags: [],
    restricted: false,
    masked: false,
    overdue: false,
    dueSoon: false,
    conflictCount: 0,
  };
}

/** Records the row pages asked for; a call for the total (one row, `withTotal`) is counted apart. */
function syntheticDesk(
  pages: ApiArgs<'case-list'>['page'][],
  totals: { asked: number; answer?: () => Promise<void> },
): Transport {
  return {
    invoke: async (name, args) => {
      if (name === 'session-current') return session as never; // answers the one handler asked
      if (name !== 'case-list') throw new Error(`unexpected ${name}`);
      const { page, withTotal } = args as ApiArgs<'case-list'>; // narrowed by the name
      if (withTotal !== false) {
        totals.asked++;
        await totals.answer?.();
        return { items: [summary(0)], total: TOTAL } as never; // the case-list result
      }
      pages.push(page);
      const from = page?.offset ?? 0;
      const to = Math.min(TOTAL, from + (page?.limit ?? 50));
      return { items: Array.from({ length: to - from }, (_, k) => summary(from + k)) } as never; // the case-list result
    },
    on: () => () => undefined,
  };
}

beforeAll(installDomStubs);
afterEach(cleanup);

describe('the matter list at 100,000 matters', () => {
  it('fetches the first block, then only the blocks scrolled to (End selects the last row)', async () => {
    useCasesUi.setState({ filter: {}, sort: { field: 'receivedAt', direction: 'desc' }, selected: 0 });
    const pages: ApiArgs<'case-list'>['page'][] = [];
    const totals = { asked: 0 };
    renderPage(syntheticDesk(pages, totals), createElement(CasesPage));
    await waitFor(() => expect(screen.getByTestId('cases-total').textContent).toBe('共 100,000 件'), {
      timeout: 10_000,
    });
    await screen.findByText('第0号事项');
    expect(pages).toEqual([{ offset: 0, limit: 200 }]);
    expect(totals.asked).toBe(1);
    expect(document.querySelectorAll('[data-row-index]').length).toBeLessThan(60);

    const table = screen.getByTestId('cases-table');
    act(() => table.focus());
    fireEvent.keyDown(table, { key: 'End' });
    expect(useCasesUi.getState().selected).toBe(TOTAL - 1);
    // jsdom has no layout, so the virtual list cannot scroll itself there: do what the browser would.
    const holder = screen.getByTestId('cases-scroll');
    holder.scrollTop = (TOTAL - 10) * 39;
    fireEvent.scroll(holder);
    await screen.findByText(`第${TOTAL - 1}号事项`, {}, { timeout: 5_000 });
    expect(pages.map((p) => p?.offset)).toContain(99_800);
    // Only blocks near the two ends were ever asked for.
    expect(
      pages.every(
        (p) => p !== undefined && (p.offset === 0 || (p.offset >= 99_000 && p.offset < TOTAL)) && p.limit === 200,
      ),
    ).toBe(true);
    expect(totals.asked).toBe(1);
  });

  it('re-uses its row elements after a jump and a scroll, and shows a row still loading as one cell', async () => {
    useCasesUi.setState({ filter: {}, sort: { field: 'receivedAt', direction: 'desc' }, selected: 0 });
    renderPage(syntheticDesk([], { asked: 0 }), createElement(CasesPage));
    await waitFor(() => expect(screen.getByTestId('cases-total').textContent).toBe('共 100,000 件'), {
      timeout: 10_000,
    });
    const holder = screen.getByTestId('cases-scroll');
    const rows = () => [...holder.querySelectorAll<HTMLElement>('[data-row-index]')];
    const scrollTo = (row: number) => {
      holder.scrollTop = row * 39;
      fireEvent.scroll(holder);
    };
    scrollTo(1_000);
    await screen.findByText('第1000号事项');
    const before = rows();

    // A jump far away: its rows wait for their block in the same elements, then are filled in place.
    scrollTo(50_000);
    const waiting = rows().find((r) => r.dataset.rowIndex === '50000');
    expect(waiting?.textContent).toBe('加载中……');
    expect(waiting?.querySelectorAll('[role="gridcell"]')).toHaveLength(1);
    await screen.findByText('第50000号事项', {}, { timeout: 5_000 });
    scrollTo(50_003);
    await screen.findByText('第50003号事项');

    // The same elements, none moved in the DOM (a row keeps its slot): each is placed by its own offset instead.
    expect(rows()).toEqual(before);
    const shown = [...rows()].sort((a, b) => Number(a.dataset.rowIndex) - Number(b.dataset.rowIndex));
    expect(shown.map((r) => Number(r.dataset.rowIndex))).toEqual(shown.map((_, i) => 50_003 - 6 + i)); // OVERSCAN above
    expect(shown.map((r) => r.style.transform)).toEqual(shown.map((_, i) => `translateY(${(50_003 - 6 + i) * 39}px)`));
    expect(shown[6]?.getAttribute('aria-rowindex')).toBe('50005'); // the header is row 1
    expect(shown[6]?.querySelectorAll('[role="gridcell"]')).toHaveLength(9);
  });

  it('shows the first rows before the total has been counted', async () => {
    useCasesUi.setState({ filter: {}, sort: { field: 'receivedAt', direction: 'desc' }, selected: 0 });
    const release: { done?: () => void } = {};
    const counted = new Promise<void>((resolve) => (release.done = resolve));
    renderPage(syntheticDesk([], { asked: 0, answer: () => counted }), createElement(CasesPage));
    await screen.findByText('第0号事项', {}, { timeout: 10_000 });
    expect(screen.getByTestId('cases-total').textContent).toBe('');
    release.done?.();
    await waitFor(() => expect(screen.getByTestId('cases-total').textContent).toBe('共 100,000 件'));
  });
});
