/**
 * Errors the hub distinguishes. No DOM: shared by the browser and Node.
 */

/** A value on the wire did not have the expected shape. The message says where and what. */
export class DecodeError extends Error {
  override name = 'DecodeError';
  constructor(
    /** Where in the value, e.g. `activity.stages[2].startedAt`. */
    readonly path: string,
    /** What the decoder wanted, e.g. `a number`. */
    readonly expected: string,
    /** What it found. */
    readonly found: unknown,
    detail?: string,
  ) {
    super(detail ?? `${path}: expected ${expected}, found ${describeValue(found)}`);
  }
}

/** A short, safe description of a value for error messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  switch (typeof v) {
    case 'string':
      return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
    case 'number':
    case 'boolean':
      return `${typeof v} ${String(v)}`;
    case 'object': {
      const keys = Object.keys(v as object);
      return keys.length ? `an object with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}` : 'an empty object';
    }
    default:
      return typeof v;
  }
}

/** Why a connection attempt failed, and what to do about it. */
export interface Failure {
  /** fatal: surface as `error`, do not retry. retry: back off and try again. */
  kind: 'fatal' | 'retry';
  reason: string;
  /** Server-requested delay (Retry-After), ms. */
  retryAfterMs?: number | null;
  /** HTTP status when there was a response. */
  status?: number;
}

/** Statuses that will not get better by retrying the same request. */
export function isFatalStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return false;
  return status >= 400 && status < 500;
}

export function statusFailure(status: number, statusText: string, url: string, retryAfter: string | null): Failure {
  const label = `HTTP ${status}${statusText ? ' ' + statusText : ''}`;
  if (isFatalStatus(status)) {
    const why =
      status === 401
        ? 'not signed in (check the credentials or headers of this source)'
        : status === 403
          ? 'access denied'
          : status === 404
            ? `nothing at ${url}`
            : 'the server refused the request';
    return { kind: 'fatal', reason: `${label}: ${why}`, status };
  }
  return { kind: 'retry', reason: `${label} from ${url}`, retryAfterMs: parseRetryAfter(retryAfter), status };
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value == null || value.trim() === '') return null;
  const s = Number(value.trim());
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}

/** A fetch that rejected (no response at all). Mentions CORS when the URL is cross-origin. */
export function networkFailure(err: unknown, url: string): Failure {
  const msg = err instanceof Error ? err.message : String(err);
  let crossOrigin = false;
  const here = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (here && here !== 'null') {
    try {
      crossOrigin = new URL(url, here).origin !== here;
    } catch {
      /* ignore */
    }
  }
  const cors = crossOrigin
    ? ` — ${new URL(url, here).origin} is another origin: the server may refuse cross-origin requests (CORS; it must send Access-Control-Allow-Origin), or it is unreachable`
    : ' — the server is unreachable';
  return { kind: 'retry', reason: `network error (${msg})${cors}` };
}

export function isAbort(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === 'AbortError';
}

/** "1 record could not be read" / "3 records could not be read". */
export function unreadableSummary(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'record' : 'records'} could not be read`;
}

/** What the status says when a stream stops arriving while its connection stays open. */
export const BUFFERING_REASON = 'a proxy between you and the server is buffering the stream';
/** Where the proxy settings are documented (shown with BUFFERING_REASON). */
export const PROXY_DOCS = 'docs/proxies.md';
