import { percentile } from './stats';
import type { FrameResult } from './ui-page-scripts';

/** Figures for bench/ui.ts's table: percentiles, frame statistics and ratios. Printing only, never asserting. */

export const p = (values: readonly number[], q: number) =>
  percentile(
    [...values].sort((a, b) => a - b),
    q,
  );

/** `12.3 ms` / `1.23 s`, whichever reads better. */
export function dur(msValue: number): string {
  if (!Number.isFinite(msValue)) return '—';
  return msValue >= 1000 ? `${(msValue / 1000).toFixed(2)} s` : `${msValue.toFixed(msValue < 10 ? 2 : 1)} ms`;
}

export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—';
}

export interface FrameStats {
  readonly frames: number;
  readonly fps: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  /** Frames over 33.4 ms: at least two display refreshes missed. */
  readonly over33: number;
  readonly longTasks: number;
  readonly longTaskMs: number;
  readonly pendingShare: number;
  readonly scrolledPx: number;
  readonly scrollRange: number;
  readonly jumps: number;
}

/** Several runs of the same scroll, pooled. */
export function frameStats(runs: readonly FrameResult[]): FrameStats {
  const deltas = runs.flatMap((r) => r.deltas);
  const longTasks = runs.flatMap((r) => r.longTasks);
  const total = deltas.reduce((a, b) => a + b, 0);
  return {
    frames: deltas.length,
    fps: (deltas.length * 1000) / total,
    p50: p(deltas, 50),
    p95: p(deltas, 95),
    p99: p(deltas, 99),
    max: Math.max(...deltas),
    over33: deltas.filter((d) => d > 33.4).length,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
    pendingShare: runs.reduce((a, r) => a + r.pendingFrames, 0) / deltas.length,
    scrolledPx: runs.reduce((a, r) => a + r.scrolledPx, 0),
    scrollRange: Math.max(...runs.map((r) => r.scrollRange)),
    jumps: runs.reduce((a, r) => a + r.jumps, 0),
  };
}

/** A markdown table, columns padded for reading in a terminal too. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Terminal width: CJK characters take two columns. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return n;
}
