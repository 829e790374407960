/**
 * Cross-tab sharing: every tab of one origin (and hub namespace) holds one connection per
 * feed. A leader tab, elected with Web Locks, owns the real connections and relays each
 * source's items (with their ids) and status over a BroadcastChannel; followers ask it to
 * open a source when their elements subscribe (and release it after), and receive a
 * catch-up (the items after their cursor, from the leader's ring) or a consistent snapshot
 * (the source's folder) before the live relay.
 *
 * When the leader closes, its lock is released and the next tab in the lock queue leads at
 * once; when it hangs (no heartbeat for `silenceMs`), a visible follower steals the lock.
 * A new leader resumes each feed from the last id it has seen (`Last-Event-ID`) and serves
 * the other followers' catch-ups from its ring, so ids stay contiguous in every tab;
 * followers also drop anything at or below their own cursor.
 *
 * No SharedWorker. Without Web Locks or BroadcastChannel the hub stays solo.
 */
import type { Subscription } from 'rxjs';
import type { FeedSink } from '../feed.js';
import {
  Link,
  PROTOCOL,
  crossTabSupported,
  isHidden,
  itemId,
  locks,
  randomId,
  type CoordinatorHub,
  type CrossTabOptions,
  type Malformed,
  type Msg,
  type RelayItem,
  type RunLocal,
  type SharedSource,
  type SourceRecipe,
  type TabRole,
} from './protocol.js';

export type { CoordinatorHub, CrossTabOptions, RunLocal, SharedSource, SourceRecipe, TabRole } from './protocol.js';

export class TabCoordinator {
  /** Web Locks and BroadcastChannel both exist (else the hub stays solo). */
  static supported(): boolean {
    return crossTabSupported();
  }

  readonly tabId: string;
  readonly namespace: string;
  role: TabRole = 'pending';
  /** Epoch of the leader this tab follows (or its own, when leading). */
  epoch = 0;
  leaderId: string | null = null;
  /** Number of times this tab became leader (tests, diagnostics). */
  leaderships = 0;

  private readonly heartbeatMs: number;
  private readonly silenceMs: number;
  private readonly ringSize: number;
  private readonly lockName: string;
  private readonly links = new Map<string, Link>();
  /** Leader only: for each source key, the follower tabs that want it and the subscription that keeps it open for them. */
  private readonly holders = new Map<string, Map<string, Subscription>>();
  private channel: BroadcastChannel | null = null;
  private outbox: Msg[] = [];
  private flushQueued = false;
  private started = false;
  private _disposed = false;
  private frozen = false;
  private lastHeard = 0;
  private stealing = false;
  private releaseLeader: (() => void) | null = null;
  private releaseTab: (() => void) | null = null;
  private queued: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ticks = 0;
  private readonly onVisibility = () => this.schedule(0);
  /** Leaving (or entering the back-forward cache): the leader drops what this tab held. */
  private readonly onPageHide = () => {
    if (!this.started || this._disposed) return;
    this.post({ t: 'bye', from: this.tabId });
    this.flush();
  };
  /** Back from the back-forward cache: ask again for what is open here. */
  private readonly onPageShow = (e: Event) => {
    if (!(e as PageTransitionEvent).persisted || this._disposed) return;
    for (const link of this.links.values()) if (link.mode === 'follower') this.await(link);
  };

  constructor(
    private readonly hub: CoordinatorHub,
    options: CrossTabOptions = {},
  ) {
    this.namespace = options.namespace ?? 'default';
    this.tabId = options.tabId ?? randomId();
    this.heartbeatMs = options.heartbeatMs ?? 500;
    this.silenceMs = options.silenceMs ?? 1500;
    this.ringSize = Math.max(16, options.ringSize ?? 2000);
    this.lockName = `telltale:${this.namespace}:v${PROTOCOL}:leader`;
  }

  /** Left (closed, or Web Locks refused this page, e.g. an opaque origin): sources here run solo. */
  get disposed(): boolean {
    return this._disposed;
  }

