import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '#shared/domain/calendar';
import {
  calendarProblemCodes,
  fixedStatutoryHolidays,
  missingCalendarYears,
  parseHolidayNotice,
  yearsToCover,
  type CalendarProblem,
  type CalendarProblemCode,
} from '#shared/domain/calendar-notice';
import { EXAMPLE_2027, NOTICE_2026 } from './holiday-notices';

const problems = (year: number, text: string): readonly CalendarProblem[] => {
  const result = parseHolidayNotice(year, text);
  return result.ok ? [] : result.problems;
};
/** The fixed-date holidays of 2027 (第二条), so a file under test is refused only for what it is about. */
const FIXED_2027 = '休 2027-01-01\n休 2027-05-03 至 2027-05-04\n休 2027-10-01\n休 2027-10-04 至 2027-10-05\n';

describe('the 放假安排 file (全国年节及纪念日放假办法 第二条、第六条、第七条)', () => {
  it('the 2026 notice typed in the file format gives exactly the bundled 2026 table (weekend rest days dropped)', () => {
    const result = parseHolidayNotice(2026, NOTICE_2026);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.notice.restDays).toEqual(defaultCalendar.restDays.filter((d) => d.startsWith('2026-')));
    expect(result.notice.workDays).toEqual(defaultCalendar.workDays.filter((d) => d.startsWith('2026-')));
  });

  it('reads the example 2027 file: ranges, comments, weekends not listed as rest days', () => {
    const result = parseHolidayNotice(2027, EXAMPLE_2027);
    expect(result).toMatchObject({
      ok: true,
      notice: {
        year: 2027,
        workDays: ['2027-02-14', '2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09'],
      },
    });
    if (!result.ok) return;
    expect(result.notice.restDays).toContain('2027-01-01');
    expect(result.notice.restDays).not.toContain('2027-01-02'); // a Saturday: a rest day without being listed
    expect(result.notice.restDays).toHaveLength(1 + 6 + 1 + 3 + 1 + 1 + 5);
  });

  it('accepts what a county administrator types: 年月日 and slashes, no space after 休, full-width spaces, a BOM, CRLF', () => {
    const text =
      '\uFEFF# 2027\r\n休2027年1月1日\r\n休　2027/5/3 ～ 2027/5/4 ＃劳动节\r\n休 2027-10-1~2027-10-5\r\n班 2027.2.14\r\n';
    expect(parseHolidayNotice(2027, text)).toEqual({
      ok: true,
      notice: {
        year: 2027,
        restDays: ['2027-01-01', '2027-05-03', '2027-05-04', '2027-10-01', '2027-10-04', '2027-10-05'],
        workDays: ['2027-02-14'],
      },
    });
  });

  it('takes the December before the year: the 2019 notice moved 2018-12-29 (班) and 12-31 (休) for 元旦', () => {
    const notice2019 = '班 2018-12-29\n休 2018-12-30 至 2019-01-01\n休 2019-05-01\n休 2019-10-01 至 2019-10-07\n';
    expect(parseHolidayNotice(2019, notice2019)).toMatchObject({
      ok: true,
      notice: {
        restDays: [
          '2018-12-31',
          '2019-01-01',
          '2019-05-01',
          '2019-10-01',
          '2019-10-02',
          '2019-10-03',
          '2019-10-04',
          '2019-10-07',
        ],
        workDays: ['2018-12-29'],
      },
    });
  });

  const refused: [CalendarProblemCode, number, string, CalendarProblem[]][] = [
    ['year-invalid', 1999, FIXED_2027, [{ code: 'year-invalid' }]],
    ['file-encoding', 2027, `${FIXED_2027}# \uFFFD\uFFFD\n`, [{ code: 'file-encoding' }]],
    ['file-empty', 2027, '# 只有说明\n\n', [{ code: 'file-empty' }]],
    [
      'line-unreadable',
      2027,
      `${FIXED_2027}放 2027-06-09\n休 2027-06-09 至\n休 2027-06-09 2027-06-10\n休 6月9日\n`,
      [5, 6, 7, 8].map((line) => ({ code: 'line-unreadable', line })),
    ],
    [
      'not-a-date',
      2027,
      `${FIXED_2027}休 2027-02-30\n休 2027-13-01\n`,
      [
        { code: 'not-a-date', line: 5, day: '2027-02-30' },
        { code: 'not-a-date', line: 6, day: '2027-13-01' },
      ],
    ],
    [
      'wrong-year',
      2027,
      `${FIXED_2027}休 2026-10-08\n休 2028-01-03\n休 2026-12-31\n`,
      [
        { code: 'wrong-year', line: 5, day: '2026-10-08' },
        { code: 'wrong-year', line: 6, day: '2028-01-03' },
      ],
    ],
    [
      'range-reversed',
      2027,
      `${FIXED_2027}休 2027-02-11 至 2027-02-05\n`,
      [{ code: 'range-reversed', line: 5, day: '2027-02-05' }],
    ],
    [
      'duplicate-day',
      2027,
      `${FIXED_2027}休 2027-02-08 至 2027-02-10\n休 2027-02-10\n`,
      [{ code: 'duplicate-day', line: 6, day: '2027-02-10' }],
    ],
    [
      'rest-and-work',
      2027,
      `${FIXED_2027}休 2027-02-13 至 2027-02-15\n班 2027-02-14\n`,
      [{ code: 'rest-and-work', line: 6, day: '2027-02-14' }],
    ],
    [
      'work-on-weekday',
      2027,
      `${FIXED_2027}班 2027-02-15\n`,
      [{ code: 'work-on-weekday', line: 5, day: '2027-02-15' }],
    ],
    [
      'statutory-holiday-not-rest',
      2027,
      '休 2027-05-03\n',
      [
        { code: 'statutory-holiday-not-rest', day: '2027-01-01' },
        { code: 'statutory-holiday-not-rest', day: '2027-10-01' },
      ],
    ],
  ];

  it('every reason code has a test below', () => {
    expect(new Set(refused.map(([code]) => code))).toEqual(new Set(calendarProblemCodes));
  });

  it.each(refused)('refuses %s (year %i)', (_code, year, text, expected) => {
    expect(problems(year, text)).toEqual(expected);
  });

  it('reports every problem of a file at once, each on its line', () => {
    const text = `${FIXED_2027}休 2027-02-30\n班 2027-02-15\n放假 2027-02-16\n`;
    expect(problems(2027, text).map((p) => [p.code, p.line])).toEqual([
      ['not-a-date', 5],
      ['work-on-weekday', 6],
      ['line-unreadable', 7],
    ]);
  });
});

