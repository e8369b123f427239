import { parseArgs } from 'node:util';
import type { DeskOffice } from './acts';
import { describe, torture } from './torture';

/**
 * `npm run torture [-- --minutes 5 --desks 6 --seed 42 --acts 100000]`: the torture run for several minutes behind
 * the fault proxy; prints the counts and every failed check, and exits 1 when a check failed. Replay a failing run
 * with the seed it printed (the choices repeat; the timing of a kill or a cut depends on the machine).
 */
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    desks: { type: 'string', default: '6' },
    seed: { type: 'string' },
    acts: { type: 'string', default: '1000000' },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const layout: DeskOffice[] = ['office-qingshan', 'office-lvshui', 'office-county'];
const desks = Array.from({ length: Number(values.desks) }, (_, i) => layout[i % layout.length]!);
const report = await torture({
  seed,
  desks,
  acts: Number(values.acts),
  durationMs: Number(values.minutes) * 60_000,
  rates: { drop: 0.03, lostAnswer: 0.1, halfOpen: 0.01, delay: 0.1, maxDelayMs: 500, holdMs: 4_000 },
  killRate: 0.03,
  healMs: 120_000,
  log: (line) => console.log(line),
});
for (const line of describe(report)) console.log(line);
process.exit(report.checks.failures.size === 0 && report.quiet ? 0 : 1);