  /** Called by a FeedSource when its connection opens in this tab; returns the close function. */
  attach(src: SharedSource, sink: FeedSink<unknown, unknown>, runLocal: RunLocal): () => void {
    this.start();
    const prev = this.links.get(src.key);
    if (prev) this.stop(prev);
    const link = new Link(src, sink, runLocal);
    this.links.set(src.key, link);
    if (this._disposed) {
      // A disposed coordinator (the page is going away) does not share any more: run solo.
      src.setRole('solo');
      link.stopLocal = runLocal(null, sink);
    } else this.applyMode(link);
    const waiting = this.unanswered.get(src.key);
    this.unanswered.delete(src.key);
    for (const [tab, since] of waiting ?? []) if (this.holders.get(src.key)?.has(tab)) this.serve(tab, src.key, src.recipe, since);
    return () => {
      this.stop(link);
      if (link.mode === 'follower' && !this._disposed) this.post({ t: 'release', from: this.tabId, key: src.key });
      if (this.links.get(src.key) === link) this.links.delete(src.key);
    };
  }

  /** Simulate a hung tab (tests): no heartbeat, no relay, no message handled; the lock stays held. */
  freeze(): void {
    this.frozen = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  unfreeze(): void {
    this.frozen = false;
    this.lastHeard = Date.now();
    this.schedule(0);
  }

  /** Leave: release the lock (the next tab leads), stop relaying, close the channel. */
  dispose(): void {
    if (this._disposed) return;
    if (this.started) this.post({ t: 'bye', from: this.tabId });
    this.flush();
    this._disposed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const m of this.holders.values()) for (const s of m.values()) s.unsubscribe();
    this.holders.clear();
    this.queued?.abort();
    this.releaseLeader?.();
    this.releaseTab?.();
    this.releaseLeader = this.releaseTab = null;
    const g = globalThis as { document?: Document; removeEventListener?: (t: string, f: () => void) => void };
    g.document?.removeEventListener('visibilitychange', this.onVisibility);
    g.removeEventListener?.('pagehide', this.onPageHide);
    g.removeEventListener?.('pageshow', this.onPageShow as () => void);
    this.channel?.close();
    this.channel = null;
    // Sources still open here carry on alone.
    for (const link of this.links.values()) {
      if (link.mode === 'leader') {
        link.src.setRole('solo');
        continue;
      }
      this.stop(link);
      link.mode = 'pending';
      link.src.setRole('solo');
      link.stopLocal = link.runLocal(link.cursor, link.sink);
    }
  }

  // ── Election ─────────────────────────────────────────────────────────────────────────

  private start(): void {
    if (this.started || this._disposed) return;
    this.started = true;
    try {
      this.channel = new BroadcastChannel(`telltale:${this.namespace}:v${PROTOCOL}`);
      this.channel.onmessage = (e: MessageEvent) => this.receive(e.data as Msg);
      const lm = locks()!;
      // A lock per tab, held for its lifetime: the leader asks Web Locks which followers still exist.
      void lm.request(`telltale:${this.namespace}:tab:${this.tabId}`, {}, () => new Promise<void>((r) => (this.releaseTab = r))).catch(() => {});
      void this.request('ifAvailable');
    } catch {
      queueMicrotask(() => this.dispose());
      return;
    }
    const g = globalThis as { document?: Document; addEventListener?: (t: string, f: () => void) => void };
    g.document?.addEventListener('visibilitychange', this.onVisibility);
    g.addEventListener?.('pagehide', this.onPageHide);
    g.addEventListener?.('pageshow', this.onPageShow as () => void);
    this.schedule(this.heartbeatMs);
  }

  /** Ask for the leader lock; resolves once answered (granted, refused, or failed). */
  private request(mode: 'ifAvailable' | 'queue' | 'steal'): Promise<void> {
    if (this._disposed) return Promise.resolve();
    let answer!: () => void;
    const answeredP = new Promise<void>((r) => (answer = r));
    const lm = locks()!;
    let options: object;
    if (mode === 'queue') {
      this.queued?.abort();
      this.queued = new AbortController();
      options = { signal: this.queued.signal };
    } else options = mode === 'steal' ? { steal: true } : { ifAvailable: true };
    let granted = false;
    let answered = false;
    lm.request(this.lockName, options, (lock) => {
      answered = true;
      answer();
      if (!lock) {
        this.becomeFollower();
        void this.request('queue');
        return undefined;
      }
      granted = true;
      if (this._disposed) return undefined;
      if (mode === 'steal') {
        this.queued?.abort();
        this.queued = null;
      }
      return new Promise<void>((resolve) => {
        this.releaseLeader = resolve;
        this.becomeLeader();
      });
    }).then(
      () => answer(),
      () => {
        answer();
        // Web Locks refused this page (an opaque origin, a sandboxed frame): stay solo.
        if (mode === 'ifAvailable' && !answered) return this.dispose();
        // Aborted while queued (we stole, or left), or our held lock was stolen.
        if (granted && this.role === 'leader' && !this._disposed) this.demote();
      },
    );
    return answeredP;
  }

