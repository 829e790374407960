/**
 * The reasons for failed requests, in full: an HTTP error status (with Retry-After, and the
 * server's own message from its JSON body) and a rejected fetch told apart as "down" or
 * "refusing cross-origin requests". Only a failure needs them: the streaming engine imports
 * them (sse.ts) and transports/http.ts loads them from its first request on, so they are not in
 * a page's first load (errors.ts keeps what the first load needs).
 */
import { SERVER_SAYS, isFatalStatus, networkFailure, otherOrigin, pageOrigin, type Failure } from './errors.js';
import { isJsonContentType } from './transports/http.js';

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

/** Bytes of an error body read for its message: error bodies are short; a longer one is not one. */
const ERROR_BODY_MAX = 8192;

/**
 * The `error` string of an HTTP error's JSON body (`{"error": "…"}`, as Telltale's servers and
 * many APIs answer), shortened and on one line; null for any other body. Reads at most
 * ERROR_BODY_MAX bytes and releases the rest.
 */
export async function errorMessage(res: Response): Promise<string | null> {
  if (!isJsonContentType(res.headers.get('content-type')) || !res.body) {
    res.body?.cancel().catch(() => undefined);
    return null;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > ERROR_BODY_MAX) return null;
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) bytes.set(c, (at += c.byteLength) - c.byteLength);
    const error = (JSON.parse(new TextDecoder().decode(bytes)) as { error?: unknown } | null)?.error;
    if (typeof error !== 'string' || !error.trim()) return null;
    const line = error.replace(/\s+/g, ' ').trim();
    return line.length > 400 ? line.slice(0, 400) + '…' : line;
  } catch {
    return null;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
