import { performance } from 'node:perf_hooks';

/** Timing helpers for benchmarks: they print, never assert (the machine is shared and noisy). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface Timing {
  readonly p50: number;
  readonly p95: number;
  readonly runs: number;
}

/** Runs `work` `warmUp` times unmeasured, then `runs` times measured; returns p50/p95 in milliseconds. */
export async function time(runs: number, work: (i: number) => unknown, warmUp = 3): Promise<Timing> {
  for (let i = 0; i < warmUp; i++) await work(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs };
}

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