  private becomeLeader(): void {
    this.role = 'leader';
    this.leaderships++;
    this.epoch = Math.max(this.epoch + 1, Date.now());
    this.leaderId = this.tabId;
    this.post({ t: 'hb', from: this.tabId, epoch: this.epoch });
    for (const link of this.links.values()) this.applyMode(link);
  }

  private becomeFollower(): void {
    this.role = 'follower';
    this.lastHeard = Date.now();
    this.post({ t: 'hello', from: this.tabId });
    for (const link of this.links.values()) this.applyMode(link);
  }

  /** Lost the lock (stolen) or saw a newer leader: follow, and queue for the lock again. */
  private demote(): void {
    this.releaseLeader?.();
    this.releaseLeader = null;
    for (const m of this.holders.values()) for (const s of m.values()) s.unsubscribe();
    this.holders.clear();
    if (this.leaderId === this.tabId) this.leaderId = null;
    this.becomeFollower();
    void this.request('queue');
  }

  /**
   * Take the lock from a silent leader. One tab at a time (a second lock, `ifAvailable`): the
   * others hear the new leader's heartbeat before their turn and stand down.
   */
  private steal(): void {
    if (this.stealing || this._disposed) return;
    this.stealing = true;
    locks()!
      .request(`telltale:${this.namespace}:steal`, { ifAvailable: true }, async (lock) => {
        if (!lock || this._disposed || this.role !== 'follower' || Date.now() - this.lastHeard <= this.silenceMs) return;
        await this.request('steal');
      })
      .catch(() => {})
      .finally(() => (this.stealing = false));
  }

  // ── Per-source modes ──────────────────────────────────────────────────────────────────

  private stop(link: Link): void {
    link.gen++;
    link.stopLocal?.();
    link.stopLocal = null;
  }

  private applyMode(link: Link): void {
    if (this.role === 'pending' || link.solo) return;
    this.stop(link);
    link.mode = this.role;
    link.src.setRole(this.role);
    if (this.role === 'leader') {
      link.awaiting = false;
      link.stopLocal = link.runLocal(link.cursor, this.leaderSink(link, link.gen));
    } else {
      this.await(link);
    }
  }

  private await(link: Link): void {
    if (!link.awaiting) link.awaitingSince = Date.now();
    link.awaiting = true;
    this.want(link);
  }

  private want(link: Link): void {
    link.wantedAt = Date.now();
    this.post({ t: 'want', from: this.tabId, key: link.src.key, recipe: link.src.recipe, since: link.cursor });
  }

  /** Dedupe by id and remember; false when the item is a duplicate. */
  private accept(link: Link, item: RelayItem): boolean {
    const id = itemId(item);
    if (item.type === 'event') {
      if (link.cursor !== null && item.id <= link.cursor) return false;
      link.cursor = item.id;
    } else if (item.type === 'malformed') {
      if (id !== null) {
        if (link.cursor !== null && id <= link.cursor) return false;
        link.cursor = id;
      }
    } else if (id !== null) link.cursor = id;
    link.ring.push(item);
    if (link.ring.length > this.ringSize * 1.5) link.ring.splice(0, link.ring.length - this.ringSize);
    return true;
  }

  private deliver(link: Link, item: RelayItem): void {
    if (!this.accept(link, item)) return;
    if (item.type === 'malformed') link.sink.malformed(item.id, new Error(item.message));
    else link.sink.item(item);
  }

