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
}

export type JsonResult = { ok: true; json: unknown; status: number } | { ok: false; failure: Failure } | { ok: false; aborted: true };

export function isJsonContentType(ct: string | null): boolean {
  if (!ct) return false;
  const t = ct.split(';')[0].trim().toLowerCase();
  return t === 'application/json' || t.endsWith('+json');
}

export async function fetchJson(req: JsonRequest): Promise<JsonResult> {
  const f = req.fetch ?? ((u, i) => globalThis.fetch(u, i));
  let res: Response;
  try {
    res = await f(req.url, {
      headers: { accept: 'application/json', ...req.headers },
      credentials: req.credentials,
      signal: req.signal,
      cache: 'no-store',
    });
  } catch (err) {
    if (isAbort(err) || req.signal?.aborted) return { ok: false, aborted: true };
    return { ok: false, failure: await diagnoseNetworkFailure(err, req.url, req.fetch) };
  }
  if (!res.ok) {
    res.body?.cancel().catch(() => undefined);
    return { ok: false, failure: statusFailure(res.status, res.statusText, req.url, res.headers.get('retry-after')) };
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
    if (isAbort(err) || req.signal?.aborted) return { ok: false, aborted: true };
    return { ok: false, failure: networkFailure(err, req.url) };
  }
  try {
    return { ok: true, json: JSON.parse(text), status: res.status };
  } catch (e) {
    return { ok: false, failure: { kind: 'fatal', status: res.status, reason: `undecodable response from ${req.url}: not valid JSON (${(e as Error).message})` } };
  }
}
