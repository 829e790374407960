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

/** Between a failure's own words and the server's message in a reason (error-state.ts splits there). */
export const SERVER_SAYS = ' — the server says: ';

/**
 * The failure for an HTTP error status. `serverMessage`: the `error` of the server's JSON body,
 * which says more than the status (what is missing, which flag feeds it); it ends the reason.
 */
export function statusFailure(status: number, statusText: string, url: string, retryAfter: string | null, serverMessage?: string | null): Failure {
  const f = statusOnly(status, statusText, url, retryAfter);
  return serverMessage && !restatesStatus(serverMessage, statusText) ? { ...f, reason: f.reason + SERVER_SAYS + serverMessage } : f;
}

/** `{"error":"not found"}` says no more than the status: the usual explanation stays. */
const GENERIC = /^(?:not found|internal(?: server)? error|error|bad request|forbidden|unauthori[sz]ed|service unavailable)\.?$/i;
const restatesStatus = (message: string, statusText: string): boolean => GENERIC.test(message.trim()) || message.trim().toLowerCase() === statusText.trim().toLowerCase();

function statusOnly(status: number, statusText: string, url: string, retryAfter: string | null): Failure {
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

/** The page's origin, when there is one (browsers). */
function pageOrigin(): string | null {
  const here = (globalThis as { location?: { origin?: string } }).location?.origin;
  return here && here !== 'null' ? here : null;
}

function otherOrigin(url: string): string | null {
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

/**
 * A fetch that rejected: the browser says only "Failed to fetch", for a server that is down
 * and for one that refuses this page (CORS) alike. For another origin, ask once more in
 * `no-cors` mode, which needs no permission: an answer means the server is up and refuses this
 * page; none means nothing answers there.
 */
export async function diagnoseNetworkFailure(err: unknown, url: string, fetchImpl?: (input: string, init?: RequestInit) => Promise<Response>): Promise<Failure> {
  const msg = err instanceof Error ? err.message : String(err);
  const origin = otherOrigin(url);
  if (!origin) return networkFailure(err, url);
  const f = fetchImpl ?? ((u: string, i?: RequestInit) => globalThis.fetch(u, i));
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 3000);
  let answered: boolean | null;
  try {
    await f(url, { mode: 'no-cors', cache: 'no-store', credentials: 'omit', signal: ac.signal });
    answered = true;
  } catch {
    answered = ac.signal.aborted ? null : false;
  } finally {
    clearTimeout(timer);
    ac.abort(); // an event stream's body would stay open
  }
  if (answered === null) return networkFailure(err, url);
  const here = pageOrigin();
  return {
    kind: 'retry',
    reason: answered
      ? `network error (${msg}) — ${origin} answers, but refuses cross-origin requests from this page (CORS: it must send Access-Control-Allow-Origin: ${here})`
      : `network error (${msg}) — ${origin} is unreachable: nothing answers there (the server is not running, or the address is wrong)`,
  };
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
