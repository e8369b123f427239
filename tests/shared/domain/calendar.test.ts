import { describe, it, expect } from 'vitest';
// chinese-days is a devDependency: the reference for the generated table, imported by tests only, never by shared/.
// Its data file is used rather than its isWorkday(): that API shifts days by one in time zones west of UTC.
import chineseDays from 'chinese-days/dist/chinese-days.json';
import {
  addDays,
  beijingDay,
  calendarFromEntries,
  dayOfWeek,
  daysBetween,
  defaultCalendar,
  fromDayNumber,
  holidayName,
  isValidDay,
  isWorkingDay,
  toDayNumber,
  yearOf,
} from '#shared/domain/calendar';
import type { HolidayCalendar } from '#shared/domain/calendar';
import { CALENDAR_SOURCE } from '#shared/domain/calendar-data';

describe('day helpers (UTC arithmetic on Beijing days)', () => {
  it.each([
    ['2025-10-01', 0, '2025-10-01'],
    ['2025-08-02', 60, '2025-10-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2026-12-20', 15, '2027-01-04'],
  ])('addDays(%s, %i) = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it.each([
    ['1970-01-01', 4],
    ['2025-10-11', 6],
    ['2025-10-12', 0],
    ['2025-10-13', 1],
    ['2026-02-02', 1],
    ['1969-12-31', 3],
  ])('dayOfWeek(%s) = %i (0 = Sunday)', (day, dow) => {
    expect(dayOfWeek(day)).toBe(dow);
  });

  it.each([
    ['2025-08-02', '2025-10-01', 60],
    ['2025-10-01', '2025-08-02', -60],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-05-05', '2025-05-05', 0],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('day numbers round-trip and count from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(fromDayNumber(toDayNumber('2026-12-31'))).toBe('2026-12-31');
    expect(yearOf('2027-01-01')).toBe(2027);
  });

  it.each([
    '2025-2-3',
    '2025-02-30',
    '2025-13-01',
    '2025-00-10',
    '',
    ' 2025-02-03',
    '2025-02-03T00:00:00Z',
    '0999-01-01',
    '20250203',
  ])('malformed day %j throws a RangeError', (bad) => {
    expect(isValidDay(bad)).toBe(false);
    expect(() => toDayNumber(bad)).toThrow(RangeError);
    expect(() => addDays(bad, 1)).toThrow(/Invalid day/);
    expect(() => isWorkingDay(bad, defaultCalendar)).toThrow(RangeError);
  });

  it('addDays rejects a non-integer count', () => {
    expect(() => addDays('2025-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('beijingDay: legal days are Beijing (UTC+8) days (民法典 第二百零三条: ends at 24:00)', () => {
  it.each([
    ['2025-09-30T17:30:00.000Z', '2025-10-01'],
    ['2025-09-30T15:59:59.999Z', '2025-09-30'],
    ['2025-09-30T16:00:00Z', '2025-10-01'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['2025-10-01T00:30:00+08:00', '2025-10-01'],
    ['2025-09-30T20:00:00-05:00', '2025-10-01'],
    ['2025-10-01T07:59+00:00', '2025-10-01'],
  ])('%s → %s', (instant, day) => {
    expect(beijingDay(instant)).toBe(day);
  });

  it.each(['2025-09-30T17:30:00', '2025-09-30', 'yesterday', '2025-02-30T00:00:00Z', '2025-09-30 17:30:00Z'])(
    'rejects %j (no offset, or not an ISO-8601 instant)',
    (bad) => {
      expect(() => beijingDay(bad)).toThrow(RangeError);
    },
  );
});

describe('defaultCalendar (全国年节及纪念日放假办法, 国务院办公厅 schedules 2024–2026)', () => {
  it('is versioned and covers exactly 2024–2026', () => {
    expect(defaultCalendar.version).toBe('cn-2026.1');
    expect(defaultCalendar.coveredYears).toEqual([2024, 2025, 2026]);
    expect(CALENDAR_SOURCE).toBe('chinese-days@1.5.7');
  });

  it('restDays are all Mon–Fri and workDays all Sat/Sun', () => {
    for (const day of defaultCalendar.restDays) expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(day));
    for (const day of defaultCalendar.workDays) expect([0, 6]).toContain(dayOfWeek(day));
  });

  it.each([
    ['2025-10-01', false, false, '国庆 (第六条 statutory holiday)'],
    ['2025-10-06', false, false, '中秋 inside the 国庆 break'],
    ['2025-10-08', false, false, '调休 rest day (Wednesday)'],
    ['2025-10-09', true, false, 'ordinary Thursday after the break'],
    ['2025-10-11', true, false, '调休 make-up Saturday (第七条)'],
    ['2025-10-12', false, false, 'ordinary Sunday'],
    ['2025-01-26', true, false, '春节 make-up Sunday'],
    ['2026-02-14', true, false, '春节 make-up Saturday 2026'],
    ['2026-02-23', false, false, '春节 2026 调休 Monday'],
    ['2027-01-01', true, true, 'uncovered 2027: Mon–Fri guess, flagged'],
    ['2027-01-02', false, true, 'uncovered 2027 Saturday'],
    ['2023-10-02', true, true, 'uncovered 2023: really 国庆, only guessed'],
  ])('isWorkingDay(%s) = working %s, uncertain %s — %s', (day, working, uncertain) => {
    expect(isWorkingDay(day, defaultCalendar)).toEqual({ working, uncertain });
  });

  it('records the holiday name of rest and make-up days', () => {
    expect(holidayName('2025-10-08', defaultCalendar)).toBe('国庆节');
    expect(holidayName('2025-10-06', defaultCalendar)).toBe('中秋');
    expect(holidayName('2025-04-27', defaultCalendar)).toBe('劳动节');
    expect(holidayName('2025-10-09', defaultCalendar)).toBeUndefined();
  });

  it('matches chinese-days for every day of 2024–2026 (working flag and holiday name)', () => {
    const holidays: Record<string, string> = chineseDays.holidays;
    const workdays: Record<string, string> = chineseDays.workdays;
    let checked = 0;
    for (let day = '2024-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
      const weekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
      // chinese-days' own rule: a make-up day works; otherwise Mon–Fri works unless it is a holiday.
      const working = day in workdays || (!weekend && !(day in holidays));
      const own = isWorkingDay(day, defaultCalendar);
      expect({ day, ...own }).toEqual({ day, working, uncertain: false });
      if (weekend === working) {
        // A rest Mon–Fri or a make-up Sat/Sun must carry the package's Chinese holiday name.
        const raw = workdays[day] ?? holidays[day] ?? '';
        expect(holidayName(day, defaultCalendar)).toBe(raw.split(',')[1]);
      }
      checked++;
    }
    expect(checked).toBe(366 + 365 + 365);
  });
});

describe('other calendars (a county-pushed schedule)', () => {
  const pushed: HolidayCalendar = calendarFromEntries(
    'cn-2027.1',
    [2027],
    [{ day: '2027-01-01', name: '元旦' }],
    [{ day: '2027-01-02', name: '元旦' }],
  );

  it('covers its own years only', () => {
    expect(isWorkingDay('2027-01-01', pushed)).toEqual({ working: false, uncertain: false });
    expect(isWorkingDay('2027-01-02', pushed)).toEqual({ working: true, uncertain: false });
    expect(isWorkingDay('2025-10-01', pushed)).toEqual({ working: true, uncertain: true });
  });

  it('rejects a malformed day in the table when first used', () => {
    const broken: HolidayCalendar = { version: 'x', coveredYears: [2025], restDays: ['2025-10-32'], workDays: [] };
    expect(() => isWorkingDay('2025-10-01', broken)).toThrow(RangeError);
  });
});
