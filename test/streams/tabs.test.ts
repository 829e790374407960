/**
 * Cross-tab sharing in Chromium against the reference server. Several hubs in one page act as
 * several tabs: each has its own tab id and BroadcastChannel object, and they share the lock
 * and channel names of one namespace (unique per test, so tests never meet each other).
 */
import { expect } from '@open-wc/testing';
import { NEVER, type Subscription } from 'rxjs';
import { createHub, getDefaultHub, type Hub } from '../../src/streams/hub.js';
import type { ClusterSnapshot, LiveEvent, LogLine } from '../../src/streams/models.js';
import type { Batch, LogGap, SourceStatus } from '../../src/streams/types.js';
import '../../src/elements/telltale-provider/telltale-provider.define.js';
import type { TelltaleProvider } from '../../src/elements/telltale-provider/telltale-provider.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import { recordingFetch, sleep, until } from './util.js';

let sandboxes: Sandbox[] = [];
let tabs: Tab[] = [];
async function sandbox(opts: Record<string, unknown> = {}): Promise<Sandbox> {
  const sb = await createSandbox({ seed: 3, paused: true, heartbeatMs: 100, ...opts });
  sandboxes.push(sb);
  return sb;
}
afterEach(async () => {
  for (const t of tabs) t.close();
  tabs = [];
  await sleep(120);
  await Promise.all(sandboxes.map((s) => s.dispose()));
  sandboxes = [];
});

let nsCounter = 0;
const namespace = () => `test-${Date.now().toString(36)}-${++nsCounter}`;

/** One simulated tab: a hub in the shared namespace, following `live` like an element would. */
class Tab {
  readonly hub: Hub;
  readonly ids: number[] = [];
  readonly batches: Batch<LiveEvent, ClusterSnapshot>[] = [];
  readonly requests: { url: string; lastEventId: string | null; at: number }[] = [];
  status: SourceStatus | null = null;
  private subs: Subscription[] = [];
  constructor(
    readonly name: string,
    ns: string,
    private readonly base: string,
    extra: Parameters<typeof createHub>[0] = {},
  ) {
    this.hub = createHub({
      graceMs: 50,
      backoff: { baseMs: 10, capMs: 80, honourServerRetry: false },
      fetch: recordingFetch(this.requests),
      crossTab: { namespace: ns, tabId: name },
      ...extra,
    });
    tabs.push(this);
  }
  get source() {
    return this.hub.live(this.base, { heartbeatMs: 100 });
  }
  follow(): this {
    this.subs.push(
      this.source.batches$.subscribe((b) => {
        this.batches.push(b);
        for (const e of b.events) this.ids.push(e.id);
      }),
      this.source.status$.subscribe((s) => (this.status = s)),
    );
    return this;
  }
  unfollow(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }
  /** What closing the tab does: everything stops and the lock is released. */
  close(): void {
    this.unfollow();
    this.hub.dispose();
  }
  get role() {
    return this.hub.role;
  }
  /** SSE requests this tab made to the server. */
  get connections() {
    return this.requests.filter((r) => r.url.endsWith('/live')).length;
  }
}

function expectContiguous(ids: number[], what: string) {
  expect(ids.length, `${what}: some ids`).to.be.greaterThan(0);
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] !== ids[i - 1] + 1) throw new Error(`${what}: gap or duplicate: ${ids[i - 1]} then ${ids[i]} (at ${i})`);
  }
}

async function step(sb: Sandbox, ms: number): Promise<number> {
  return (await sb.admin('step', { ms })).lastEventId.live;
}

async function liveConnections(sb: Sandbox): Promise<number> {
  return (await sb.stats()).connections.live ?? 0;
}

