/**
 * Binds one hub REST source (hub.rest) to a Lit element: the latest decoded value, the raw
 * JSON, the source status, and refresh(). The URL may change at any time (a new rollout is
 * chosen, the backend address changes) and so may the hub (a portal sets `.hub` after the element
 * is on the page): call `sync()` from willUpdate and it re-subscribes only when the URL, the
 * interval or the hub actually changed. Subscribes on connect, releases on disconnect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import type { HubLike, RestResult, RestSource, SourceStatus } from '../../streams/types.js';

export interface RestBindingSpec<T> {
  url: string;
  decode: (json: unknown) => T;
  intervalMs: number;
}

export class RestBinding<T> implements ReactiveController {
  value: RestResult<T> | null = null;
  status: SourceStatus | null = null;
  /** Set when no source could be made at all (no hub on the page, a bad URL). */
  setupError: string | null = null;
  private source: RestSource<T> | null = null;
  private subs: Subscription[] = [];
  private key: string | null = null;
  private hubInUse: HubLike | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hub: () => HubLike,
    /** The source to follow now, or null when the host is not configured for it. */
    private readonly spec: () => RestBindingSpec<T> | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.key = null;
    this.hubInUse = null;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe();
  }

  /** Re-subscribe if the spec changed. Cheap to call on every update. */
  sync(): void {
    if (!this.connected) return;
    const spec = this.spec();
    const key = spec ? `${spec.url}|${spec.intervalMs}` : null;
    // Only a configured binding asks for the hub (asking may create the page's default hub).
    const hub = spec ? this.hub() : null;
    if (key === this.key && hub === this.hubInUse) return;
    const urlChanged = !spec || !this.source || this.source.key !== spec.url || hub !== this.hubInUse;
    this.key = key;
    this.hubInUse = hub;
    this.unsubscribe();
    if (urlChanged) {
      this.value = null;
      this.status = null;
    }
    this.setupError = null;
    if (!spec || !hub) {
      this.source = null;
      return;
    }
    try {
      this.source = hub.rest<T>(spec.url, { decode: spec.decode, intervalMs: spec.intervalMs });
    } catch (e) {
      this.source = null;
      this.setupError = e instanceof Error ? e.message : String(e);
      return;
    }
    this.subs.push(
      this.source.data$.subscribe((v) => {
        this.value = v;
        this.host.requestUpdate();
      }),
      this.source.status$.subscribe((s) => {
        this.status = s;
        this.host.requestUpdate();
      }),
    );
  }

  refresh(): void {
    this.source?.refresh();
  }

  /** The URL followed now (for an error state), or null when not configured. */
  get url(): string | null {
    return this.key === null ? null : (this.spec()?.url ?? null);
  }

  /** No value yet and nothing has gone wrong: show a skeleton. */
  get loading(): boolean {
    return this.key !== null && this.value === null && !this.error;
  }

  /** Why the source is failing, or null while it is fine. */
  get error(): string | null {
    if (this.setupError) return this.setupError;
    const s = this.status;
    if (!s) return null;
    if (s.state === 'error' || s.state === 'offline' || s.state === 'reconnecting') return s.reason ?? s.state;
    return null;
  }

  private unsubscribe(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }
}
