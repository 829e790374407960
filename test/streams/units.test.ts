/** Pure unit tests: backoff, frame batching, SSE framing, decoders. No server needed. */
import { expect } from '@open-wc/testing';
import { Subject } from 'rxjs';
import { Backoff } from '../../src/streams/backoff.js';
import { frameBatch, type VisibilityLike } from '../../src/streams/frame-batch.js';
import { runSse } from '../../src/streams/transports/sse.js';
import { runFeed } from '../../src/streams/feed.js';
import { liveDecoder, decodeLiveEvent } from '../../src/streams/decoders/live.js';
import { logDecoder } from '../../src/streams/decoders/logs.js';
import { taskDecoder } from '../../src/streams/decoders/tasks.js';
import { decodeAttempts, decodeResources, decodeRollouts, decodeSpans } from '../../src/streams/decoders/agl.js';
import { DecodeError } from '../../src/streams/errors.js';
import { parseRetryAfter } from '../../src/streams/failures.js';
import type { Batch } from '../../src/streams/types.js';
import { seeded } from './util.js';

describe('Backoff (full jitter)', () => {
  it('stays inside [0, min(cap, base·2^n)] and its ceiling grows to the cap', () => {
    const b = new Backoff({ baseMs: 500, capMs: 30000, random: seeded(7) });
    for (let n = 0; n < 40; n++) {
      const ceiling = Math.min(30000, 500 * 2 ** n);
      expect(b.ceiling()).to.equal(ceiling);
      const d = b.next();
      expect(d).to.be.within(0, ceiling);
    }
    expect(b.ceiling()).to.equal(30000);
  });
  it('is actually jittered (not a fixed schedule)', () => {
    const b = new Backoff({ random: seeded(3) });
    const ds = Array.from({ length: 10 }, () => (b.reset(), b.next()));
    expect(new Set(ds).size).to.be.greaterThan(5);
  });
  it('resets after a healthy minute', () => {
    const b = new Backoff({ random: () => 0.999 });
    for (let i = 0; i < 8; i++) b.next();
    expect(b.next(59_000)).to.be.greaterThan(30000 * 0.99);
    expect(b.next(60_000)).to.be.below(500);
  });
  it('honours retry: (floor) and Retry-After (floor), capped', () => {
    const b = new Backoff({ random: () => 0 });
    b.serverRetryMs = 1200;
    expect(b.next()).to.equal(1200);
    expect(b.next(0, 4000)).to.equal(4000);
    b.serverRetryMs = 999_999;
    expect(b.next()).to.equal(30000);
    const off = new Backoff({ random: () => 0, honourServerRetry: false });
    off.serverRetryMs = 1200;
    expect(off.next()).to.equal(0);
  });
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).to.equal(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).to.equal(6000);
    expect(parseRetryAfter('soon')).to.equal(null);
    expect(parseRetryAfter(null)).to.equal(null);
  });
});

