/**
 * Sparklines for <worker-board>: a small bounded ring of samples per metric, drawn as SVG
 * polylines. Memory per worker is fixed (CAPACITY samples × 4 metrics), whatever the uptime.
 */
import { svg, nothing, type SVGTemplateResult } from 'lit';

/** Samples kept per metric: at one per second at most, the last two minutes. */
export const CAPACITY = 120;
/** Samples closer together than this replace the previous one instead of adding. */
export const MIN_SAMPLE_MS = 1000;

export class SampleRing {
  private readonly values = new Float64Array(CAPACITY);
  private start = 0;
  length = 0;
  /** Bumped on every change; lets the points string be cached. */
  version = 0;
  private cachedVersion = -1;
  private cachedMax = NaN;
  private cached: string[] = [];

  push(value: number): void {
    const end = (this.start + this.length) % CAPACITY;
    this.values[end] = value;
    if (this.length < CAPACITY) this.length++;
    else this.start = (this.start + 1) % CAPACITY;
    this.version++;
  }

  /** Replace the newest sample (an update within MIN_SAMPLE_MS of the previous one). */
  replaceLast(value: number): void {
    if (this.length === 0) return this.push(value);
    this.values[(this.start + this.length - 1) % CAPACITY] = value;
    this.version++;
  }

  at(i: number): number {
    return this.values[(this.start + i) % CAPACITY];
  }

  max(): number {
    let m = 0;
    for (let i = 0; i < this.length; i++) {
      const v = this.at(i);
      if (Number.isFinite(v) && v > m) m = v;
    }
    return m;
  }

  /**
   * Polyline point lists in a 100 × 24 box, right-aligned (newest at the right edge).
   * NaN samples ("not reported") break the line instead of dropping to zero.
   */
  points(scaleMax: number): string[] {
    if (this.cachedVersion === this.version && this.cachedMax === scaleMax) return this.cached;
    const lines: string[] = [];
    let current: string[] = [];
    const step = 100 / (CAPACITY - 1);
    const offset = CAPACITY - this.length;
    const max = scaleMax > 0 ? scaleMax : 1;
    for (let i = 0; i < this.length; i++) {
      const v = this.at(i);
      if (!Number.isFinite(v)) {
        if (current.length) lines.push(current.join(' '));
        current = [];
        continue;
      }
      const x = (offset + i) * step;
      const y = 23 - Math.min(1, Math.max(0, v / max)) * 22;
      current.push(`${x.toFixed(1)},${y.toFixed(1)}`);
    }
    if (current.length) lines.push(current.join(' '));
    // A single sample is drawn as a short flat tick so it is visible.
    const out = lines.map((l) => (l.includes(' ') ? l : `${l} ${l.replace(/^[^,]+/, (x) => String(Math.max(0, Number(x) - 2)))}`));
    this.cachedVersion = this.version;
    this.cachedMax = scaleMax;
    this.cached = out;
    return out;
  }
}

export interface WorkerHistory {
  cpu: SampleRing;
  memory: SampleRing;
  disk: SampleRing;
  network: SampleRing;
  lastAt: number;
}

export const newHistory = (): WorkerHistory => ({
  cpu: new SampleRing(),
  memory: new SampleRing(),
  disk: new SampleRing(),
  network: new SampleRing(),
  lastAt: -Infinity,
});

/**
 * Draw one ring. `max` null: scale to the ring's own maximum (network throughput). Until the ring
 * has filled its two minutes, a faint dotted baseline spans the time not yet sampled, so a young
 * chart reads as a chart filling from the right, not as a stray tick.
 */
export function sparkline(ring: SampleRing, max: number | null, label: string): SVGTemplateResult | typeof nothing {
  if (ring.length === 0) return nothing;
  const lines = ring.points(max ?? ring.max());
  const waitX = ((CAPACITY - ring.length) * 100) / (CAPACITY - 1);
  return svg`<svg class="spark" part="sparkline" viewBox="0 0 100 24" preserveAspectRatio="none" aria-hidden="true" data-metric=${label}>
    ${waitX > 0 ? svg`<line class="spark-wait" x1="0" y1="23" x2=${waitX.toFixed(1)} y2="23" vector-effect="non-scaling-stroke"></line>` : nothing}
    ${lines.map((pts) => svg`<polyline points=${pts} vector-effect="non-scaling-stroke"></polyline>`)}
  </svg>`;
}
