/**
 * Owns: the small helpers over node:http every Telltale server uses — JSON and text answers,
 * HTTP errors, request bodies, path segments, cursors (`Last-Event-ID` / `?since=`), CORS and preflight.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

export interface Reply {
  /** Headers added to every answer of this request (CORS). */
  headers: Record<string, string>;
  /** Content-Type override from a `contentType` fault. */
  contentType?: string;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, reply: Reply, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': reply.contentType ?? 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...reply.headers,
    ...extra,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string, reply: Reply): void {
  res.writeHead(status, {
    'Content-Type': reply.contentType ?? contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...reply.headers,
  });
  res.end(text);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, { error: 'body too large' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON object body; an empty body is `{}`. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, { error: 'body is not valid JSON' });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, { error: 'body must be a JSON object' });
  return value as Record<string, unknown>;
}

/**
 * A request path as decoded segments (`/logs/a%2Fb/` → `['logs', 'a/b']`; a trailing slash
 * adds nothing). Bad percent-encoding is a 400 naming it, never a crash.
 */
export function pathSegments(url: URL): string[] {
  let raw = url.pathname.split('/').slice(1);
  if (raw[raw.length - 1] === '') raw = raw.slice(0, -1);
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    throw new HttpError(400, { error: `bad URI encoding in the path ${url.pathname}` });
  }
}

/** `Last-Event-ID` wins over `?since=`; anything but a non-negative integer counts as no cursor. */
export function readCursor(req: IncomingMessage, url: URL): number | null {
  const header = req.headers['last-event-id'];
  const raw = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('since');
  return parseCursor(raw);
}

export function parseCursor(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || !/^-?\d+$/.test(raw)) return fallback;
  return Math.min(max, Math.max(min, Number(raw)));
}

export const CORS_ANY: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, Content-Type',
};

export function preflight(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(204, {
    ...headers,
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Last-Event-ID, Cache-Control, Authorization',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}
