/**
 * `--agl URL` and `--tasks URL`: systems that already speak a protocol the dashboard reads, put
 * behind the relay so there is one upstream reader however many viewers, and no CORS question
 * (the dashboard is served from the relay).
 *
 * - `AglUpstream`: `/v1/agl/…` GETs and the read-only `…/search` POSTs are answered from a cache
 *   kept for the shortest auto-refresh period the dashboard offers; identical requests in flight
 *   share one upstream request. Status, content type and body are passed through as they came,
 *   errors included; an upstream that does not answer is a 502 naming it.
 * - `TaskFeedUpstream`: one SSE connection to `{URL}/api/dashboard/live`, resumed with
 *   `Last-Event-ID` after a drop, its events kept in a ring under their upstream ids and fanned
 *   out to every viewer with the seed-001 feed's own semantics (docs/protocol.md).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createParser } from 'eventsource-parser';
import { Channel } from '../../../../server/channel.js';
import { readBody, readCursor, parseCursor, sendJson } from '../../../../server/http.js';
import { SseConnection } from '../../../../server/sse.js';
import { AUTO_REFRESH_CHOICES } from '../../../../streams/context.js';
import type { ActiveTask, TaskEvent, TaskFeedStatus } from '../../../../streams/models.js';
import { StatusCell, type SourceStatus, type StatusListener } from './types.js';

/** The shortest auto-refresh period a viewer can pick: no viewer sees an answer older than its own refresh. */
export const AGL_CACHE_MS = Math.min(...AUTO_REFRESH_CHOICES.filter((ms) => ms > 0));

interface Cached {
  at: number;
  status: number;
  contentType: string;
  body: Buffer;
}

export class AglUpstream {
  private readonly cache = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<Cached>>();
  readonly status: StatusCell;
  /** Requests sent upstream (tests check the fan-in). */
  upstreamRequests = 0;

  constructor(
    readonly base: string,
    onStatus?: StatusListener,
    readonly cacheMs = AGL_CACHE_MS,
  ) {
    this.base = base.replace(/\/+$/, '');
    this.status = new StatusCell(onStatus);
  }

  /** Serve `/v1/agl/…` (path and query as the viewer sent them). Returns false for other paths. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith('/v1/agl/') && url.pathname !== '/v1/agl') return false;
    const method = req.method ?? 'GET';
    const search = method === 'POST' && url.pathname.endsWith('/search');
    if (method !== 'GET' && method !== 'HEAD' && !search) {
      // The relay is a viewer: it forwards no writes to the store.
      sendJson(res, 405, { detail: 'Method Not Allowed' }, { headers: {} });
      return true;
    }
    const body = search ? await readBody(req) : '';
    const key = `${search ? 'POST' : 'GET'} ${url.pathname}${url.search}\n${body}`;
    let hit = this.cache.get(key);
    if (!hit || Date.now() - hit.at >= this.cacheMs) {
      let p = this.inflight.get(key);
      if (!p) {
        p = this.fetchUpstream(search ? 'POST' : 'GET', url.pathname + url.search, search ? body : undefined, req.headers['content-type']).finally(() => this.inflight.delete(key));
        this.inflight.set(key, p);
      }
      hit = await p;
      this.trim();
      this.cache.set(key, hit);
    }
    res.writeHead(hit.status, { 'Content-Type': hit.contentType, 'Content-Length': hit.body.length, 'Cache-Control': 'no-store' });
    res.end(method === 'HEAD' ? undefined : hit.body);
    return true;
  }

  private async fetchUpstream(method: string, path: string, body: string | undefined, contentType: string | undefined): Promise<Cached> {
    this.upstreamRequests++;
    const at = Date.now();
    try {
      const r = await fetch(this.base + path, { method, body, headers: body !== undefined ? { 'content-type': contentType ?? 'application/json' } : {}, signal: AbortSignal.timeout(10_000) });
      const buf = Buffer.from(await r.arrayBuffer());
      this.status.ok(`${this.base}: last answer ${r.status} for ${method} ${path.split('?')[0]}`);
      return { at, status: r.status, contentType: r.headers.get('content-type') ?? 'application/octet-stream', body: buf };
    } catch (e) {
      const why = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
      const message = `the Agent-lightning store at ${this.base} does not answer (${why})`;
      this.status.error(message);
      // Not cached for long: the next viewer's refresh tries again.
      return { at: at - this.cacheMs, status: 502, contentType: 'application/json', body: Buffer.from(JSON.stringify({ detail: message })) };
    }
  }

  private trim(): void {
    if (this.cache.size < 500) return;
    const now = Date.now();
    for (const [k, v] of this.cache) if (now - v.at >= this.cacheMs) this.cache.delete(k);
  }
}

const RECENT = 50;

export class TaskFeedUpstream {
  readonly channel = new Channel('tasks', 10_000);
  readonly status: StatusCell;
  private active = new Map<string, ActiveTask>();
  private ctrl = new AbortController();
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();
  /** Upstream connections opened (tests check there is one for many viewers). */
  connections = 0;

  constructor(
    readonly base: string,
    onStatus?: StatusListener,
    private readonly heartbeatMs = 5000,
  ) {
    this.base = base.replace(/\/+$/, '');
    this.status = new StatusCell(onStatus);
    this.running = this.connect();
  }

