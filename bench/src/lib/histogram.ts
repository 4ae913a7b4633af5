/**
 * A mergeable latency histogram with ~1% relative precision: buckets are powers of 1.01 over
 * microseconds, so a child process can ship a few hundred numbers instead of every sample.
 */
const GROWTH = Math.log(1.01);
const MAX_BUCKET = 2400; // 1.01^2400 µs ≈ 2.3e10 µs: anything slower is clamped

export class Histogram {
  counts = new Map<number, number>();
  total = 0;
  maxUs = 0;
  sumUs = 0;

  record(us: number): void {
    const v = us < 1 ? 1 : us;
    const b = Math.min(MAX_BUCKET, Math.floor(Math.log(v) / GROWTH));
    this.counts.set(b, (this.counts.get(b) ?? 0) + 1);
    this.total++;
    this.sumUs += v;
    if (v > this.maxUs) this.maxUs = v;
  }

  /** Plain data for process.send. */
  toJSON(): HistogramData {
    return { buckets: [...this.counts.entries()], total: this.total, maxUs: this.maxUs, sumUs: this.sumUs };
  }

  merge(d: HistogramData): void {
    for (const [b, c] of d.buckets) this.counts.set(b, (this.counts.get(b) ?? 0) + c);
    this.total += d.total;
    this.sumUs += d.sumUs;
    if (d.maxUs > this.maxUs) this.maxUs = d.maxUs;
  }

  /** Upper edge of the bucket holding the q-quantile, in milliseconds. */
  quantileMs(q: number): number | null {
    if (this.total === 0) return null;
    const target = Math.ceil(q * this.total);
    let seen = 0;
    for (const b of [...this.counts.keys()].sort((a, c) => a - c)) {
      seen += this.counts.get(b)!;
      if (seen >= target) return Math.min(Math.exp((b + 1) * GROWTH), this.maxUs) / 1000;
    }
    return this.maxUs / 1000;
  }

  summary(): LatencySummary {
    const r = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
    return {
      samples: this.total,
      p50_ms: r(this.quantileMs(0.5)),
      p99_ms: r(this.quantileMs(0.99)),
      p999_ms: r(this.quantileMs(0.999)),
      max_ms: this.total ? r(this.maxUs / 1000) : null,
      mean_ms: this.total ? r(this.sumUs / this.total / 1000) : null,
    };
  }
}

export interface HistogramData {
  buckets: [number, number][];
  total: number;
  maxUs: number;
  sumUs: number;
}

export interface LatencySummary {
  samples: number;
  p50_ms: number | null;
  p99_ms: number | null;
  p999_ms: number | null;
  max_ms: number | null;
  mean_ms: number | null;
}

/** Microseconds on CLOCK_MONOTONIC, which every process on the machine shares. */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