describe('cross-tab: one connection for every tab', () => {
  it('elects one leader; followers share its connection and get the same contiguous ids', async () => {
    const sb = await sandbox();
    const ns = namespace();
    const a = new Tab('a', ns, sb.url).follow();
    await until(() => a.role === 'leader' && a.status?.state === 'live', 5000, 'a leads, live');
    const b = new Tab('b', ns, sb.url).follow();
    const c = new Tab('c', ns, sb.url).follow();
    await until(() => b.role === 'follower' && c.role === 'follower', 3000, 'b and c follow');
    await until(() => b.status?.state === 'live' && c.status?.state === 'live', 3000, 'followers report live');
    expect(b.status!.role).to.equal('follower');
    expect(a.status!.role).to.equal('leader');
    const last = await step(sb, 2000);
    await until(() => [a, b, c].every((t) => t.ids.at(-1) === last), 5000, 'every tab reaches the last id');
    expect(await liveConnections(sb), 'the server sees one /live connection').to.equal(1);
    expect(b.connections + c.connections, 'followers made no SSE request').to.equal(0);
    for (const t of [a, b, c]) expectContiguous(t.ids, t.name);
    expect(b.ids).to.deep.equal(a.ids.slice(a.ids.indexOf(b.ids[0])));
    // A follower's first batch is a consistent snapshot, and its events come after it.
    expect(b.batches[0].reset, 'first batch of a follower is a reset').to.not.equal(null);
    expect(b.batches[0].reset!.workers.length).to.be.greaterThan(0);
    await until(() => b.status!.counters.events === b.ids.length, 2000, 'the follower counts the events it delivered');
  });

  it('a late follower starts from the leader\'s snapshot, equal to what the leader holds', async () => {
    const sb = await sandbox();
    const ns = namespace();
    const a = new Tab('a', ns, sb.url).follow();
    await until(() => a.status?.state === 'live', 5000, 'a live');
    await step(sb, 3000);
    await until(() => a.ids.length > 0, 3000, 'a has events');
    const late = new Tab('late', ns, sb.url).follow();
    await until(() => late.batches.length > 0, 3000, 'late first batch');
    const snap = late.batches[0].reset!;
    expect(snap, 'first batch is a reset').to.not.equal(null);
    const leaderSnap = (a.source as any).folder.snapshot() as ClusterSnapshot;
    expect(snap.activities.map((x) => x.id).sort()).to.deep.equal(leaderSnap.activities.map((x) => x.id).sort());
    expect(snap.workers.map((w) => w.status).join()).to.equal(leaderSnap.workers.map((w) => w.status).join());
    const last = await step(sb, 1000);
    await until(() => late.ids.at(-1) === last, 3000, 'late follows');
    expectContiguous(late.ids, 'late');
  });

  it('followers ask for what their elements use and release it; the leader closes what nobody wants', async () => {
    const sb = await sandbox();
    const ns = namespace();
    const a = new Tab('a', ns, sb.url);
    // The leader tab follows nothing itself: it opens /live only for the follower.
    a.hub.logs(sb.url, 'scheduler').batches$.subscribe().unsubscribe(); // elect
    await until(() => a.role === 'leader', 3000, 'a leads');
    expect(await liveConnections(sb)).to.equal(0);
    const b = new Tab('b', ns, sb.url).follow();
    await until(() => b.status?.state === 'live', 3000, 'b live via a');
    expect(await liveConnections(sb)).to.equal(1);
    expect(a.connections).to.equal(1);
    expect(b.connections).to.equal(0);
    b.unfollow();
    await until(async () => (await liveConnections(sb)) === 0, 3000, 'the leader closes /live after the follower releases it');
  });

  it('logs: a follower gets the recent lines with their ids, then the live tail', async () => {
    const sb = await sandbox();
    const ns = namespace();
    const mk = (name: string) => {
      const t = new Tab(name, ns, sb.url);
      const lines: number[] = [];
      const gaps: LogGap[] = [];
      t.hub.logs(sb.url, 'scheduler', { tail: 50, heartbeatMs: 100 }).batches$.subscribe((b: Batch<LogLine, LogGap>) => {
        if (b.reset) gaps.push(b.reset);
        for (const l of b.events) lines.push(l.id);
      });
      return { t, lines, gaps };
    };
    const a = mk('a');
    await until(() => a.lines.length > 0, 5000, 'a has lines');
    await step(sb, 2000);
    const b = mk('b');
    await until(() => b.t.role === 'follower' && b.lines.length > 0, 3000, 'b has lines');
    await step(sb, 2000);
    const { lastEventId } = await sb.stats();
    await until(() => a.lines.at(-1) === lastEventId['logs/scheduler'] && b.lines.at(-1) === a.lines.at(-1), 3000, 'both at the tail');
    expectContiguous(b.lines, 'b lines');
    expect(b.lines).to.deep.equal(a.lines.slice(a.lines.indexOf(b.lines[0])));
    expect(b.lines.length, 'recent lines, bounded by the tail').to.be.at.most(50 + 200);
    expect(b.gaps).to.deep.equal([]);
  });
});

