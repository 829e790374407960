/**
 * Pure view-state helpers the cluster elements share: the phase to show (loading / error /
 * ready, stale) derived from the data held and the source's status, property-mode syncing,
 * custom states mirroring, and the natural order of ids. No DOM beyond a CustomStateSet.
 */
import type { ConnectionState, SourceStatus } from '../../../streams/types.js';
import { syncStates } from '../custom-states.js';

export type Phase = 'loading' | 'error' | 'ready';

export interface ViewState {
  phase: Phase;
  /** Data is shown but the feed is not live (reconnecting, offline, error after data). */
  stale: boolean;
  /** The connection state to show, null in property mode. */
  connection: ConnectionState | null;
  reason: string | null;
}

/**
 * Derive what to show from the data we hold and the source's status. With no data yet, a
 * failed attempt is the error state at once (with Retry), also while the hub keeps retrying:
 * a wrong address must not look like a page that is still loading.
 */
export function viewState(hasData: boolean, status: SourceStatus | null, failure: string | null): ViewState {
  const connection = failure ? 'error' : (status?.state ?? null);
  const reason = failure ?? status?.reason ?? null;
  if (!hasData) {
    if (connection === 'error' || connection === 'offline' || connection === 'reconnecting') return { phase: 'error', stale: false, connection, reason };
    return { phase: 'loading', stale: false, connection, reason };
  }
  const stale = connection === 'reconnecting' || connection === 'offline' || connection === 'error';
  return { phase: 'ready', stale, connection, reason };
}

/**
 * Property mode (`.stores`, `.clients` given directly): a new list replaces what is held, and
 * removing the property clears it so that the live feed takes over. Returns whether data is held.
 */
export function syncGivenItems<T extends { id: string }>(
  byId: Map<string, T>,
  given: readonly T[] | undefined,
  change: { changed: boolean; previous: unknown },
  hasData: boolean,
): boolean {
  if (!change.changed) return hasData;
  if (given !== undefined) {
    byId.clear();
    for (const x of given) byId.set(x.id, x);
    return true;
  }
  if (change.previous !== undefined) {
    byId.clear();
    return false;
  }
  return hasData;
}

/** What the view needs of a live source (LiveClusterController has it). */
export interface LiveFeedState {
  received: boolean;
  status: SourceStatus | null;
  failure: string | null;
}

/** What to show: data given by property is always ready; else derive it from the live feed. */
export function clusterViewState(given: boolean, hasData: boolean, live: LiveFeedState): ViewState {
  if (given) return { phase: 'ready', stale: false, connection: null, reason: null };
  return viewState(hasData && live.received, live.status, live.failure);
}

/** Mirror a view state into the element's custom states (`:state(loading)` and the others). */
export function setViewStates(internals: ElementInternals, v: ViewState, empty: boolean): void {
  syncStates(internals, {
    loading: v.phase === 'loading',
    error: v.phase === 'error',
    empty: v.phase === 'ready' && empty,
    stale: v.stale,
    live: v.connection === 'live' || v.connection === 'polling',
  });
}

/** Natural order for ids like worker-2 < worker-10. */
export const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });


/** The first words of the stale banner and its announcement. */
export function staleVerb(v: ViewState): string {
  return v.connection === 'reconnecting' ? 'Reconnecting…' : v.connection === 'offline' ? 'Offline.' : 'Connection error.';
}

/**
 * What a cluster view's live region says: a sentence when the data goes stale (reconnecting,
 * offline, error) and one when it is live again; the same text while nothing changes, so it is
 * announced once per change (never the ticking age or the retry's reason).
 */
export class StaleAnnouncer {
  private stale = false;
  private said = '';

  constructor(private readonly what: string) {}

  next(v: ViewState): string {
    if (v.phase === 'ready' && v.stale) {
      this.stale = true;
      // Not the verb: a source may alternate reconnecting / error between attempts.
      this.said = `Connection lost: showing the last known ${this.what}; they may be out of date.`;
    } else if (this.stale && (v.connection === 'live' || v.connection === 'polling')) {
      this.stale = false;
      this.said = `Live again: the ${this.what} are up to date.`;
    }
    return this.said;
  }
}