describe('第二条 fixed-date holidays must be rest days in every loaded year', () => {
  it.each([
    [2024, ['2024-01-01', '2024-05-01', '2024-10-01', '2024-10-02', '2024-10-03']],
    [2027, ['2027-01-01', '2027-05-01', '2027-05-02', '2027-10-01', '2027-10-02', '2027-10-03']],
  ])('%i: 元旦, 劳动节 (two days from 2025 on, 2024年修订), 国庆节', (year, days) => {
    expect(fixedStatutoryHolidays(year)).toEqual(days);
  });

  it('a weekend holiday needs no line, but a weekend holiday listed as 班 is refused', () => {
    // 2027-05-01/02 are Saturday and Sunday: rest days without a line.
    expect(parseHolidayNotice(2027, FIXED_2027).ok).toBe(true);
    expect(problems(2027, `${FIXED_2027}班 2027-05-02\n`)).toEqual([
      { code: 'statutory-holiday-not-rest', day: '2027-05-02' },
    ]);
  });
});

describe('which years a desk must cover (the banner)', () => {
  it.each([
    ['2026-01-01', [2026]],
    ['2026-10-31', [2026]],
    ['2026-11-01', [2026, 2027]],
    ['2026-12-05', [2026, 2027]],
    ['2026-12-31', [2026, 2027]],
    ['2027-01-01', [2027]],
  ])('on %s: %j', (today, years) => {
    expect(yearsToCover(today)).toEqual(years);
  });

  it('on 2026-12-05 a desk with the bundled 2024–2026 lacks 2027; with 2027 loaded it lacks nothing', () => {
    expect(missingCalendarYears('2026-12-05', defaultCalendar.coveredYears)).toEqual([2027]);
    expect(missingCalendarYears('2026-12-05', [...defaultCalendar.coveredYears, 2027])).toEqual([]);
    expect(missingCalendarYears('2027-03-01', [2024, 2025, 2026])).toEqual([2027]);
  });
});
