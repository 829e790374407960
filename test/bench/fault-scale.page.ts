/**
 * Page for the fault-scale benchmark: one hub with a Recorder-style subscriber on the live
 * feed, and a <log-console> on the `scheduler` log stream through the same hub. `__run()`
 * switches on N randomized faults (both streams at once), steps the sandbox after each, waits
 * until both caught up, then checks: live ids strictly increasing and — together with the
 * frames the hub reported malformed — contiguous; the log lines the element holds likewise.
 */
import '../../src/elements/log-console/log-console.define.js';
import type { LogConsole } from '../../src/elements/log-console/log-console.js';
import { createHub } from '../../src/streams/hub.js';
import type { FeedItem } from '../../src/streams/decoders/feed.js';
import { seeded, sleep, until } from '../streams/util.js';

const STREAMS = ['live', 'logs/scheduler'];
const KINDS = ['cutMidEvent', 'cutMidLine', 'cut', 'burst503', 'restart', 'malformed', 'drip', 'stall'] as const;

(window as any).__run = async (base: string, n: number, seed: number) => {
  const admin = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const r = await fetch(`${base}/admin/${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!r.ok) throw new Error(`admin ${path}: ${r.status}`);
    const t = await r.text();
    return t ? JSON.parse(t) : null;
  };
  const rnd = seeded(seed);
  const malformed: Record<string, number[]> = { live: [], logs: [] };
  const hub = createHub({
    graceMs: 50,
    backoff: { baseMs: 10, capMs: 80, honourServerRetry: false, random: seeded(seed + 1) },
    firstByteTimeoutMs: 400,
    onMalformed: ({ key, id }) => id !== null && malformed[key.includes('/logs/') ? 'logs' : 'live'].push(id),
  });
  const live = hub.live(base, { heartbeatMs: 100, transport: 'sse' });
  const liveIds: number[] = [];
  const resets: number[] = [];
  const sub = live.items$.subscribe((item: FeedItem<unknown, unknown>) => (item.type === 'reset' ? resets.push(item.id as number) : liveIds.push(item.id as number)));
  const el = document.querySelector('log-console') as LogConsole;
  el.hub = hub;
  el.setAttribute('base-url', base);
  el.setAttribute('streams', 'scheduler');
  const logIds = () =>
    el
      .toNdjson()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((l) => typeof l.id === 'number')
      .map((l) => l.id as number);
  const gaps = () => el.toNdjson().split('\n').filter((l) => l.includes('"gap"')).length;
  await until(() => resets.length === 1, 5000, 'live snapshot');
  await until(() => el.size > 0, 5000, 'log tail');
  const startLive = resets[0];
  const firstLog = logIds()[0];
  const seen: Record<string, number> = {};
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const kind = KINDS[Math.floor(rnd() * KINDS.length)];
    seen[kind] = (seen[kind] ?? 0) + 1;
    const after = 1 + Math.floor(rnd() * 3);
    switch (kind) {
      case 'cutMidEvent':
        await admin('faults', { mode: 'cut', streams: STREAMS, afterEvents: after, midEvent: true, count: 2 });
        break;
      case 'cutMidLine':
        await admin('faults', { mode: 'cut', streams: STREAMS, afterEvents: after, midLine: true, count: 2 });
        break;
      case 'cut':
        await admin('faults', { mode: 'cut', streams: STREAMS, afterEvents: after, count: 2 });
        break;
      case 'burst503':
        await admin('faults', { mode: 'status', status: 503, streams: STREAMS, count: 1 + Math.floor(rnd() * 3) });
        await admin('restart', {});
        break;
      case 'restart':
        await admin('restart', {});
        break;
      case 'malformed':
        await admin('faults', { mode: 'malformed', streams: STREAMS, every: 2, count: 2 });
        break;
      case 'drip':
        await admin('faults', { mode: 'drip', streams: STREAMS, bytes: 1 + Math.floor(rnd() * 64), intervalMs: 2, forMs: 150 });
        break;
      case 'stall':
        await admin('faults', { mode: 'stall', streams: STREAMS, forMs: 250 });
        break;
    }
    const r = await admin('step', { ms: 300 + Math.floor(rnd() * 400) });
    const liveTarget = r.lastEventId.live as number;
    const logTarget = r.lastEventId['logs/scheduler'] as number;
    const lastLog = () => {
      const ids = logIds();
      return Math.max(ids.at(-1) ?? -1, malformed.logs.at(-1) ?? -1);
    };
    try {
      await until(() => Math.max(liveIds.at(-1) ?? -1, malformed.live.at(-1) ?? -1) >= liveTarget, 10000, `live id ${liveTarget} after ${kind} (#${i})`);
      await until(() => lastLog() >= logTarget, 10000, `log id ${logTarget} after ${kind} (#${i})`);
    } catch (e) {
      return { error: (e as Error).message, at: i, status: live.status };
    }
    await admin('faults', undefined, 'DELETE');
  }
  const seconds = (performance.now() - t0) / 1000;
  sub.unsubscribe();
  const stats = await admin('stats');
  const check = (delivered: number[], bad: number[], from: number, to: number) => {
    let duplicated = 0;
    let reordered = 0;
    for (let i = 1; i < delivered.length; i++) {
      if (delivered[i] === delivered[i - 1]) duplicated++;
      else if (delivered[i] < delivered[i - 1]) reordered++;
    }
    const all = new Set([...delivered, ...bad]);
    let lost = 0;
    for (let id = from; id <= to; id++) if (!all.has(id)) lost++;
    return { delivered: delivered.length, malformed: bad.length, duplicated: duplicated + (delivered.length + bad.length - all.size - duplicated), reordered, lost, from, to };
  };
  const li = logIds();
  return {
    faults: n,
    seconds,
    kinds: seen,
    snapshots: resets.length,
    reconnects: live.status.counters.reconnects,
    live: check(liveIds, malformed.live, startLive + 1, stats.lastEventId.live),
    logs: check(li, malformed.logs, firstLog, stats.lastEventId['logs/scheduler']),
    logGapMarkers: gaps(),
  };
};
(window as any).__ready = true;
