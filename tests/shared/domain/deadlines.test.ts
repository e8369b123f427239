import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, defaultCalendar, fromDayNumber, isWorkingDay, toDayNumber } from '#shared/domain/calendar';
import { daysLeft, dueDate, isDueSoon, isOverdue, workingDaysBetween } from '#shared/domain/deadlines';
import type { Period } from '#shared/domain/deadlines';

const cal = defaultCalendar;
const days = (n: number): Period => ({ days: n, unit: 'calendar' });
const workingDays = (n: number): Period => ({ days: n, unit: 'working' });

describe('domain-research.md §9.3 worked examples (民法典 第二百零一条、第二百零三条)', () => {
  it.each([
    ['第三十四条 60日 from 受理 2025-08-02 → 2025-10-09 (国庆)', '2025-08-02', days(60), '2025-10-09'],
    ['第三十四条 60日 from 2025-03-01 → 2025-04-30 (Wednesday)', '2025-03-01', days(60), '2025-04-30'],
    ['第二十三条 15日 from receipt 2025-09-20 → 2025-10-09 (国庆)', '2025-09-20', days(15), '2025-10-09'],
    ['第二十三条 15日 from 2025-12-01 → 2025-12-16 (Tuesday)', '2025-12-01', days(15), '2025-12-16'],
    ['第三十五条 30日 from 送达 2026-01-03 → 2026-02-02 (Monday)', '2026-01-03', days(30), '2026-02-02'],
    [
      '第二十三条第三款 5个工作日 from 2025-09-29 → 2025-10-13 (10/11 调休 Saturday counts)',
      '2025-09-29',
      workingDays(5),
      '2025-10-13',
    ],
    ['第二十三条第三款 5个工作日 from 2025-01-24 → 2025-02-07 (春节)', '2025-01-24', workingDays(5), '2025-02-07'],
    ['第二十三条第三款 5个工作日 from 2025-04-25 → 2025-05-06 (劳动节)', '2025-04-25', workingDays(5), '2025-05-06'],
  ])('%s', (_name, start, period, due) => {
    expect(dueDate(start, period, cal)).toEqual({ due, uncertain: false });
  });
});

describe('rest-day rule and 调休 (民法典 第二百零三条; 信访工作条例 第二十三条)', () => {
  it.each([
    ['第二十三条 15日 raw day 2025-12-06 is a Saturday → Monday 2025-12-08', '2025-11-21', days(15), '2025-12-08'],
    ['第二十二条 15日 raw day 2025-12-07 is a Sunday → Monday 2025-12-08', '2025-11-22', days(15), '2025-12-08'],
    ['第二十三条 15日 raw day 2025-10-11 is a 调休 Saturday: stays', '2025-09-26', days(15), '2025-10-11'],
    ['第三十六条 30日 raw day 2026-02-14 is a 调休 Saturday: stays', '2026-01-15', days(30), '2026-02-14'],
    ['第三十五条 30日 raw day 2026-02-15 (春节) → 2026-02-24', '2026-01-16', days(30), '2026-02-24'],
    ['第二十三条第三款 5个工作日 starting on a Friday skips the weekend', '2025-12-05', workingDays(5), '2025-12-12'],
    ['第二十三条第三款 5个工作日 from a Sunday start counts Mon–Fri', '2025-12-07', workingDays(5), '2025-12-12'],
    [
      '第二十三条第三款 1个工作日 from Friday 2025-10-10 → 调休 Saturday 2025-10-11',
      '2025-10-10',
      workingDays(1),
      '2025-10-11',
    ],
    [
      '第二十三条第三款 1个工作日 from 2025-09-30 skips the whole 国庆 break',
      '2025-09-30',
      workingDays(1),
      '2025-10-09',
    ],
  ])('%s', (_name, start, period, due) => {
    expect(dueDate(start, period, cal)).toEqual({ due, uncertain: false });
  });

  it.each([
    ['第二十三条第二款 当场 (0日) on a working day is that day', '2025-10-09', days(0), '2025-10-09'],
    ['第二十三条第二款 当场 (0日) on 国庆 rolls to the next working day', '2025-10-01', days(0), '2025-10-09'],
    ['第二十三条第二款 当场 (0个工作日) on a Sunday rolls to Monday', '2025-12-07', workingDays(0), '2025-12-08'],
    ['第二十三条第二款 当场 (0个工作日) on a 调休 Saturday is that day', '2025-10-11', workingDays(0), '2025-10-11'],
  ])('%s', (_name, start, period, due) => {
    expect(dueDate(start, period, cal)).toEqual({ due, uncertain: false });
  });

  it('第三十四条 extension adds to the raw 60 days, then the rest-day rule applies once', () => {
    // 2025-08-02 + 60 = 2025-10-01 (国庆, rolled to 10-09); + 30 more counts from 10-01, not from 10-09.
    expect(dueDate('2025-08-02', days(60 + 30), cal)).toEqual({ due: '2025-10-31', uncertain: false });
    expect(dueDate('2025-08-02', days(60 + 5), cal)).toEqual({ due: '2025-10-09', uncertain: false });
  });

  it('第三十六条第二款 复核 hearing days are added to the 30日 period', () => {
    // 30日 from 2025-03-03 is 2025-04-02; a 3-day 听证 moves the raw day to 2025-04-05 (清明 Saturday) → 04-07.
    expect(dueDate('2025-03-03', days(30), cal).due).toBe('2025-04-02');
    expect(dueDate('2025-03-03', days(30 + 3), cal)).toEqual({ due: '2025-04-07', uncertain: false });
  });
});

