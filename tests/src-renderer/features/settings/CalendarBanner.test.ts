// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { calendarDocOf } from '#shared/domain/calendar-merge';
import { parseHolidayNotice } from '#shared/domain/calendar-notice';
import { calendarMessages } from '#shared/messages/zh-CN';
import { useNav } from '../../../../src-renderer/app/nav-store';
import { EXAMPLE_2027 } from '../../../shared/domain/holiday-notices';
import { installDomShims, openTestDesk, renderDesk, type TestDesk } from '../../support';

/**
 * The holiday calendar banner on every page and the covered years on the settings page, on the real desk core.
 * Deadlines in a year the calendar lacks are only a Mon–Fri guess (民法典 第二百零三条 moves a last day that is a
 * rest day), so from 1 November (Beijing time, on the desk clock) the desk asks for the next year's 放假安排.
 */
let desk: TestDesk | undefined;
beforeAll(installDomShims);
afterEach(async () => {
  cleanup();
  useNav.setState({ page: { name: 'intake' } });
  await desk?.close();
  desk = undefined;
});

const t = calendarMessages.settings;

async function openAt(instant: string): Promise<TestDesk> {
  desk = await openTestDesk('qs-reception', () => new Date(instant));
  await renderDesk(desk.transport);
  await screen.findByTestId('desk-user');
  return desk;
}

// antd in jsdom is slow: room for a loaded machine.
describe('民法典 第二百零三条 the desk asks for a year its holiday calendar lacks', { timeout: 90_000 }, () => {
  it('on 2026-12-05 the banner asks for 2027 on every page; settings lists 2024–2026; once 2027 arrives the banner goes', async () => {
    const { desk: core } = await openAt('2026-12-05T02:00:00Z');
    const banner = await screen.findByTestId('calendar-banner');
    expect(banner.textContent).toContain(calendarMessages.banner([2027]));
    expect(banner.textContent).toContain('县信访局');

    await userEvent.setup({ delay: null }).click(screen.getByText(calendarMessages.nav));
    const years = await screen.findByTestId('calendar-years');
    for (const year of [2024, 2025, 2026])
      expect(within(years).getAllByText(t.yearLabel(year)).length).toBeGreaterThan(0);
    expect(within(years).getByText(t.missing([2027]))).toBeTruthy();
    expect(screen.getByTestId('calendar-banner')).toBeTruthy(); // on the settings page too

    const parsed = parseHolidayNotice(2027, EXAMPLE_2027);
    if (!parsed.ok) throw new Error('the example file is valid');
    await core.db.calendars.insert(calendarDocOf(parsed.notice, 1, '2026-12-05T01:00:00.000Z')); // as replication writes it
    await waitFor(() => expect(screen.queryByTestId('calendar-banner')).toBeNull());
    expect(await within(years).findByText(t.complete)).toBeTruthy();
    expect(within(years).getAllByText(t.yearLabel(2027)).length).toBeGreaterThan(0);
    expect(within(years).getByText(t.county('2026-12-05'))).toBeTruthy();
  });

  it.each([
    ['2026-10-31T15:59:00Z', false, 'Beijing 10-31 23:59: 2026 is enough'],
    ['2026-10-31T16:00:00Z', true, 'Beijing 11-01 00:00: 2027 is needed'],
  ])('desk clock %s: banner %s (%s)', async (instant, shown) => {
    await openAt(instant);
    if (shown)
      expect((await screen.findByTestId('calendar-banner')).textContent).toContain(calendarMessages.banner([2027]));
    else {
      await userEvent.setup({ delay: null }).click(screen.getByText(calendarMessages.nav));
      expect(await within(await screen.findByTestId('calendar-years')).findByText(t.complete)).toBeTruthy();
      expect(screen.queryByTestId('calendar-banner')).toBeNull();
    }
  });
});
