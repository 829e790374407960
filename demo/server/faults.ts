/**
 * Fault injection state of one world. Faults are off until switched on by the admin API (or
 * a CLI flag); each lasts until cleared, for `count` occurrences, or for `forMs` of real time.
 */

export const FAULT_MODES = ['cut', 'malformed', 'status', 'contentType', 'drip', 'stall', 'buffer', 'oversize'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/** Modes that shape an open SSE connection; the others apply to any (non-admin) request. */
export const SSE_ONLY: readonly FaultMode[] = ['cut', 'malformed', 'drip', 'stall', 'buffer', 'oversize'];

export interface FaultSpec {
  mode: FaultMode;
  /** Route keys (`live`, `live/status`, `logs/scheduler`, `logs/*`, `tasks`, `agl`…); default all. */
  streams?: string[];
  count?: number;
  forMs?: number;
  afterEvents?: number;
  midEvent?: boolean;
  midLine?: boolean;
  every?: number;
  status?: number;
  retryAfter?: number;
  value?: string;
  bytes?: number;
  intervalMs?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  /** Occurrences left (null: unlimited). */
  remaining: number | null;
  /** Real-time expiry (epoch ms), or null. */
  until: number | null;
}

export class FaultError extends Error {}

export class Faults {
  private list: Fault[] = [];
  private seq = 0;
  private readonly listeners = new Set<() => void>();

  add(spec: FaultSpec): Fault {
    if (!spec || !FAULT_MODES.includes(spec.mode)) {
      throw new FaultError(`mode must be one of ${FAULT_MODES.join(', ')}`);
    }
    if (spec.streams !== undefined && (!Array.isArray(spec.streams) || spec.streams.some((s) => typeof s !== 'string'))) {
      throw new FaultError('streams must be an array of strings');
    }
    for (const k of ['count', 'forMs', 'afterEvents', 'every', 'status', 'retryAfter', 'bytes', 'intervalMs'] as const) {
      const v = spec[k];
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) throw new FaultError(`${k} must be a non-negative number`);
    }
    if (spec.mode === 'status' && (spec.status === undefined || spec.status < 100 || spec.status > 599)) {
      throw new FaultError('status mode needs "status" (100-599)');
    }
    if (spec.mode === 'malformed' && spec.every !== undefined && spec.every < 1) throw new FaultError('every must be >= 1');
    // A stall without forMs would be a buffer; default it so "stall" means "for a while".
    const forMs = spec.forMs ?? (spec.mode === 'stall' ? 10_000 : undefined);
    const fault: Fault = {
      ...spec,
      id: ++this.seq,
      remaining: spec.count ?? null,
      until: forMs !== undefined ? Date.now() + forMs : null,
    };
    this.list.push(fault);
    if (fault.until !== null) setTimeout(() => this.changed(), forMs! + 5).unref();
    this.changed();
    return fault;
  }

  clear(): void {
    this.list = [];
    this.changed();
  }

  all(): Fault[] {
    this.prune();
    return [...this.list];
  }

  /** The first live fault of this mode that covers this route key. */
  find(mode: FaultMode, key: string): Fault | undefined {
    this.prune();
    return this.list.find((f) => f.mode === mode && covers(f, key));
  }

  /** Use up one occurrence. */
  consume(f: Fault): void {
    if (f.remaining === null) return;
    f.remaining--;
    if (f.remaining <= 0) {
      this.list = this.list.filter((x) => x !== f);
      this.changed();
    }
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private prune(): void {
    const now = Date.now();
    const before = this.list.length;
    this.list = this.list.filter((f) => f.until === null || f.until > now);
    if (this.list.length !== before) queueMicrotask(() => this.changed());
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

function covers(f: Fault, key: string): boolean {
  if (!f.streams) return true;
  return f.streams.some((s) => s === key || (s.endsWith('*') && key.startsWith(s.slice(0, -1))));
}
