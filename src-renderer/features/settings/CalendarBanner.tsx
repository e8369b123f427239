import { Alert } from 'antd';
import { useEffect } from 'react';
import { calendarMessages as t } from '#shared/messages/zh-CN';
import { useApi } from '../../app/useApi';

/** The day turns (31 October → 1 November, 31 December → 1 January) while a desk stays open all day. */
const RECHECK_MS = 60 * 60 * 1000;

/**
 * On every page: the holiday calendar lacks the current year, or from 1 November the next one (calendar-status,
 * on the desk clock's Beijing day). Deadlines in such a year are only a Mon–Fri guess (民法典 第二百零三条 moves a
 * last day that is a rest day), so the user is told to ask the county 信访局 to load the year's 放假安排.
 */
export function CalendarBanner() {
  const { data, reload } = useApi('calendar-status', {}, ['calendars', 'session']);
  useEffect(() => {
    const timer = setInterval(reload, RECHECK_MS);
    return () => clearInterval(timer);
  }, [reload]);
  if (!data || data.missingYears.length === 0) return null;
  // A standing notice, not an event: a polite status region, so it is not announced again on every page.
  return (
    <Alert
      type="warning"
      showIcon
      banner
      role="status"
      className="desk-calendar-banner"
      data-testid="calendar-banner"
      title={t.bannerTitle}
      description={t.banner(data.missingYears)}
    />
  );
}