  /** The leader's sink: deliver here, remember, relay to the followers that want this source. */
  private leaderSink(link: Link, gen: number): FeedSink<unknown, unknown> {
    const live = () => link.gen === gen && link.mode === 'leader';
    const key = link.src.key;
    const relay = (item: RelayItem) => {
      if (this.frozen || !this.holders.get(key)?.size) return;
      const last = this.outbox[this.outbox.length - 1];
      if (last && last.t === 'items' && last.key === key) last.items.push(item);
      else this.post({ t: 'items', from: this.tabId, key, items: [item] });
    };
    return {
      item: (item) => {
        if (!live() || !this.accept(link, item)) return;
        link.sink.item(item);
        relay(item);
      },
      malformed: (id, error) => {
        if (!live()) return;
        const m: Malformed = { type: 'malformed', id, message: error.message };
        if (id !== null && !this.accept(link, m)) return;
        link.sink.malformed(id, error);
        relay(m);
      },
      status: (patch) => {
        if (!live()) return;
        link.sink.status(patch);
        if (!this.frozen && this.holders.get(key)?.size) this.post({ t: 'status', from: this.tabId, key, patch });
      },
      reconnect: () => {
        if (!live()) return;
        link.sink.reconnect();
        if (!this.frozen && this.holders.get(key)?.size) this.post({ t: 'status', from: this.tabId, key, reconnect: true });
      },
    };
  }

  /** What a follower at `since` needs: the ring's items after it, or a snapshot from the folder. */
  private catchUp(link: Link, since: number | null): RelayItem[] {
    if (since !== null && link.cursor !== null && since >= link.cursor) return [];
    if (since !== null) {
      let cut = -1;
      for (let i = link.ring.length - 1; i >= 0; i--) {
        const id = itemId(link.ring[i]);
        if (id !== null && id <= since) {
          cut = i;
          break;
        }
      }
      if (cut >= 0) return link.ring.slice(cut + 1);
    }
    const batch = link.src.folder.current();
    if (!batch) return [];
    const items: RelayItem[] = [];
    if (batch.reset !== null) items.push({ type: 'reset', id: link.cursor, snapshot: batch.reset });
    for (const e of batch.events) {
      const id = (e as { id?: unknown }).id;
      if (typeof id === 'number' && (since === null || id > since)) items.push({ type: 'event', id, event: e });
    }
    return items;
  }

  // ── Messages ──────────────────────────────────────────────────────────────────────────

  private receive(m: Msg): void {
    if (this.frozen || this._disposed || m.from === this.tabId) return;
    switch (m.t) {
      case 'hb':
        return this.onHeartbeat(m.from, m.epoch);
      case 'hello':
        if (this.role === 'leader') this.post({ t: 'hb', from: this.tabId, epoch: this.epoch });
        return;
      case 'want':
        if (this.role === 'leader') this.serve(m.from, m.key, m.recipe, m.since);
        return;
      case 'release':
        if (this.role === 'leader') this.dropHolder(m.from, m.key);
        return;
      case 'bye':
        if (this.role === 'leader') for (const key of [...this.holders.keys()]) this.dropHolder(m.from, key);
        return;
      case 'items': {
        if (!this.fromLeader(m.from)) return;
        const link = this.links.get(m.key);
        if (!link || link.mode !== 'follower' || link.awaiting) return;
        for (const item of m.items) this.deliver(link, item);
        return;
      }
      case 'status': {
        if (!this.fromLeader(m.from)) return;
        const link = this.links.get(m.key);
        if (!link || link.mode !== 'follower' || link.awaiting) return;
        if (m.patch) link.sink.status(m.patch);
        if (m.reconnect) link.sink.reconnect();
        return;
      }
      case 'sync': {
        if (m.to !== this.tabId || !this.fromLeader(m.from)) return;
        const link = this.links.get(m.key);
        if (!link || link.mode !== 'follower' || !link.awaiting) return;
        link.awaiting = false;
        for (const item of m.items) this.deliver(link, item);
        if (m.cursor !== null && (link.cursor === null || m.cursor > link.cursor)) link.cursor = m.cursor;
        link.sink.status(m.status);
        return;
      }
    }
  }

  private fromLeader(from: string): boolean {
    if (this.role !== 'follower' || from !== this.leaderId) return false;
    this.lastHeard = Date.now();
    return true;
  }

  private onHeartbeat(from: string, epoch: number): void {
    if (epoch < this.epoch) {
      // A stale leader (it hung and came back): tell it who leads now.
      if (this.role === 'leader') this.post({ t: 'hb', from: this.tabId, epoch: this.epoch });
      return;
    }
    if (epoch === this.epoch && from !== this.leaderId) return;
    if (this.role === 'leader' && epoch > this.epoch) {
      this.epoch = epoch;
      this.leaderId = from;
      this.demote();
      return;
    }
    this.lastHeard = Date.now();
    if (from === this.leaderId) return;
    this.epoch = epoch;
    this.leaderId = from;
    if (this.role !== 'follower') return;
    // A new leader: ask it for every source open here, from our cursor.
    for (const link of this.links.values()) if (link.mode === 'follower') this.await(link);
  }