describe('cross-tab: takeover', () => {
  it('the leader closes: a follower leads within 2 s, resumes with Last-Event-ID; no gap, no duplicate in any tab', async () => {
    const sb = await sandbox();
    const ns = namespace();
    const a = new Tab('a', ns, sb.url).follow();
    await until(() => a.role === 'leader' && a.status?.state === 'live', 5000, 'a leads');
    const b = new Tab('b', ns, sb.url).follow();
    const c = new Tab('c', ns, sb.url).follow();
    await until(() => b.status?.state === 'live' && c.status?.state === 'live', 3000, 'followers live');
    let last = await step(sb, 1500);
    await until(() => b.ids.at(-1) === last && c.ids.at(-1) === last, 3000, 'followers caught up');
    const t0 = performance.now();
    a.close();
    await until(() => b.role === 'leader' || c.role === 'leader', 2000, 'a new leader within 2 s');
    const leader = b.role === 'leader' ? b : c;
    const other = leader === b ? c : b;
    await until(() => leader.status?.state === 'live', 2000, 'the new leader is live');
    const takeoverMs = performance.now() - t0;
    expect(takeoverMs, 'takeover time').to.be.below(2000);
    const resume = leader.requests.find((r) => r.url.endsWith('/live'));
    expect(resume?.lastEventId, 'resumed from the last id it had seen').to.equal(String(last));
    last = await step(sb, 2000);
    await until(() => leader.ids.at(-1) === last && other.ids.at(-1) === last, 3000, 'both reach the last id');
    for (const t of [leader, other]) {
      expectContiguous(t.ids, t.name);
      expect(t.batches.slice(1).every((x) => x.reset === null), `${t.name}: no snapshot after the first batch`).to.equal(true);
    }
    expect(other.role).to.equal('follower');
    expect(other.status!.role).to.equal('follower');
    await until(async () => (await liveConnections(sb)) === 1, 2000, 'one connection again');
    console.log(`cross-tab takeover after close: ${Math.round(takeoverMs)} ms`);
  });

  it('the leader hangs: a follower hears nothing for 1.5 s, takes the lock, resumes; the old leader comes back as a follower without duplicates', async () => {
    const sb = await sandbox({ paused: false, rates: { activities: 20 } });
    const ns = namespace();
    const a = new Tab('a', ns, sb.url).follow();
    await until(() => a.role === 'leader' && a.status?.state === 'live', 5000, 'a leads');
    const b = new Tab('b', ns, sb.url).follow();
    await until(() => b.status?.state === 'live' && b.ids.length > 3, 5000, 'b follows with events');
    const t0 = performance.now();
    a.hub.tabs!.freeze();
    await until(() => b.role === 'leader', 2000, 'b steals the lock');
    const stealMs = performance.now() - t0;
    expect(stealMs, 'takeover after a hang').to.be.within(1400, 2000);
    const n = b.ids.length;
    await until(() => b.status?.role === 'leader' && b.status.state === 'live', 1000, 'b is live as leader');
    const liveMs = performance.now() - t0;
    await until(() => b.ids.length > n + 10, 5000, 'b streams as leader');
    a.hub.tabs!.unfreeze();
    await until(() => a.role === 'follower', 3000, 'a follows again');
    const m = a.ids.length;
    await until(() => a.ids.length > m + 10, 5000, 'a receives from b');
    expectContiguous(b.ids, 'b');
    // a kept its own connection while hung (its events are real), then dedupes b's relay.
    expectContiguous(a.ids, 'a');
    expect(a.hub.tabs!.leaderships).to.equal(1);
    console.log(`cross-tab takeover after a hang: leads after ${Math.round(stealMs)} ms, live after ${Math.round(liveMs)} ms`);
  });
});

