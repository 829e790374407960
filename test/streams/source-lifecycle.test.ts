/**
 * A source's life as a page sees it, against the reference server: released when nobody
 * watches (not a failure), re-used by URL with the latest auto-refresh interval, and connected
 * again at once by Retry.
 */
import { expect } from '@open-wc/testing';
import { BehaviorSubject, filter, firstValueFrom } from 'rxjs';
import { createHub } from '../../src/streams/hub.js';
import type { SourceStatus } from '../../src/streams/types.js';
import { recordingFetch, sandboxPerTest, sleep, until } from './util.js';

const sandbox = sandboxPerTest({ seed: 1, paused: true, heartbeatMs: 100 });

function waitState(status$: { pipe: Function }, state: SourceStatus['state'], timeoutMs = 5000): Promise<SourceStatus> {
  return Promise.race([
    firstValueFrom((status$ as any).pipe(filter((s: SourceStatus) => s.state === state))) as Promise<SourceStatus>,
    sleep(timeoutMs).then(() => {
      throw new Error(`state ${state} not reached within ${timeoutMs} ms`);
    }),
  ]);
}

type Log = { url: string; lastEventId: string | null; at: number }[];
const count = (log: Log, part: string) => log.filter((r) => r.url.includes(part)).length;

describe('a source released because nobody watches it', () => {
  it('leaves the hub’s statuses without ever being reported offline (feeds and REST)', async () => {
    const sb = await sandbox();
    const hub = createHub({ graceMs: 80 });
    const seen: SourceStatus[] = [];
    const all = hub.statuses$.subscribe((list) => seen.push(...list));
    const live = hub.live(sb.url, { heartbeatMs: 100 });
    const logs = hub.logs(sb.url, 'scheduler', { heartbeatMs: 100 });
    const rest = hub.rest(`${sb.url}/v1/agl/health`, { decode: (j) => j });
    const subs = [live.batches$.subscribe(), logs.batches$.subscribe(), rest.data$.subscribe()];
    await waitState(live.status$, 'live');
    await waitState(logs.status$, 'live');
    await waitState(rest.status$, 'live');
    for (const s of subs) s.unsubscribe();
    await until(() => hub.openSources().length === 0, 2000, 'all three released after the grace period');
    // Opened again (the user comes back to the page): connecting, then live; never its closed state.
    const again = [live.batches$.subscribe(), logs.batches$.subscribe(), rest.data$.subscribe()];
    await waitState(live.status$, 'live');
    await waitState(logs.status$, 'live');
    await waitState(rest.status$, 'live');
    for (const s of again) s.unsubscribe();
    await until(() => hub.openSources().length === 0, 2000, 'released again');
    await sleep(50);
    all.unsubscribe();
    expect(seen.filter((s) => s.state === 'offline' || s.state === 'error').map((s) => `${s.key}: ${s.reason}`)).to.deep.equal([]);
    expect(seen.length).to.be.greaterThan(0);
  });
});

describe('a REST source shared by URL', () => {
  it('takes the latest caller’s auto-refresh interval: Off after 150 ms stops polling, also for a source made earlier', async () => {
    const sb = await sandbox();
    const log: Log = [];
    const hub = createHub({ graceMs: 50, fetch: recordingFetch(log) });
    const url = `${sb.url}/v1/agl/health`;
    // A first "table" at 150 ms, with its own setting subject (stuck once the table is gone).
    const first = new BehaviorSubject(150);
    let sub = hub.rest(url, { decode: (j) => j, intervalMs: first }).data$.subscribe();
    await until(() => count(log, '/health') >= 3, 3000, 'polling every 150 ms');
    sub.unsubscribe();
    await sleep(150);
    // The setting is now Off; a second table asks for the same URL.
    const before = count(log, '/health');
    const second = new BehaviorSubject(0);
    sub = hub.rest(url, { decode: (j) => j, intervalMs: second }).data$.subscribe();
    await sleep(700);
    expect(count(log, '/health') - before, 'one fetch on opening, then none (Off)').to.equal(1);
    // And a change of the second table's setting applies at once.
    second.next(100);
    await until(() => count(log, '/health') - before >= 3, 2000, 'polling again at 100 ms');
    sub.unsubscribe();
  });

  it('a second caller with a number changes the interval of a source that is open', async () => {
    const sb = await sandbox();
    const log: Log = [];
    const hub = createHub({ graceMs: 50, fetch: recordingFetch(log) });
    const url = `${sb.url}/v1/agl/health`;
    const a = hub.rest(url, { decode: (j) => j, intervalMs: 100 }).data$.subscribe();
    await until(() => count(log, '/health') >= 3, 3000, 'polling every 100 ms');
    const b = hub.rest(url, { decode: (j) => j, intervalMs: 0 }).data$.subscribe();
    await sleep(50);
    const n = count(log, '/health');
    await sleep(500);
    expect(count(log, '/health'), 'no refresh after the change to Off').to.equal(n);
    a.unsubscribe();
    b.unsubscribe();
  });
});

describe('Retry on a streaming source', () => {
  it('reconnects at once instead of waiting out the backoff', async () => {
    const sb = await sandbox();
    await sb.faults({ mode: 'status', status: 503, streams: ['live'] });
    // A long backoff: without Retry the next attempt is 20 s away.
    const hub = createHub({ graceMs: 50, backoff: { baseMs: 20_000, capMs: 20_000, random: () => 0.999, honourServerRetry: false }, fallbackAfter: 100 });
    const src = hub.live(sb.url, { heartbeatMs: 100, transport: 'sse' });
    const sub = src.batches$.subscribe();
    const st = await waitState(src.status$, 'reconnecting', 3000);
    expect(st.retryAt! - Date.now()).to.be.greaterThan(10_000);
    await sb.clearFaults();
    const t0 = performance.now();
    src.retry();
    await waitState(src.status$, 'live', 3000);
    expect(performance.now() - t0).to.be.lessThan(2000);
    sub.unsubscribe();
  });

  it('connects again after a fatal error (a 404 that has since been fixed)', async () => {
    const sb = await sandbox();
    await sb.faults({ mode: 'status', status: 404, streams: ['live'] });
    const hub = createHub({ graceMs: 50 });
    const src = hub.live(sb.url, { heartbeatMs: 100 });
    const sub = src.batches$.subscribe();
    await waitState(src.status$, 'error', 3000);
    await sb.clearFaults();
    src.retry();
    await waitState(src.status$, 'live', 3000);
    sub.unsubscribe();
  });
});
