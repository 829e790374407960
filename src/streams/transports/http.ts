/**
 * JSON over fetch, with failures classified (fatal / retry) the way the hub needs.
 * No DOM: fetch, Response and AbortSignal exist in Node 20 and in browsers.
 */
import { diagnoseNetworkFailure, isAbort, networkFailure, statusFailure, type Failure } from '../errors.js';

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
    return { ok: false, failure: await diagnoseNetworkFailure(err, req.url, req.fetch) };
  }
  if (!res.ok) {
    const said = await errorMessage(res);
    return { ok: false, failure: statusFailure(res.status, res.statusText, req.url, res.headers.get('retry-after'), said) };
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