describe('cross-tab: one steal at a time', () => {
  it('when the leader hangs with two followers watching, exactly one of them takes over', async () => {
    const sb = await sandbox({ paused: false, rates: { activities: 10 } });
    const ns = namespace();
    const a = new Tab('a', ns, sb.url).follow();
    await until(() => a.role === 'leader' && a.status?.state === 'live', 5000, 'a leads');
    const b = new Tab('b', ns, sb.url).follow();
    const c = new Tab('c', ns, sb.url).follow();
    await until(() => b.status?.state === 'live' && c.status?.state === 'live', 3000, 'followers live');
    a.hub.tabs!.freeze();
    await until(() => b.role === 'leader' || c.role === 'leader', 2000, 'a follower takes over');
    await sleep(1200);
    expect(b.hub.tabs!.leaderships + c.hub.tabs!.leaderships, 'one takeover, no stealing back and forth').to.equal(1);
    const s = await sb.stats();
    expect(s.opened.live, 'the first connection and the new leader\'s, nothing more').to.equal(2);
    const other = b.role === 'leader' ? c : b;
    const n = other.ids.length;
    await until(() => other.ids.length > n + 5, 5000, 'the other follower follows the new leader');
    expectContiguous(other.ids, other.name);
  });
});

describe('cross-tab: switches and fallbacks', () => {
  it('createHub() is solo unless asked; roles are reported per source', async () => {
    const sb = await sandbox();
    const hub = createHub({ graceMs: 50 });
    expect(hub.tabs).to.equal(null);
    const src = hub.live(sb.url);
    let s: SourceStatus | null = null;
    const sub = src.status$.subscribe((x) => (s = x));
    const sub2 = src.batches$.subscribe();
    await until(() => s?.state === 'live', 3000, 'live');
    expect(s!.role).to.equal('solo');
    sub.unsubscribe();
    sub2.unsubscribe();
  });

  it('falls back to solo without BroadcastChannel or Web Locks', async () => {
    const g = globalThis as any;
    const saved = g.BroadcastChannel;
    try {
      g.BroadcastChannel = undefined;
      expect(createHub({ crossTab: true }).tabs).to.equal(null);
    } finally {
      g.BroadcastChannel = saved;
    }
    const locks = Object.getOwnPropertyDescriptor(Navigator.prototype, 'locks')!;
    try {
      Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
      expect(createHub({ crossTab: true }).role).to.equal('solo');
    } finally {
      delete (navigator as any).locks;
      Object.defineProperty(Navigator.prototype, 'locks', locks);
    }
    expect(createHub({ crossTab: true }).tabs).to.not.equal(null);
  });

  it('a follower whose leader never serves a source reads it itself after 5 s', async function () {
    this.timeout(15000);
    const sb = await sandbox();
    const ns = namespace();
    const a = new Tab('a', ns, sb.url);
    a.hub.logs(sb.url, 'scheduler').batches$.subscribe().unsubscribe(); // elect
    await until(() => a.role === 'leader', 3000, 'a leads');
    (a.hub as any).sourceFor = () => ({ key: 'another-version', items$: NEVER }); // a page that keys sources differently
    const b = new Tab('b', ns, sb.url).follow();
    await until(() => b.role === 'follower', 3000, 'b follows');
    await sleep(4000);
    expect(b.status?.state, 'still waiting for the leader').to.equal('connecting');
    await until(() => b.status?.role === 'solo' && b.status.state === 'live', 4000, 'b reads it itself');
    // `live` comes with the response headers; the replay's first batch follows it.
    await until(() => b.batches.length > 0, 3000, 'b gets the replay');
    expect(b.connections).to.equal(1);
    expect(b.batches[0].reset).to.not.equal(null);
  });

  it('stays solo and connects when Web Locks refuse the page (an opaque origin)', async () => {
    const sb = await sandbox();
    const refusing = { request: () => Promise.reject(new DOMException('refused', 'SecurityError')), query: () => Promise.resolve({}) };
    Object.defineProperty(navigator, 'locks', { value: refusing, configurable: true });
    try {
      const t = new Tab('x', namespace(), sb.url).follow();
      await until(() => t.status?.state === 'live', 3000, 'live without a lock');
      expect(t.role).to.equal('solo');
      expect(t.status!.role).to.equal('solo');
      expect(t.connections).to.equal(1);
    } finally {
      delete (navigator as any).locks;
    }
    expect(typeof navigator.locks.request).to.equal('function');
  });

  it('getDefaultHub() shares across tabs unless <html data-telltale-cross-tab="off">', () => {
    const key = Symbol.for('telltale.defaultHub');
    const g = globalThis as any;
    const saved = g[key];
    try {
      delete g[key];
      expect(getDefaultHub().tabs, 'on by default').to.not.equal(null);
      delete g[key];
      document.documentElement.setAttribute('data-telltale-cross-tab', 'off');
      expect(getDefaultHub().tabs, 'off by attribute').to.equal(null);
    } finally {
      document.documentElement.removeAttribute('data-telltale-cross-tab');
      g[key] = saved;
      if (saved === undefined) delete g[key];
    }
  });

  it('<telltale-provider cross-tab="off"> gives its subtree a solo hub', async () => {
    const on = document.createElement('telltale-provider') as TelltaleProvider;
    const off = document.createElement('telltale-provider') as TelltaleProvider;
    off.setAttribute('cross-tab', 'off');
    document.body.append(on, off);
    await on.updateComplete;
    await off.updateComplete;
    expect(on.hub).to.equal(getDefaultHub());
    expect(off.hub).to.not.equal(getDefaultHub());
    expect((off.hub as Hub).role).to.equal('solo');
    on.remove();
    off.remove();
  });
});

