/** Formatting shared by every element, so a duration or a size reads the same everywhere. */

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Shown for a number outside its domain (not finite, a negative size, a share over 100 %, an
 * absurd magnitude) — never formatted as if it were real. `safeNumber` adds the raw value on hover.
 */
export const INVALID = 'invalid';

/** Shown for a time the Date range cannot hold (±8.64e15 ms): a clear word, never "NaN" or a throw. */
export const INVALID_TIME = 'invalid time';

/** True for an epoch-ms value a Date can represent. */
export function isValidTime(epochMs: number | null | undefined): epochMs is number {
  return typeof epochMs === 'number' && Number.isFinite(epochMs) && Math.abs(epochMs) <= 8.64e15;
}

/** ISO 8601 for `<time datetime>` and downloads; '' for a value no Date can hold. */
export function safeIso(epochMs: number | null | undefined): string {
  return isValidTime(epochMs) ? new Date(epochMs).toISOString() : '';
}

/** Local time as `YYYY-MM-DD HH:mm:ss` (seed 003). */
export function formatDateTime(epochMs: number | null | undefined): string {
  if (epochMs == null) return 'N/A';
  if (!isValidTime(epochMs)) return INVALID_TIME;
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local time of day `HH:mm:ss`, with `.mmm` when asked. */
export function formatTime(epochMs: number, millis = false): string {
  if (!isValidTime(epochMs)) return INVALID_TIME;
  const d = new Date(epochMs);
  const base = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return millis ? `${base}.${String(d.getMilliseconds()).padStart(3, '0')}` : base;
}

/** `1h 30m 15s`; `0s` for under a second; days when long. Negative is treated as 0. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return 'N/A';
  if (Math.abs(ms) > 8.64e15) return INVALID; // longer than any Date can span: a broken timestamp
  let s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts: string[] = [];
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (s || parts.length === 0) parts.push(`${s}s`);
  return parts.join(' ');
}

/**
 * A stage's length: milliseconds under a second (`240 ms`), hundredths under ten seconds
 * (`2.35 s`), tenths under a minute, then as {@link formatDuration}. Stages are often short:
 * "0s" for 300 ms says nothing.
 */
export function formatStageDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return 'N/A';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return formatDuration(ms);
}

/** `1h 30m 15s ago`, or 'N/A'. */
export function formatAgo(epochMs: number | null | undefined, now: number): string {
  if (epochMs == null || !Number.isFinite(epochMs)) return 'N/A';
  return `${formatDuration(now - epochMs)} ago`;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];


/** The largest size taken at face value: 2^70 bytes (1 ZiB) — beyond that it is a broken counter. */
export const MAX_BYTES = 2 ** 70;

/** A byte count (or rate) that can be real: a finite number in [0, 2^70]. */
export function isValidBytes(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_BYTES;
}

/** A share in [0, 1] (tiny float overshoots of 1e-9 allowed). */
export function isValidRatio(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= -1e-9 && v <= 1 + 1e-9;
}

/** Binary units: `1.5 GiB`; 'not reported' when absent, INVALID outside [0, 2^70]. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return 'not reported';
  if (!isValidBytes(bytes)) return INVALID;
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${UNITS[i]}`;
}

/** A count (entries, hits, events): INVALID unless a whole-ish number in [0, 2^53]. */
export function formatCount(n: number | null | undefined, fmt: Intl.NumberFormat = COUNT): string {
  if (n == null) return 'not reported';
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) return INVALID;
  return fmt.format(n);
}
const COUNT = new Intl.NumberFormat();

/** `42%`; 'not reported' when absent, INVALID outside [0, 1] (never `Infinity%`, `-0%` or `250%`). */
export function formatPercent(ratio: number | null | undefined, digits = 0): string {
  if (ratio == null) return 'not reported';
  if (!isValidRatio(ratio)) return INVALID;
  return `${(Math.min(1, Math.max(0, ratio)) * 100).toFixed(digits)}%`;
}

/** JSON cut to `max` characters with an ellipsis (seed 003: Input limited to 35 characters). */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** JSON.stringify that never throws (cycles, BigInt) — for showing untrusted values as text. */
export function safeJson(value: unknown, space?: number): string {
  try {
    const s = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), space);
    return s === undefined ? String(value) : s;
  } catch {
    return String(value);
  }
}
