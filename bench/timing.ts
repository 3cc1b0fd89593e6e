/**
 * Repeated timings with a median. Each measurement runs `warmup` untimed runs, then at least `minRuns` timed runs and
 * more (up to `maxRuns`) while the time budget lasts. Operations far below a millisecond run `batch` times per sample,
 * so the clock's resolution does not dominate. `after` runs between samples, outside the clock (memory checkpoints).
 */
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Milliseconds per operation. */
  median: number;
  /** The 95th percentile (nearest rank): what one run in twenty exceeds. */
  p95: number;
  min: number;
  max: number;
  runs: number;
}

export interface TimingOptions {
  warmup: number;
  minRuns: number;
  maxRuns: number;
  budgetMs: number;
  batch?: number;
  after?: () => void;
}

export function summarize(samples: number[]): Timing {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
  return { median, p95, min: sorted[0], max: sorted[sorted.length - 1], runs: samples.length };
}

export function timeSync<T>(fn: () => T, options: TimingOptions): { timing: Timing; last: T } {
  const batch = options.batch ?? 1;
  let last = fn();
  for (let i = 1; i < options.warmup; i++) last = fn();
  options.after?.();
  const samples: number[] = [];
  const deadline = performance.now() + options.budgetMs;
  while (samples.length < options.minRuns || (samples.length < options.maxRuns && performance.now() < deadline)) {
    const start = performance.now();
    for (let b = 0; b < batch; b++) last = fn();
    samples.push((performance.now() - start) / batch);
    options.after?.();
  }
  return { timing: summarize(samples), last };
}

export async function timeAsync<T>(fn: () => Promise<T>, options: TimingOptions): Promise<{ timing: Timing; last: T }> {
  let last = await fn();
  for (let i = 1; i < options.warmup; i++) last = await fn();
  options.after?.();
  const samples: number[] = [];
  const deadline = performance.now() + options.budgetMs;
  while (samples.length < options.minRuns || (samples.length < options.maxRuns && performance.now() < deadline)) {
    const start = performance.now();
    last = await fn();
    samples.push(performance.now() - start);
    options.after?.();
  }
  return { timing: summarize(samples), last };
}

/** Milliseconds, with the precision the size deserves: 4.2 µs, 0.421 ms, 3.21 ms, 48.7 ms, 912 ms, 3.41 s. */
export function fmtMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 0.1) return `${ms.toFixed(3)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}
