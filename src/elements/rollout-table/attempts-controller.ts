/**
 * Attempt histories of the rollout table, loaded lazily when a row is first expanded: one load
 * per rollout (again only on Retry), from data given by property, a custom loader, or the
 * server's attempts route; an abort signal per load, so that a newer load or a disconnect
 * drops an older answer. It owns the per-rollout states and asks its host to render when one
 * changes; it does not own which rows are expanded or how they are drawn (display-rows.ts).
 * A controller because the loads have a lifecycle (aborted on disconnect, restarted after).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Attempt, Rollout } from '../../streams/agl.js';
import { decodeAttempts } from '../../streams/decoders/agl.js';
import { fetchJson } from '../../streams/transports/http.js';
import { bySequence, mergeLatestAttempts, type AttemptsState } from './display-rows.js';

/** Where the attempts come from, read at each load (the host's current properties). */
export interface AttemptsSource {
  /** Attempts by rollout id, given by property. */
  given?: Record<string, Attempt[]>;
  /** A custom loader; wins over fetching. */
  loader?: (rollout: Rollout) => Promise<Attempt[]>;
  /** With property data and no loader: the latest attempt is all there is. */
  propertyData: boolean;
  /** The attempts route of a rollout. */
  url(rolloutId: string): string;
}

export class AttemptsController implements ReactiveController {
  private current: ReadonlyMap<string, AttemptsState> = new Map();
  private readonly aborts = new Map<string, AbortController>();
  /** The rollout of each load in flight (a disconnect aborts it; the next connect starts it again). */
  private readonly inFlight = new Map<string, Rollout>();
  private interrupted: Rollout[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => AttemptsSource,
  ) {
    host.addController(this);
  }

  /** Each rollout's history, by rollout id (a new map after every change). */
  get states(): ReadonlyMap<string, AttemptsState> {
    return this.current;
  }

  has(rolloutId: string): boolean {
    return this.current.has(rolloutId);
  }

  hostConnected(): void {
    const again = this.interrupted;
    this.interrupted = [];
    for (const r of again) if (this.current.get(r.rollout_id)?.state === 'loading') this.load(r);
  }

  hostDisconnected(): void {
    // Loads in flight restart on reconnect (their rows still say "Loading").
    this.interrupted = [...this.inFlight.values()];
    for (const ac of this.aborts.values()) ac.abort();
    this.aborts.clear();
    this.inFlight.clear();
  }

  /** Forget every history (another server). */
  clear(): void {
    for (const ac of this.aborts.values()) ac.abort();
    this.aborts.clear();
    this.inFlight.clear();
    this.set(new Map());
  }

  /** Fold a refresh's latest attempts into the loaded histories. */
  mergeLatest(rollouts: readonly Rollout[]): void {
    const next = mergeLatestAttempts(this.current, rollouts);
    if (next) this.set(next);
  }

  /** Load a rollout's attempts (replacing any load in flight for it). */
  load(r: Rollout): void {
    const id = r.rollout_id;
    this.aborts.get(id)?.abort();
    this.aborts.delete(id);
    this.inFlight.delete(id);
    const src = this.source();
    const given = src.given?.[id];
    if (given) {
      this.put(id, { state: 'ready', attempts: bySequence(given) });
      return;
    }
    this.put(id, { state: 'loading', reason: null });
    const loader = src.loader ?? (src.propertyData ? async (ro: Rollout) => (ro.attempt ? [ro.attempt] : []) : null);
    const ac = new AbortController();
    this.aborts.set(id, ac);
    this.inFlight.set(id, r);
    const settle = (st: AttemptsState) => {
      if (this.aborts.get(id) !== ac) return;
      this.aborts.delete(id);
      this.inFlight.delete(id);
      this.put(id, st);
    };
    if (loader) {
      loader(r).then(
        (attempts) => settle({ state: 'ready', attempts: bySequence(attempts) }),
        (err) => settle({ state: 'error', reason: err instanceof Error ? err.message : String(err) }),
      );
      return;
    }
    const url = src.url(id);
    void fetchJson({ url, signal: ac.signal }).then((res) => {
      if (res.ok) {
        try {
          const { attempts, skipped } = decodeAttempts(res.json);
          settle({ state: 'ready', attempts: bySequence(attempts), skipped });
        } catch (err) {
          settle({ state: 'error', reason: `cannot read ${url}: ${(err as Error).message}` });
        }
      } else if ('failure' in res) {
        settle({ state: 'error', reason: res.failure.reason });
      }
    });
  }

  private put(id: string, st: AttemptsState): void {
    const next = new Map(this.current);
    next.set(id, st);
    this.set(next);
  }

  private set(next: ReadonlyMap<string, AttemptsState>): void {
    this.current = next;
    this.host.requestUpdate();
  }
}
