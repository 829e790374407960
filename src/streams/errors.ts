/**
 * Errors the hub distinguishes. No DOM: shared by the browser and Node.
 * What explains a failed request in full (an HTTP status, with the server's own message; a
 * network error told apart as down or refusing CORS) is in failures.ts, loaded with the
 * streaming engine or by the first request (transports/http.ts): not in a page's first load.
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

/** Between a failure's own words and the server's message in a reason (error-state.ts splits there). */
export const SERVER_SAYS = ' — the server says: ';

/** The page's origin, when there is one (browsers). */
export function pageOrigin(): string | null {
  const here = (globalThis as { location?: { origin?: string } }).location?.origin;
  return here && here !== 'null' ? here : null;
}

/** The origin of `url` when it is not the page's (null: the same, or no page). */
export function otherOrigin(url: string): string | null {
  const here = pageOrigin();
  if (!here) return null;
  try {
    const origin = new URL(url, here).origin;
    return origin !== here ? origin : null;
  } catch {
    return null;
  }
}

/**
 * A fetch that rejected (no response at all), without looking further: "unreachable" for the
 * page's own origin, "unreachable or refusing cross-origin requests" for another one (a
 * browser does not say which). `diagnoseNetworkFailure` finds out.
 */
export function networkFailure(err: unknown, url: string): Failure {
  const msg = err instanceof Error ? err.message : String(err);
  const origin = otherOrigin(url);
  const why = origin
    ? ` — ${origin} is another origin: it is unreachable, or it refuses cross-origin requests (CORS; it must send Access-Control-Allow-Origin)`
    : ' — the server is unreachable';
  return { kind: 'retry', reason: `network error (${msg})${why}` };
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
