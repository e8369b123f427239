import type { Api } from '../../contract/api';
import { missingCalendarYears } from '../../domain/calendar-notice';
import { requireSession, today, type DeskContext } from '../context';
import type { DeskCalendar } from '../desk-calendar';

/**
 * The holiday calendar as the desk shows it: the covered years and where each comes from (the settings page), and
 * the years it needs but lacks on the desk clock's Beijing day (the banner: the current year, and from 1 November
 * the next one). A deadline in a missing year is only a Mon–Fri guess (民法典 第二百零三条 needs the real rest days).
 */
export function calendarHandlers(ctx: DeskContext, calendar: DeskCalendar): Pick<Api, 'calendar-status'> {
  return {
    async 'calendar-status'() {
      requireSession(ctx);
      const day = today(ctx);
      return {
        today: day,
        years: [...calendar.years],
        missingYears: missingCalendarYears(day, calendar.current.coveredYears),
      };
    },
  };
}
