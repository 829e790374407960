/** Shared helpers for the reference server tests: start a server, make sandboxes, read SSE. */
import { createServer, type RunningServer } from '../../demo/server/index.js';

export async function start(): Promise<RunningServer> {
  return createServer({ port: 0, paused: true, warmupMs: 0, staticDir: null });
}

export interface Sandbox {
  base: string;
  id: string;
  step(ms: number): Promise<void>;
  admin(path: string, body?: unknown, method?: string): Promise<Response>;
  json<T = any>(path: string): Promise<T>;
}

export async function sandbox(server: RunningServer, body: Record<string, unknown> = {}): Promise<Sandbox> {
  const res = await fetch(`${server.url}/admin/sandboxes`, {
    method: 'POST',
    body: JSON.stringify({ seed: 7, paused: true, startTime: 1_763_900_000_000, warmupMs: 20_000, heartbeatMs: 200, ...body }),
  });
  if (res.status !== 201) throw new Error(`sandbox: ${res.status}`);
  const { id, base } = (await res.json()) as { id: string; base: string };
  const url = server.url + base;
  const admin = (path: string, b?: unknown, method = 'POST'): Promise<Response> =>
    fetch(`${url}/admin/${path}`, { method, body: b === undefined ? undefined : JSON.stringify(b) });
  return {
    base: url,
    id,
    admin,
    async step(ms) {
      const r = await admin('step', { ms });
      if (r.status !== 200) throw new Error(`step: ${r.status}`);
    },
    async json(path) {
      const r = await fetch(url + path);
      return r.json();
    },
  };
}

export interface Frame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comments: string[];
}

/** A minimal, strict SSE reader that keeps everything (comments, raw text) for assertions. */
export class SseClient {
  readonly frames: Frame[] = [];
  raw = '';
  chunks: string[] = [];
  ended = false;
  error: unknown = null;
  status = 0;
  headers = new Headers();
  private buffer = '';
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  readonly done: Promise<void>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.done = this.run(url, headers);
  }

  private async run(url: string, headers: Record<string, string>): Promise<void> {
    try {
      const res = await fetch(url, { headers, signal: this.controller.signal });
      this.status = res.status;
      this.headers = res.headers;
      this.notify();
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        this.chunks.push(text);
        this.raw += text;
        this.buffer += text;
        this.parse();
        this.notify();
      }
    } catch (e) {
      this.error = e;
    }
    this.ended = true;
    this.notify();
  }

  private parse(): void {
    let i: number;
    while ((i = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, i);
      this.buffer = this.buffer.slice(i + 2);
      const frame: Frame = { comments: [] };
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
        else {
          const c = line.indexOf(':');
          const field = c < 0 ? line : line.slice(0, c);
          const value = c < 0 ? '' : line.slice(c + 1).replace(/^ /, '');
          if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
          else if (field === 'id' || field === 'event' || field === 'retry') frame[field] = value;
        }
      }
      this.frames.push(frame);
    }
  }

  /** Frames that are events (have data). */
  get events(): Frame[] {
    return this.frames.filter((f) => f.data !== undefined);
  }

  /** Unparsed bytes after the last complete frame. */
  get partial(): string {
    return this.buffer;
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  async until(pred: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${this.events.length} events, ended=${this.ended}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
