/**
 * The hub's handle on cross-tab sharing, light enough to load with every element: the
 * coordinator itself (coordinator.ts, ~10 KiB minified) is imported the first time a shared
 * source opens its connection, not when the page loads. Until it has loaded (a few ms) the
 * source waits in role 'pending'; if it cannot load, the source runs solo. It owns only the
 * loading; the election, relay and takeover are the coordinator's.
 */
import type { FeedSink } from '../feed.js';
import type { TabCoordinator } from './coordinator.js';
import type { CoordinatorHub, CrossTabOptions, RunLocal, SharedSource, TabRole } from './protocol.js';

export class LazyTabs {
  private real: TabCoordinator | null = null;
  private loading: Promise<TabCoordinator> | null = null;
  private disposedEarly = false;

  constructor(
    private readonly hub: CoordinatorHub,
    private readonly options: CrossTabOptions,
  ) {}

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
