import { describe, expect, it } from 'vitest';
import { clockSpecs, clockState, deadlineFlags } from '#shared/domain/clocks';
import { foldCase } from '#shared/domain/fold';
import { defaultCalendar } from '#shared/domain/calendar';
import { acceptClaim, event, register } from './case-fixtures';

/** Overdue and due-soon are derived from a clock and today, never stored (design.md §4, domain-rules "Deadlines"). */
describe('derived deadline flags', () => {
  const accepted = foldCase([register('2025-03-01'), event('accept', acceptClaim, '2025-03-01')], defaultCalendar)!;

  it.each([
    ['2025-04-26', 'running'],
    ['2025-04-27', 'due-soon'],
    ['2025-04-30', 'due-soon'],
    ['2025-05-01', 'overdue'],
  ])('第三十四条 the 60-day clock due 2025-04-30 is %s → %s', (today, state) => {
    const handling = accepted.clocks.find((k) => k.kind === 'handling')!;
    expect(clockState(handling, today)).toBe(state);
  });

  it('第四十五条第一项 late handling and 第四十四条第三项 a late notice are the accountability articles of their clocks', () => {
    expect(clockSpecs.handling.accountability).toBe('第四十五条第一项');
    expect(clockSpecs.notice.accountability).toBe('第四十四条第三项');
    expect(clockSpecs['review-window'].accountability).toBeUndefined(); // the petitioner's own window
  });

  it('第二十三条 a notice given on time is met, not overdue, whatever today is', () => {
    expect(deadlineFlags(accepted, '2025-12-31')).toMatchObject({
      overdue: [expect.objectContaining({ kind: 'handling' })],
      dueSoon: [],
    });
    const notice = accepted.clocks.find((k) => k.kind === 'notice')!;
    expect(clockState(notice, '2025-12-31')).toBe('met');
  });

  it('第三十五条 the petitioner’s lapsed window is “lapsed”, not an office’s overdue duty', () => {
    const served = foldCase(
      [
        register('2025-03-01'),
        event('accept', acceptClaim, '2025-03-01'),
        event('decide', { outcome: 'support', basis: '依据', reviewOrgan: '县人民政府' }, '2025-03-20'),
        event('serve', { method: 'post', signedDay: '2025-03-21' }, '2025-03-22'),
      ],
      defaultCalendar,
    )!;
    const window = served.clocks.find((k) => k.kind === 'review-window')!;
    expect(clockState(window, '2025-06-01')).toBe('lapsed');
    expect(deadlineFlags(served, '2025-06-01').overdue).toEqual([]);
  });
});
