import { describe, expect, it } from 'vitest';
import { defaultCalendar, holidayName, isWorkingDay } from '#shared/domain/calendar';
import { calendarDocOf, mergeCalendars } from '#shared/domain/calendar-merge';
import { parseHolidayNotice } from '#shared/domain/calendar-notice';
import type { CalendarDoc } from '#shared/domain/documents';
import { EXAMPLE_2027, NOTICE_2026 } from './holiday-notices';

function doc(year: number, text: string, revision = 1, at = '2026-11-20T02:00:00.000Z'): CalendarDoc {
  const result = parseHolidayNotice(year, text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return calendarDocOf(result.notice, revision, at);
}

describe('the desk calendar: the bundled table and the years the county loaded (放假办法 第二条、第六条、第七条)', () => {
  it('without county documents it is the bundled calendar', () => {
    const { calendar, years } = mergeCalendars(defaultCalendar, []);
    expect(calendar).toMatchObject({
      version: defaultCalendar.version,
      coveredYears: [2024, 2025, 2026],
      restDays: defaultCalendar.restDays,
      workDays: defaultCalendar.workDays,
    });
    expect(years.map((y) => [y.year, y.source])).toEqual([
      [2024, 'bundled'],
      [2025, 'bundled'],
      [2026, 'bundled'],
    ]);
  });

  it('a loaded 2027 is covered: its days are no longer a Mon–Fri guess (民法典 第二百零三条 needs the real rest days)', () => {
    expect(isWorkingDay('2027-01-01', defaultCalendar)).toEqual({ working: true, uncertain: true });
    const { calendar, years } = mergeCalendars(defaultCalendar, [doc(2027, EXAMPLE_2027)]);
    expect(calendar.coveredYears).toEqual([2024, 2025, 2026, 2027]);
    expect(calendar.version).toBe('cn-2026.1+county-2027.1');
    expect(isWorkingDay('2027-01-01', calendar)).toEqual({ working: false, uncertain: false });
    expect(isWorkingDay('2027-02-14', calendar)).toEqual({ working: true, uncertain: false }); // 调休上班 Sunday
    expect(isWorkingDay('2026-10-08', calendar)).toEqual({ working: true, uncertain: false }); // 2026 still bundled
    expect(holidayName('2026-10-07', calendar)).toBe('国庆节');
    expect(years.at(-1)).toEqual({
      year: 2027,
      source: 'county',
      version: 'county-2027.1',
      loadedAt: '2026-11-20T02:00:00.000Z',
    });
  });

  it('a year loaded again replaces the earlier load as a whole (the later loaded wins)', () => {
    const first = doc(2027, EXAMPLE_2027, 1, '2026-11-20T02:00:00.000Z');
    const corrected = doc(
      2027,
      EXAMPLE_2027.replace('休 2027-06-09 ', '休 2027-06-10 '),
      2,
      '2026-11-25T02:00:00.000Z',
    );
    for (const docs of [
      [first, corrected],
      [corrected, first],
    ]) {
      const { calendar } = mergeCalendars(defaultCalendar, docs);
      expect(isWorkingDay('2027-06-09', calendar).working).toBe(true);
      expect(isWorkingDay('2027-06-10', calendar).working).toBe(false);
    }
  });

  it('a county document for a bundled year overrides the bundled table for that year only', () => {
    const corrected = doc(2026, NOTICE_2026.replace('休 2026-06-19 至 2026-06-21', '休 2026-06-18 至 2026-06-21'));
    const { calendar, years } = mergeCalendars(defaultCalendar, [corrected]);
    expect(isWorkingDay('2026-06-18', calendar)).toEqual({ working: false, uncertain: false });
    expect(isWorkingDay('2025-10-08', calendar)).toEqual({ working: false, uncertain: false });
    expect(years.find((y) => y.year === 2026)?.source).toBe('county');
    expect(holidayName('2026-10-07', calendar)).toBeUndefined(); // county files carry no names
  });

  it('the days a notice moves in the December before override the older year (the 2019 notice and 2018-12-29/31)', () => {
    const old: CalendarDoc = {
      id: 'calendar-2018',
      version: 'county-2018.1',
      coveredYears: [2018],
      restDays: ['2018-10-01'],
      workDays: [],
      updatedAt: '2017-11-30T00:00:00.000Z',
    };
    const next = doc(
      2019,
      '班 2018-12-29\n休 2018-12-30 至 2019-01-01\n休 2019-05-01\n休 2019-10-01 至 2019-10-07\n',
      1,
      '2018-12-06T00:00:00.000Z',
    );
    const { calendar } = mergeCalendars(defaultCalendar, [next, old]);
    expect(isWorkingDay('2018-12-29', calendar)).toEqual({ working: true, uncertain: false });
    expect(isWorkingDay('2018-12-31', calendar)).toEqual({ working: false, uncertain: false });
    expect(isWorkingDay('2018-12-28', calendar)).toEqual({ working: true, uncertain: false });
  });

  it('the server copy of the bundled table (admin demo) changes nothing and still counts as bundled', () => {
    const seeded: CalendarDoc = {
      id: 'calendar-cn-2026.1',
      version: defaultCalendar.version,
      coveredYears: [2024, 2025, 2026],
      restDays: [...defaultCalendar.restDays],
      workDays: [...defaultCalendar.workDays],
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const { calendar, years } = mergeCalendars(defaultCalendar, [seeded]);
    expect(calendar).toMatchObject({
      version: defaultCalendar.version,
      coveredYears: [2024, 2025, 2026],
      restDays: defaultCalendar.restDays,
      workDays: defaultCalendar.workDays,
    });
    expect(years.every((y) => y.source === 'bundled')).toBe(true);
    const newer = { ...seeded, version: 'cn-2026.2', restDays: [...seeded.restDays, '2026-06-18'] };
    expect(isWorkingDay('2026-06-18', mergeCalendars(defaultCalendar, [newer]).calendar).working).toBe(false); // a newer release's table
  });
});
