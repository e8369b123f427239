import { describe as suite, expect, it } from 'vitest';
import { describe, torture } from './torture';

/**
 * The torture suite at CI size: 4 desks (青山镇 ×2, 绿水乡, 县信访局) on SQLite files, two server processes on
 * one PostgreSQL database, a fault proxy in front of each (drops, resets, lost answers, half-open connections,
 * delays), desks killed with SIGKILL mid-write, each server killed or stopped and restarted once. After healing: no
 * answered write missing anywhere it may be seen, none doubled, every projection a fresh fold, and nothing of a
 * 检举控告 at an office it accuses (第三十条第三款). `TORTURE_SEED=<n>` replays a printed seed; `npm run torture` runs
 * the long version.
 */
suite('torture: desks under faults', () => {
  it('第三十条第三款 nothing answered is lost, doubled, misfolded or leaked to an accused office', async () => {
    const seed = process.env.TORTURE_SEED ? Number(process.env.TORTURE_SEED) : Math.floor(Math.random() * 2 ** 31);
    console.log(`torture seed ${seed} (replay: TORTURE_SEED=${seed})`);
    const report = await torture({
      seed,
      desks: ['office-qingshan', 'office-lvshui', 'office-county', 'office-qingshan'],
      acts: 400,
      durationMs: 25_000,
      rates: { drop: 0.03, lostAnswer: 0.15, halfOpen: 0.02, delay: 0.1, maxDelayMs: 300, holdMs: 3_000 },
      killRate: 0.2,
      healMs: 25_000,
    });
    const lines = describe(report);
    console.log(lines.join('\n'));
    // The run did what it claims: acts of several kinds, every fault, kills and restarts, and the checks ran.
    expect(Object.values(report.acts).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    for (const kind of ['drop', 'reset', 'lost-answer', 'half-open', 'delay', 'desk-kill', 'server-restart'] as const)
      expect(report.faults[kind], kind).toBeGreaterThan(0);
    expect(report.checks.checks).toBeGreaterThan(100);
    expect(report.server5xx).toBe(0);
    expect(report.quiet, 'every desk went quiet after healing').toBe(true);
    expect(
      Object.fromEntries([...report.checks.failures].map(([check, examples]) => [check, examples.length])),
      `seed ${seed}\n${lines.join('\n')}`,
    ).toEqual({});
  }, 180_000);
});