  statusNow(): SourceStatus {
    return this.status.get();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.ctrl.abort();
    await this.running.catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.connections++;
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (this.channel.lastId > 0) headers['last-event-id'] = String(this.channel.lastId);
    this.ctrl = new AbortController();
    try {
      const r = await fetch(`${this.base}/api/dashboard/live`, { headers, signal: this.ctrl.signal });
      const type = r.headers.get('content-type') ?? '';
      if (!r.ok || !type.startsWith('text/event-stream')) {
        const text = (await r.text().catch(() => '')).slice(0, 120);
        throw new Error(`answered ${r.status} ${type || 'without a content type'}${text ? `: ${text}` : ''}`);
      }
      this.status.ok(`following ${this.base}/api/dashboard/live`);
      const parser = createParser({
        onEvent: (m) => this.onUpstream(m.event, m.id, m.data),
      });
      const decoder = new TextDecoder();
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
      throw new Error('closed the stream');
    } catch (e) {
      if (this.stopped) return;
      const why = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
      this.status.error(`the task feed at ${this.base} ${why.startsWith('answered') || why.startsWith('closed') ? why : `does not answer (${why})`}; retrying, resuming after ${this.channel.lastId}`);
      this.retryTimer = setTimeout(() => (this.running = this.connect()), 1000);
    }
  }

  private onUpstream(event: string | undefined, id: string | undefined, data: string): void {
    const n = parseCursor(id ?? null);
    if (event === 'reset') {
      // The upstream's snapshot: our history no longer joins on; start again from it.
      try {
        const snap = JSON.parse(data) as { last_id: number; active_tasks: ActiveTask[]; recent_events?: TaskEvent[] };
        const recent = snap.recent_events ?? [];
        const joined = recent.every((e, i) => e.id === snap.last_id - recent.length + 1 + i);
        const resumed = this.channel.lastId > 0;
        this.channel.restartAt(joined ? snap.last_id - recent.length : snap.last_id);
        // Its recent events, when they end at last_id without gaps, become our history.
        if (joined) for (const e of recent) this.channel.put({ id: e.id, event: undefined, data: JSON.stringify(e) });
        this.active = new Map(snap.active_tasks.map((t) => [t.task_id, t]));
        // Viewers following us hold ids of a history that no longer joins on: they start again too.
        if (resumed) this.channel.broadcastRaw(`id: ${snap.last_id}\nevent: reset\ndata: ${JSON.stringify(this.snapshot())}\n\n`);
      } catch {
        /* a reset we cannot read: keep going with the events */
      }
      return;
    }
    if (n === null) return;
    this.track(data);
    this.channel.put({ id: n, event: undefined, data });
  }

  /** Keep active_tasks as the feed's events change them, for new viewers' `reset`. */
  private track(data: string): void {
    let e: TaskEvent;
    try {
      e = JSON.parse(data) as TaskEvent;
    } catch {
      return;
    }
    if (!e.task_id) return;
    if (e.type === 'task_start')
      this.active.set(e.task_id, { task_id: e.task_id, prompt: String(e.details?.prompt ?? ''), validator_ip: e.validator_ip ?? '', started_at: e.timestamp, current_step: 'started', actions: null });
    else if (e.type === 'task_complete' || (e.type === 'error' && this.active.has(e.task_id))) this.active.delete(e.task_id);
    else {
      const t = this.active.get(e.task_id);
      if (t && e.type === 'task_step') t.current_step = String(e.details?.step ?? t.current_step);
      if (t && e.type === 'actions_generated') t.actions = Number(e.details?.count ?? t.actions);
    }
  }

  private recent(): TaskEvent[] {
    return this.channel.tail(RECENT).map((e) => JSON.parse(e.data) as TaskEvent);
  }

  private snapshot(): { last_id: number; active_tasks: ActiveTask[]; recent_events: TaskEvent[] } {
    return { last_id: this.channel.lastId, active_tasks: [...this.active.values()], recent_events: this.recent() };
  }

  /** Serve `/api/dashboard/live` and `/api/dashboard/live/status`. Returns false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (url.pathname === '/api/dashboard/live') {
      const cursor = readCursor(req, url);
      const conn = new SseConnection(res, req, { key: 'tasks', heartbeatMs: this.heartbeatMs, headers: { 'Access-Control-Allow-Origin': '*' } });
      const replay = cursor === null ? null : this.channel.since(cursor);
      if (replay === null) {
        const snap = this.snapshot();
        conn.sendEvent({ id: snap.last_id, event: 'reset', data: JSON.stringify(snap) });
      } else for (const e of replay) conn.sendEvent(e);
      conn.follow(this.channel);
      return true;
    }
    if (url.pathname === '/api/dashboard/live/status') {
      const since = parseCursor(url.searchParams.get('since'));
      const body: TaskFeedStatus = this.snapshot();
      if (since !== null) {
        const events = this.channel.since(since);
        if (events === null) body.reset = true;
        else body.events = events.map((e) => JSON.parse(e.data) as TaskEvent);
      }
      sendJson(res, 200, body, { headers: { 'Access-Control-Allow-Origin': '*' } });
      return true;
    }
    return false;
  }
}
