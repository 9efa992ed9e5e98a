export interface Percentiles {
  p50: number;
  p99: number;
}

/** The nearest-rank p50 and p99 of samples (ms). */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) throw new Error('no samples: the benchmark measured nothing');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: rank(50), p99: rank(99) };
}
