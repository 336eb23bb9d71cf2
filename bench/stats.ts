/** Small statistics helpers for the benchmark (medians and nearest-rank percentiles). */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Times one synchronous call, in milliseconds. */
export function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Runs `tasks` for `rounds` rounds, rotating their order each round (so no task always runs first or after the
 * same neighbour), after `warmup` untimed calls of each. Returns the times per task, index-aligned by round.
 */
export function pairedRounds(tasks: Record<string, () => unknown>, rounds: number, warmup: number): Record<string, number[]> {
  const names = Object.keys(tasks);
  for (let w = 0; w < warmup; w++) for (const n of names) tasks[n]();
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length];
      out[name].push(time(tasks[name]));
    }
  }
  return out;
}

/** Median over rounds of a[i] / b[i]. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) ratios.push(a[i] / b[i]);
  return median(ratios);
}