describe('frameBatch', () => {
  function harness(opts: { maxEvents?: number; resync?: () => Batch<number, string> | null; hidden?: boolean } = {}) {
    const frames: (() => void)[] = [];
    let hidden = opts.hidden ?? false;
    const listeners = new Set<() => void>();
    const visibility: VisibilityLike = { hidden: () => hidden, onChange: (cb) => (listeners.add(cb), () => listeners.delete(cb)) };
    const input = new Subject<Batch<number, string>>();
    const out: Batch<number, string>[] = [];
    let dropped = 0;
    const sub = input
      .pipe(
        frameBatch<number, string>({
          maxEvents: opts.maxEvents,
          schedule: (cb) => {
            frames.push(cb);
            return () => frames.splice(frames.indexOf(cb), 1);
          },
          visibility,
          onDrop: (n) => (dropped += n),
          resync: opts.resync,
        }),
      )
      .subscribe((b) => out.push(b));
    return {
      input,
      out,
      frames,
      listeners,
      get dropped() {
        return dropped;
      },
      frame: () => frames.splice(0).forEach((f) => f()),
      setHidden(h: boolean) {
        hidden = h;
        listeners.forEach((l) => l());
      },
      sub,
    };
  }
  const ev = (...e: number[]): Batch<number, string> => ({ reset: null, events: e });

  it('coalesces into at most one batch per frame', () => {
    const h = harness();
    for (let i = 0; i < 100; i++) h.input.next(ev(i));
    expect(h.out.length).to.equal(0);
    expect(h.frames.length, 'one frame requested').to.equal(1);
    h.frame();
    expect(h.out).to.deep.equal([{ reset: null, events: Array.from({ length: 100 }, (_, i) => i) }]);
    h.frame();
    expect(h.out.length).to.equal(1);
  });
  it('a reset supersedes what came before it in the frame, never dropped', () => {
    const h = harness({ maxEvents: 3 });
    h.input.next(ev(1, 2));
    h.input.next({ reset: 'S', events: [] });
    h.input.next(ev(3, 4, 5, 6, 7));
    h.frame();
    expect(h.out).to.deep.equal([{ reset: 'S', events: [5, 6, 7] }]);
    expect(h.dropped).to.equal(2);
  });
  it('bounded: drops the oldest and counts them', () => {
    const h = harness({ maxEvents: 10 });
    for (let i = 0; i < 25; i++) h.input.next(ev(i));
    h.frame();
    expect(h.out[0].events).to.deep.equal([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(h.dropped).to.equal(15);
  });
  it('bounded with resync: replaces the buffer by the current state', () => {
    const h = harness({ maxEvents: 5, resync: () => ({ reset: 'STATE', events: [] }) });
    for (let i = 0; i < 8; i++) h.input.next(ev(i));
    h.frame();
    expect(h.out[0].reset).to.equal('STATE');
    expect(h.out[0].events.length).to.be.at.most(5);
    expect(h.dropped).to.equal(6);
  });
  it('hidden: emits nothing, stays bounded, catches up at once when visible', () => {
    const h = harness({ hidden: true, maxEvents: 50 });
    for (let i = 0; i < 1000; i++) h.input.next(ev(i));
    expect(h.frames.length, 'no frame requested while hidden').to.equal(0);
    expect(h.out.length).to.equal(0);
    h.setHidden(false);
    expect(h.out.length).to.equal(1);
    expect(h.out[0].events.length).to.equal(50);
    expect(h.out[0].events.at(-1)).to.equal(999);
    expect(h.dropped).to.equal(950);
  });
  it('unsubscribing cancels the pending frame and the visibility listener', () => {
    const h = harness();
    h.input.next(ev(1));
    expect(h.frames.length).to.equal(1);
    h.sub.unsubscribe();
    expect(h.frames.length).to.equal(0);
    expect(h.listeners.size).to.equal(0);
  });
});

/** A fetch whose body is the given chunks (then closes), recording Last-Event-ID. */
function fakeSse(bodies: string[][], log: (string | null)[]) {
  let n = 0;
  return async (_url: string, init?: RequestInit) => {
    log.push(new Headers(init?.headers).get('last-event-id'));
    const chunks = bodies[Math.min(n++, bodies.length - 1)];
    const enc = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const ch of chunks) c.enqueue(enc.encode(ch));
        c.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
}

describe('SSE framing and resume (fake transport)', () => {
  const activity = (id: string) =>
    JSON.stringify({ id, type: 'other', status: 'queued', stage: 'q', title: 't', detail: '', worker: null, client: null, createdAt: 1, updatedAt: 1, stages: [] });

  it('a partial event at a cut never advances the cursor', async () => {
    const log: (string | null)[] = [];
    const ids: number[] = [];
    const ac = new AbortController();
    const snapshot = JSON.stringify({ activities: [], workers: [], stores: [], clients: [] });
    const bodies = [
      // reset 10, event 11 complete, event 12 cut after its id line, mid data
      [`retry: 5\n\n: hi\n\nid: 10\nevent: reset\ndata: ${snapshot}\n\n`, `id: 11\nevent: activity\ndata: ${activity('a')}\n\nid: 12\nevent: act`, `ivity\ndata: {"id":"b","ty`],
      [`id: 12\nevent: activity\ndata: ${activity('b')}\n\n`, `id: 13\nevent: activity\ndata: ${activity('c')}\n\nid: 14\nevent: activity\ndata: ${activity('d')}\n`],
      [`id: 14\nevent: activity\ndata: ${activity('d')}\n\n`],
    ];
    const done = runFeed(
      { key: 'k', sseUrl: 'http://x/live', pollUrl: () => 'http://x/live/status', decoder: liveDecoder },
      {
        transport: 'sse', heartbeatMs: 1000, maxFrameBytes: 1 << 20, firstByteTimeoutMs: 1000, fallbackAfter: 3, probeIntervalMs: 1e9,
        pollIntervalMs: 1000, pollTimeoutMs: 15_000, backoff: { baseMs: 1, capMs: 2, honourServerRetry: false }, resume: 'header', fetch: fakeSse(bodies, log) as never, undecodableAfter: 5,
      },
      { item: (it) => it.type === 'event' && ids.push(it.id), status() {}, malformed() {}, reconnect() {} },
      ac.signal,
    );
    while (log.length < 4) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    await done;
    expect(log.slice(0, 4)).to.deep.equal([null, '11', '13', '14']);
    expect(ids.slice(0, 4)).to.deep.equal([11, 12, 13, 14]);
  });

  it('counts the bytes of a pending event itself: an oversized frame ends the connection', async () => {
    const big = 'x'.repeat(4096);
    const res = await runSse(
      { url: 'http://x/', lastEventId: null, heartbeatMs: 1000, maxFrameBytes: 10_000, firstByteTimeoutMs: 1000, fetch: fakeSse([[`data: "${big}`, big, big, big, '"\n\n']], []) as never },
      { onMessage: () => undefined },
      new AbortController().signal,
    );
    expect(res.kind).to.equal('retry');
    expect((res as { oversize?: boolean }).oversize).to.equal(true);
  });
});

describe('decoders', () => {
  it('live: decodes each kind and says which field is wrong', () => {
    const w = { id: 'w1', status: 'working', subStatus: 'executing', metrics: { cpu: 0.5, memory: null, disk: { used: 1, total: 2 }, network: null }, actions: [], lastHeartbeat: null, platform: {} };
    expect(decodeLiveEvent('worker', w, 3)).to.deep.equal({ id: 3, kind: 'worker', data: w });
    expect(() => decodeLiveEvent('worker', { ...w, status: 'sleeping' }, 3)).to.throw(DecodeError, /worker\.status: expected one of idle, .*found the string "sleeping"/);
    expect(() => decodeLiveEvent('worker', { ...w, metrics: { ...w.metrics, cpu: '50%' } }, 3)).to.throw(/worker\.metrics\.cpu: expected a number or null, found the string "50%"/);
    expect(() => decodeLiveEvent('bogus', {}, 3)).to.throw(/event: expected one of activity/);
    expect(() => decodeLiveEvent('remove', { kind: 'planet', id: 'x' }, 3)).to.throw(/remove\.kind/);
    const item = liveDecoder.event('reset', { activities: [], workers: [w], stores: [], clients: [] }, 9);
    expect(item).to.deep.include({ type: 'reset', id: 9 });
  });
  it('live polling: events, snapshot and malformed entries', () => {
    const r = liveDecoder.poll({ lastId: 5, events: [{ id: 4, event: 'remove', data: { kind: 'worker', id: 'w' } }, { id: 5, event: 'worker', data: 'junk' }] });
    expect(r.events.map((e) => e.id)).to.deep.equal([4]);
    expect(r.malformed.map((m) => m.id)).to.deep.equal([5]);
    expect(() => liveDecoder.poll({ events: [] })).to.throw(/lastId/);
  });
  it('logs: lines, truncated gaps and the server-lost-state reset', () => {
    const line = { id: 7, time: 1, level: 'info', source: 's', text: '\u001b[31mred' };
    expect(logDecoder.event('line', line, 7)).to.deep.equal({ type: 'event', id: 7, event: line });
    expect(logDecoder.event('truncated', { from: 1, to: 5 }, null)).to.deep.equal({ type: 'reset', id: null, snapshot: { from: 1, to: 5 } });
    expect(() => logDecoder.event('line', { ...line, level: 'loud' }, 7)).to.throw(/line\.level/);
    expect(logDecoder.event('reset', { lastId: 3 }, 3)).to.deep.include({ type: 'reset', id: -1 });
  });
  it('tasks: events and status', () => {
    const ev = { id: 3, type: 'task_step', timestamp: 1.5, task_id: 't', validator_ip: null, details: { step: 'x' } };
    expect(taskDecoder.event(undefined, ev, 3)).to.deep.equal({ type: 'event', id: 3, event: ev });
    expect(() => taskDecoder.event(undefined, { ...ev, type: 'nap' }, 3)).to.throw(/task event\.type/);
    const st = taskDecoder.poll({ last_id: 9, active_tasks: [], recent_events: [ev], reset: true });
    expect(st.reset?.snapshot.recent_events.length).to.equal(1);
  });

  const attempt = { rollout_id: 'ro-1', attempt_id: 'at-1', sequence_id: 1, start_time: 1, end_time: null, status: 'running', worker_id: 'w', last_heartbeat_time: 2, metadata: null };
  const rollout = {
    rollout_id: 'ro-1', input: { q: 1 }, start_time: 1, end_time: null, mode: 'train', resources_id: null, status: 'running',
    config: { timeout_seconds: null, unresponsive_seconds: null, max_attempts: 3, retry_condition: ['failed'] }, metadata: null, attempt,
  };
  it('Agent-lightning rollouts: the seed bare array and the /v1/agl envelope, wire JSON kept as is', () => {
    const a = decodeRollouts([rollout]);
    expect(a.shape).to.equal('array');
    expect(a.rollouts[0]).to.equal(rollout);
    const e = decodeRollouts({ items: [rollout, { ...rollout, rollout_id: 'ro-2', attempt: undefined }], limit: -1, offset: 0, total: 2 });
    expect(e.shape).to.equal('envelope');
    expect(e.total).to.equal(2);
    expect(Object.keys(e.rollouts[0])).to.include('rollout_id');
  });
  it('Agent-lightning: anything else is a clear error, never a silent guess', () => {
    expect(() => decodeRollouts({ detail: 'Invalid sort_by: duration' })).to.throw(DecodeError, /bare array .* or an envelope .*the server said: "Invalid sort_by: duration"/);
    expect(() => decodeRollouts({ rollouts: [] })).to.throw(/found an object with keys rollouts/);
    expect(() => decodeRollouts({ items: [rollout], limit: 1, offset: 0 })).to.throw(/rollouts\.total/);
    expect(() => decodeRollouts({ items: 'x', limit: 1, offset: 0, total: 1 })).to.throw(/bare array .* or an envelope .*found an object with keys items/);
    expect(() => decodeRollouts('[]')).to.throw(DecodeError, /found the string/);
    expect(() => decodeRollouts(null)).to.throw(DecodeError, /found null/);
    // A wrong envelope throws even when every item is fine, and even when every item is wrong.
    expect(() => decodeRollouts({ items: [rollout], limit: '1', offset: 0, total: 1 })).to.throw(/rollouts\.limit: expected a number/);
    expect(() => decodeRollouts({ items: [null], limit: -1, offset: 0 })).to.throw(/rollouts\.total/);
  });
  it('Agent-lightning: an item that cannot be read is skipped and reported; the good ones are kept', () => {
    const bad = { ...rollout, rollout_id: 'ro-bad', mode: 42 };
    const items = [rollout, bad, null, { ...rollout, rollout_id: 'ro-3' }, { ...rollout, rollout_id: 7, status: 'done' }];
    const e = decodeRollouts({ items, limit: -1, offset: 0, total: 9 });
    expect(e.shape).to.equal('envelope');
    expect(e.total, 'the envelope total is kept as sent').to.equal(9);
    expect(e.rollouts.map((r) => r.rollout_id)).to.deep.equal(['ro-1', 'ro-3']);
    expect(e.rollouts[0]).to.equal(rollout);
    expect(e.skipped.map((x) => x.index)).to.deep.equal([1, 2, 4]);
    expect(e.skipped[0]).to.deep.include({ index: 1, id: 'ro-bad' });
    expect(e.skipped[0].reason).to.match(/^rollouts\.items\[1\]\.mode: expected one of train, val, test, found number 42$/);
    expect(e.skipped[0].raw, 'the raw item stays reachable').to.equal(bad);
    expect(e.skipped[1]).to.not.have.property('id');
    expect(e.skipped[1].reason).to.match(/rollouts\.items\[2\]: expected an object, found null/);
    expect(e.skipped[2], 'an id that is not a string is not reported as one').to.not.have.property('id');
    expect(e.skipped[2].reason).to.match(/rollouts\.items\[4\]\.rollout_id: expected a string, found number 7/);
    // Bare arrays too, with the array path.
    const a = decodeRollouts([{ ...rollout, status: 'done' }, rollout]);
    expect(a.rollouts).to.have.length(1);
    expect(a.skipped).to.have.length(1);
    expect(a.skipped[0].reason).to.match(/rollouts\[0\]\.status: expected one of queuing/);
    // Every item bad: an empty list and every item reported (not an error, not silently empty).
    const all = decodeRollouts([null, 1, 'x']);
    expect(all.rollouts).to.deep.equal([]);
    expect(all.skipped.map((x) => x.index)).to.deep.equal([0, 1, 2]);
    expect(decodeRollouts([rollout]).skipped).to.deep.equal([]);
  });
  it('Agent-lightning attempts, spans and resources in both shapes', () => {
    expect(decodeAttempts([attempt]).shape).to.equal('array');
    expect(decodeAttempts({ items: [attempt], limit: 10, offset: 0, total: 1 }).attempts[0]).to.equal(attempt);
    const span = { rollout_id: 'ro-1', attempt_id: 'at-1', sequence_id: 1, trace_id: 't', span_id: 's', parent_id: null, name: 'llm', status: { status_code: 'OK', description: null }, attributes: {}, events: [], links: [], start_time: 1, end_time: 2, context: null, parent: null, resource: null };
    expect(decodeSpans({ items: [span], limit: -1, offset: 0, total: 1 }).spans.length).to.equal(1);
    const sp = decodeSpans([{ ...span, span_id: 'bad', status: { status_code: 'FINE' } }, span]);
    expect(sp.spans).to.deep.equal([span]);
    expect(sp.skipped).to.have.length(1);
    expect(sp.skipped[0]).to.deep.include({ index: 0, id: 'bad' });
    expect(sp.skipped[0].reason).to.match(/spans\[0\]\.status\.status_code/);
    const at = decodeAttempts({ items: [{ ...attempt, attempt_id: 'at-x', status: 'napping' }, attempt], limit: -1, offset: 0, total: 2 });
    expect(at.attempts).to.deep.equal([attempt]);
    expect(at.skipped[0]).to.deep.include({ index: 0, id: 'at-x' });
    expect(at.skipped[0].reason).to.match(/attempts\.items\[0\]\.status/);
    expect(() => decodeAttempts({ items: [attempt] })).to.throw(/attempts\.total/);
    expect(() => decodeSpans({ spans: [span] })).to.throw(/spans: expected a bare array/);
    const res = { resources_id: 'rs-1', create_time: 1, update_time: 2, version: 1, resources: { main: { resource_type: 'llm', endpoint: 'x' } } };
    expect(decodeResources([res]).shape).to.equal('array');
    expect(decodeResources({ items: [res], limit: -1, offset: 0, total: 1 }).shape).to.equal('envelope');
    expect(decodeResources(res).shape).to.equal('single');
    const rs = decodeResources({ items: [{ ...res, resources_id: 'rs-gpu', resources: { m: { resource_type: 'gpu' } } }, res], limit: 2, offset: 0, total: 2 });
    expect(rs.resources).to.deep.equal([res]);
    expect(rs.skipped[0]).to.deep.include({ index: 0, id: 'rs-gpu' });
    expect(rs.skipped[0].reason).to.match(/resources\.items\[0\]\.resources\.m\.resource_type/);
    expect(decodeResources(res).skipped).to.deep.equal([]);
    // A single snapshot (/resources/latest) is not a list: invalid, it throws.
    expect(() => decodeResources({ ...res, resources: { m: { resource_type: 'gpu' } } })).to.throw(/resource_type/);
    expect(() => decodeResources({ items: 5, limit: 1, offset: 0, total: 1 })).to.throw(/expected a bare array/);
  });
});
