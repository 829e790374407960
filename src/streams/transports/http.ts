/**
 * JSON over fetch, with failures classified (fatal / retry) the way the hub needs.
 * No DOM: fetch, Response and AbortSignal exist in Node 20 and in browsers.
 */
import { isAbort, isFatalStatus, networkFailure, type Failure } from '../errors.js';

type Failures = typeof import('../failures.js');
/** How failures.ts is imported (a test makes it fail: the chunk unreachable). */
export const failuresPart = { load: (): Promise<Failures> => import('../failures.js') };
let failures: Promise<Failures | null> | null = null;
/**
 * failures.ts (the full reasons: a status with the server's message, down vs refusing CORS),
 * asked for at the first request so that it is there by the first failure; null when it could
 * not be loaded (the page's server gone too): the reasons below then say less, never nothing,
 * and the next request asks again.
 */
function loadFailures(): Promise<Failures | null> {
  return (failures ??= failuresPart.load().catch(() => ((failures = null), null)));
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface JsonRequest {
  url: string;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  fetch?: FetchLike;
  signal?: AbortSignal;
  /**
   * Give up on a request that has not answered in full (headers and body) within this many ms:
   * a retryable failure that names the timeout. Default: none (the caller's signal only).
   */
  timeoutMs?: number;
}

export type JsonResult = { ok: true; json: unknown; status: number } | { ok: false; failure: Failure } | { ok: false; aborted: true };

export function isJsonContentType(ct: string | null): boolean {
  if (!ct) return false;
  const t = ct.split(';')[0].trim().toLowerCase();
  return t === 'application/json' || t.endsWith('+json');
}

export async function fetchJson(req: JsonRequest): Promise<JsonResult> {
  if (!(req.timeoutMs && req.timeoutMs > 0)) return fetchJsonOnce(req, req.signal);
  // A request that hangs (a server or proxy that accepts and never answers) would otherwise
  // hold its caller for ever: abort it, and say so, after timeoutMs.
  const timer = new AbortController();
  const t = setTimeout(() => timer.abort(), req.timeoutMs);
  try {
    const r = await fetchJsonOnce(req, req.signal ? AbortSignal.any([req.signal, timer.signal]) : timer.signal);
    if ('aborted' in r && timer.signal.aborted && !req.signal?.aborted) {
      return { ok: false, failure: { kind: 'retry', reason: `request timeout: no complete answer from ${req.url} within ${req.timeoutMs} ms` } };
    }
    return r;
  } finally {
    clearTimeout(t);
  }
}

async function fetchJsonOnce(req: JsonRequest, signal: AbortSignal | undefined): Promise<JsonResult> {
  const f = req.fetch ?? ((u, i) => globalThis.fetch(u, i));
  const more = loadFailures();
  let res: Response;
  try {
    res = await f(req.url, {
      headers: { accept: 'application/json', ...req.headers },
      credentials: req.credentials,
      signal,
      cache: 'no-store',
    });
  } catch (err) {
    if (isAbort(err) || signal?.aborted) return { ok: false, aborted: true };
    const m = await more;
    return { ok: false, failure: m ? await m.diagnoseNetworkFailure(err, req.url, req.fetch) : networkFailure(err, req.url) };
  }
  if (!res.ok) {
    const m = await more;
    if (m) return { ok: false, failure: m.statusFailure(res.status, res.statusText, req.url, res.headers.get('retry-after'), await m.errorMessage(res)) };
    res.body?.cancel().catch(() => undefined);
    const reason = `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''} from ${req.url}`;
    return { ok: false, failure: { kind: isFatalStatus(res.status) ? 'fatal' : 'retry', reason, status: res.status } };
  }
  const ct = res.headers.get('content-type');
  if (!isJsonContentType(ct)) {
    res.body?.cancel().catch(() => undefined);
    return {
      ok: false,
      failure: { kind: 'fatal', status: res.status, reason: `wrong content type from ${req.url}: expected application/json, got ${ct ?? 'none'}` },
    };
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    if (isAbort(err) || signal?.aborted) return { ok: false, aborted: true };
    return { ok: false, failure: networkFailure(err, req.url) };
  }
  try {
    return { ok: true, json: JSON.parse(text), status: res.status };
  } catch (e) {
    return { ok: false, failure: { kind: 'fatal', status: res.status, reason: `undecodable response from ${req.url}: not valid JSON (${(e as Error).message})` } };
  }
}
