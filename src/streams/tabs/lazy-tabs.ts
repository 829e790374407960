/**
 * The hub's handle on cross-tab sharing, light enough to load with every element: the
 * coordinator itself (coordinator.ts, ~10 KiB minified) is imported the first time a shared
 * source opens its connection, not when the page loads. Until it has loaded (a few ms) the
 * source waits in role 'pending'; if it cannot load, the source runs solo. It owns only the
 * loading; the election, relay and takeover are the coordinator's. It has TabCoordinator's
 * public surface, so the split bundle (src/bundle.ts) exports it as `TabCoordinator` without
 * putting the coordinator in every page's first load.
 */
import type { FeedSink } from '../feed.js';
import type { TabCoordinator } from './coordinator.js';
import { crossTabSupported, randomId, type CoordinatorHub, type CrossTabOptions, type RunLocal, type SharedSource, type TabRole } from './protocol.js';

export class LazyTabs {
  private real: TabCoordinator | null = null;
  private loading: Promise<TabCoordinator> | null = null;
  private disposedEarly = false;
  private readonly options: CrossTabOptions;
  /** As TabCoordinator's: known before the coordinator loads (it is handed this id). */
  readonly tabId: string;
  readonly namespace: string;

  /** Web Locks and BroadcastChannel both exist (else the hub stays solo). */
  static supported(): boolean {
    return crossTabSupported();
  }

  constructor(
    private readonly hub: CoordinatorHub,
    options: CrossTabOptions = {},
  ) {
    this.tabId = options.tabId ?? randomId();
    this.namespace = options.namespace ?? 'default';
    this.options = { ...options, tabId: this.tabId };
  }

  /** The coordinator, once loaded (null before the first shared source). */
  get coordinator(): TabCoordinator | null {
    return this.real;
  }

  get role(): TabRole {
    return this.real?.role ?? 'pending';
  }

  get disposed(): boolean {
    return this.real ? this.real.disposed : this.disposedEarly;
  }

  /** Epoch of the leader this tab follows (0 before the coordinator has loaded). */
  get epoch(): number {
    return this.real?.epoch ?? 0;
  }

  get leaderId(): string | null {
    return this.real?.leaderId ?? null;
  }

  /** Times this tab became leader (tests, diagnostics). */
  get leaderships(): number {
    return this.real?.leaderships ?? 0;
  }

  /** Load the coordinator (once). */
  load(): Promise<TabCoordinator> {
    return (this.loading ??= import('./coordinator.js').then(({ TabCoordinator }) => {
      const c = new TabCoordinator(this.hub, this.options);
      if (this.disposedEarly) c.dispose();
      return (this.real = c);
    }));
  }

  /** As TabCoordinator.attach; before the coordinator has loaded, the source waits for it. */
  attach(src: SharedSource, sink: FeedSink<unknown, unknown>, runLocal: RunLocal): () => void {
    if (this.real) return this.real.attach(src, sink, runLocal);
    let close: (() => void) | null = null;
    let closed = false;
    this.load().then(
      (c) => {
        if (!closed) close = c.attach(src, sink, runLocal);
      },
      () => {
        // The chunk could not load (offline, a CSP): this source runs in this tab alone.
        if (closed) return;
        src.setRole('solo');
        close = runLocal(null, sink);
      },
    );
    return () => {
      closed = true;
      close?.();
    };
  }

  /** Simulate a hung tab (tests). */
  freeze(): void {
    this.real?.freeze();
  }

  unfreeze(): void {
    this.real?.unfreeze();
  }

  /** Leave cross-tab sharing (see TabCoordinator.dispose); before loading, nothing is loaded. */
  dispose(): void {
    if (this.real) this.real.dispose();
    else this.disposedEarly = true;
  }
}
