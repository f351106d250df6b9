// Small statistics for benchmark samples. Benchmarks report; they never assert on time.

export interface Spread {
  p50: number;
  p95: number;
  runs: number;
}

export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

export function spread(samples: readonly number[]): Spread {
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), runs: samples.length };
}

/** Times `action` `runs` times in milliseconds. */
export function timeRuns(runs: number, action: () => void): number[] {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    action();
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * Times two actions alternately, so that a burst of load from other processes on a shared machine
 * hits both alike and their ratio stays meaningful.
 */
export function timeInterleaved(runs: number, first: () => void, second: () => void): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  for (let run = 0; run < runs; run++) {
    a.push(...timeRuns(1, first));
    b.push(...timeRuns(1, second));
  }
  return [a, b];
}
