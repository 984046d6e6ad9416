import { performance } from "node:perf_hooks";

export interface Timing {
  label: string;
  mean: number;
  p50: number;
  p95: number;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `fn` `warmup` times unmeasured, then `iterations` times one after another. */
export async function measure(label: string, fn: () => Promise<unknown>, { iterations, warmup }: { iterations: number; warmup: number }): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { label, mean: times.reduce((s, t) => s + t, 0) / times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}