  /** Tabs asked for a source whose engine had not attached yet: key → tab → their cursor. */
  private readonly unanswered = new Map<string, Map<string, number | null>>();

  private serve(tab: string, key: string, recipe: SourceRecipe, since: number | null): void {
    let tabs = this.holders.get(key);
    if (!tabs) this.holders.set(key, (tabs = new Map()));
    if (!tabs.has(tab)) {
      const src = this.hub.sourceFor(recipe);
      tabs.set(tab, src.items$.subscribe({ error: () => {} }));
    }
    const link = this.links.get(key);
    if (!link) {
      // The source's engine is still loading (hub.ts loads the streaming code with the first
      // subscriber): answer when it attaches.
      const waiting = this.unanswered.get(key) ?? new Map<string, number | null>();
      this.unanswered.set(key, waiting.set(tab, since));
      return;
    }
    const s = link.src.status();
    this.post({
      t: 'sync',
      from: this.tabId,
      key,
      to: tab,
      items: this.catchUp(link, since),
      cursor: link.cursor,
      status: { state: s.state, reason: s.reason, retryAt: s.retryAt },
    });
  }

  private dropHolder(tab: string, key: string): void {
    const tabs = this.holders.get(key);
    const sub = tabs?.get(tab);
    if (!tabs || !sub) return;
    tabs.delete(tab);
    if (!tabs.size) this.holders.delete(key);
    sub.unsubscribe();
  }

  /** Leader: forget followers whose tab lock is gone (closed without saying goodbye). */
  private async collectHolders(): Promise<void> {
    const lm = locks();
    if (!lm?.query || !this.holders.size) return;
    const state = await lm.query();
    const alive = new Set((state.held ?? []).map((l) => l.name));
    for (const [key, tabs] of [...this.holders]) {
      for (const tab of [...tabs.keys()]) if (!alive.has(`telltale:${this.namespace}:tab:${tab}`)) this.dropHolder(tab, key);
    }
  }

  // ── Timer (every heartbeat while visible, at most once a second while hidden) ────────

  private schedule(ms: number): void {
    if (this._disposed || this.frozen) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    this.timer = null;
    if (this._disposed || this.frozen) return;
    const hidden = isHidden();
    const now = Date.now();
    this.ticks++;
    if (this.role === 'leader') {
      this.post({ t: 'hb', from: this.tabId, epoch: this.epoch });
      if (this.ticks % 4 === 0) void this.collectHolders().catch(() => {});
    } else if (this.role === 'follower') {
      // A hung leader still holds the lock: a visible tab takes it. Hidden tabs wait their turn.
      if (!hidden && now - this.lastHeard > this.silenceMs) this.steal();
      for (const link of this.links.values()) {
        if (link.mode !== 'follower' || !link.awaiting) continue;
        if (now - link.awaitingSince > 5000) {
          // The leader does not serve this source (another version of the page?): read it here.
          this.stop(link);
          link.solo = true;
          link.mode = 'pending';
          link.awaiting = false;
          link.src.setRole('solo');
          link.stopLocal = link.runLocal(link.cursor, link.sink);
        } else if (now - link.wantedAt >= 1000) this.want(link);
      }
    }
    // Followers look twice per heartbeat so that a silent leader is noticed soon after silenceMs.
    const every = this.role === 'leader' ? this.heartbeatMs : Math.max(50, this.heartbeatMs / 2);
    this.schedule(hidden ? Math.max(1000, every) : every);
  }

  // ── Channel ───────────────────────────────────────────────────────────────────────────

  /** Queue a message; everything queued in one task goes out in order at the end of it. */
  private post(m: Msg): void {
    if (this._disposed || !this.channel) return;
    this.outbox.push(m);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    const out = this.outbox;
    this.outbox = [];
    if (!this.channel) return;
    for (const m of out) {
      try {
        this.channel.postMessage(m);
      } catch {
        // An item that cannot be cloned is not worth a crash; followers resync from the cursor.
      }
    }
  }
}