describe('uncovered years are flagged uncertain (domain-rules.md "Deadlines"; §9.3 pitfall)', () => {
  it.each([
    ['第二十三条 15日 crossing into 2027 (raw 2027-01-04)', '2026-12-20', days(15), '2027-01-04', true],
    [
      '第二十三条第三款 5个工作日 from 2026-12-20 ends 2026-12-25: certain',
      '2026-12-20',
      workingDays(5),
      '2026-12-25',
      false,
    ],
    ['第二十三条第三款 5个工作日 from 2026-12-28 walks into 2027', '2026-12-28', workingDays(5), '2027-01-04', true],
    ['第二十三条 15日 from 2026-12-10 ends 2026-12-25: certain', '2026-12-10', days(15), '2026-12-25', false],
    ['第三十四条 60日 wholly in 2027', '2027-03-01', days(60), '2027-04-30', true],
    [
      '第二十三条 15日 in 2023 (raw 2023-10-05, really 国庆): Mon–Fri guess',
      '2023-09-20',
      days(15),
      '2023-10-05',
      true,
    ],
    [
      '第二十三条 15日 from 2023-12-20 ends in covered 2024-01-04: certain',
      '2023-12-20',
      days(15),
      '2024-01-04',
      false,
    ],
    [
      '第二十三条第三款 5个工作日 from 2023-12-29 walks over 2023-12-31',
      '2023-12-29',
      workingDays(5),
      '2024-01-08',
      true,
    ],
  ])('%s', (_name, start, period, due, uncertain) => {
    expect(dueDate(start, period, cal)).toEqual({ due, uncertain });
  });
});

describe('invalid input is a programmer error (RangeError)', () => {
  it.each([
    ['negative days', '2025-01-01', days(-1)],
    ['fractional days', '2025-01-01', days(1.5)],
    ['NaN days', '2025-01-01', days(Number.NaN)],
    ['malformed start', '2025-1-1', days(15)],
    ['impossible start', '2025-02-29', workingDays(5)],
  ])('%s', (_name, start, period) => {
    expect(() => dueDate(start, period, cal)).toThrow(RangeError);
  });
});

describe('daysLeft / isOverdue / isDueSoon (第四十四条、第四十五条; due-soon ≤3 days by default)', () => {
  it.each([
    ['2025-10-09', '2025-10-09', 0, false, true],
    ['2025-10-06', '2025-10-09', 3, false, true],
    ['2025-10-05', '2025-10-09', 4, false, false],
    ['2025-10-10', '2025-10-09', -1, true, false],
    ['2025-12-31', '2026-01-02', 2, false, true],
  ])('today %s, due %s: %i days left, overdue %s, due soon %s', (today, due, left, overdue, soon) => {
    expect(daysLeft(today, due)).toBe(left);
    expect(isOverdue(today, due)).toBe(overdue);
    expect(isDueSoon(today, due)).toBe(soon);
  });

  it('the due-soon window is configurable', () => {
    expect(isDueSoon('2025-10-05', '2025-10-09', 5)).toBe(true);
    expect(isDueSoon('2025-10-08', '2025-10-09', 0)).toBe(false);
    expect(isDueSoon('2025-10-09', '2025-10-09', 0)).toBe(true);
    expect(() => isDueSoon('2025-10-09', '2025-10-09', -1)).toThrow(RangeError);
  });

  it('workingDaysBetween counts (from, to]', () => {
    expect(workingDaysBetween('2025-09-29', '2025-10-13', cal)).toEqual({ count: 5, uncertain: false });
    expect(workingDaysBetween('2025-10-13', '2025-09-29', cal)).toEqual({ count: 0, uncertain: false });
    expect(workingDaysBetween('2026-12-30', '2027-01-04', cal)).toEqual({ count: 3, uncertain: true });
  });
});

describe('properties (fast-check)', () => {
  const anyDay = fc
    .integer({ min: toDayNumber('2022-06-01'), max: toDayNumber('2028-06-30') })
    .map((n) => fromDayNumber(n));
  const coveredStart = fc
    .integer({ min: toDayNumber('2024-01-01'), max: toDayNumber('2026-08-31') })
    .map((n) => fromDayNumber(n));

  it('民法典 第二百零三条: a certain calendar-period due date is the first working day on or after start + N', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 400 }), (start, n) => {
        const { due, uncertain } = dueDate(start, days(n), cal);
        const raw = addDays(start, n);
        expect(due >= raw).toBe(true);
        for (let d = raw; d < due; d = addDays(d, 1)) expect(isWorkingDay(d, cal).working).toBe(false);
        if (!uncertain) expect(isWorkingDay(due, cal)).toEqual({ working: true, uncertain: false });
      }),
    );
  });

  it('第二十三条第三款: the N-th working day is a working day and exactly N working days follow the start', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const { due, uncertain } = dueDate(start, workingDays(n), cal);
        expect(isWorkingDay(due, cal).working).toBe(true);
        expect(workingDaysBetween(start, due, cal)).toEqual({ count: n, uncertain });
      }),
    );
  });

  it('due dates are monotone in N (strictly for working days)', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 60 }), (start, n) => {
        expect(dueDate(start, days(n + 1), cal).due >= dueDate(start, days(n), cal).due).toBe(true);
        const next = dueDate(start, workingDays(n + 1), cal).due;
        expect(
          n === 0 ? next >= dueDate(start, workingDays(0), cal).due : next > dueDate(start, workingDays(n), cal).due,
        ).toBe(true);
      }),
    );
  });

  it('inside 2024–2026 nothing is uncertain', () => {
    fc.assert(
      fc.property(coveredStart, fc.integer({ min: 0, max: 60 }), fc.boolean(), (start, n, working) => {
        expect(dueDate(start, working ? workingDays(n) : days(n), cal).uncertain).toBe(false);
      }),
    );
  });
});