describe('cross-tab: hidden tabs', () => {
  it('a hidden follower emits no batch, keeps bounded buffers and catches up when shown', async () => {
    const sb = await sandbox({ paused: true });
    const ns = namespace();
    let hidden = false;
    const listeners = new Set<() => void>();
    const visibility = { hidden: () => hidden, onChange: (cb: () => void) => (listeners.add(cb), () => listeners.delete(cb)) };
    const a = new Tab('a', ns, sb.url).follow();
    await until(() => a.status?.state === 'live', 5000, 'a live');
    const b = new Tab('b', ns, sb.url, { frame: { maxEvents: 20, visibility } }).follow();
    await until(() => b.status?.state === 'live' && b.batches.length > 0, 3000, 'b live');
    hidden = true;
    listeners.forEach((f) => f());
    const before = b.batches.length;
    const last = await step(sb, 5000);
    await until(() => a.ids.at(-1) === last, 3000, 'a got everything');
    await sleep(300);
    expect(b.batches.length, 'no batch while hidden').to.equal(before);
    expect(a.ids.length - a.ids.indexOf(b.ids.at(-1)!)).to.be.greaterThan(20);
    await until(() => b.source.status.counters.dropped > 0, 2000, 'overflow folded into a snapshot');
    hidden = false;
    listeners.forEach((f) => f());
    expect(b.batches.length, 'caught up at once when shown').to.equal(before + 1);
    const caughtUp = b.batches.at(-1)!;
    expect(caughtUp.reset, 'the bounded buffer was resynced to a snapshot').to.not.equal(null);
    expect(caughtUp.events.length).to.be.at.most(20);
  });

  it('a hidden page skips REST auto-refreshes and refreshes at once when shown', async () => {
    const sb = await sandbox();
    let hidden = false;
    const listeners = new Set<() => void>();
    const visibility = { hidden: () => hidden, onChange: (cb: () => void) => (listeners.add(cb), () => listeners.delete(cb)) };
    const log: { url: string; lastEventId: string | null; at: number }[] = [];
    const hub = createHub({ graceMs: 50, fetch: recordingFetch(log), frame: { visibility } });
    const src = hub.rest(`${sb.url}/live/status`, { decode: (j) => j, intervalMs: 150 });
    const got: number[] = [];
    const sub = src.data$.subscribe((r) => got.push(r.fetchedAt));
    await until(() => got.length >= 3, 3000, 'auto-refreshes while visible');
    hidden = true;
    listeners.forEach((f) => f());
    await sleep(200); // an in-flight fetch may land
    const n = log.length;
    const seen = got.length;
    await sleep(700);
    expect(log.length, 'no fetch while hidden').to.equal(n);
    expect(got.length, 'no new data (no re-render) while hidden').to.equal(seen);
    hidden = false;
    listeners.forEach((f) => f());
    expect(log.length, 'a refresh starts at once when shown').to.equal(n + 1);
    await until(() => got.length > seen, 2000, 'fresh data after showing');
    sub.unsubscribe();
  });
});
