/**
 * The rollout list's source: which hub REST source the table reads (the list's URL for the wire
 * shape, detected or pinned), resubscribing when the backend, shape or hub change, the refresh
 * interval from the settings, and what came back — the decoded list and when, the source's
 * status, a shape that does not match the pinned one. In `auto` mode a 404 on the store's
 * envelope route falls back once to the seed's bare-array route. It does not own what the table
 * derives from the list (rollout-model.ts) nor the attempts (attempts-controller.ts).
 * A controller because the subscription follows the host's connection and properties.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BehaviorSubject } from 'rxjs';
import { StreamController } from '../../streams/controller.js';
import { decodeRollouts } from '../../streams/decoders/agl.js';
import type { HubLike, RestResult, RestSource, SourceStatus } from '../../streams/types.js';
import type { CorsServer } from '../shared/error-state.js';
import { rolloutsUrl, type DetectedShape, type WireShape } from './rollout-fields.js';

export type RolloutList = ReturnType<typeof decodeRollouts>;

/** What the source reads from the host at each update. */
export interface RolloutsSourceHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  /** Property data: no source at all. */
  readonly propertyData: boolean;
  readonly shape: WireShape;
  readonly effectiveBase: string;
  /** Throws when there is no hub (said in the status). */
  readonly effectiveHub: HubLike;
  readonly refreshMs: number;
}

export class RolloutsSourceController implements ReactiveController {
  /** The last list read, and when (epoch ms). */
  loaded: RolloutList | null = null;
  loadedAt: number | null = null;
  status: SourceStatus | null = null;
  /** Pinned to one shape, the server answered with the other. */
  shapeMismatch: string | null = null;
  /** For a refused cross-origin request: which server refused it (the error state names its flag). */
  private cors: { url: string; server: CorsServer } | null = null;
  private probing: string | null = null;
  /** auto mode: the envelope URL answered 404, so the seed's array at {base}/rollouts is read. */
  private autoFallback = false;
  private source: RestSource<RolloutList> | null = null;
  private key = '';
  private hubUsed: unknown = null;
  private readonly interval$ = new BehaviorSubject<number>(0);
  private readonly data: StreamController<RestResult<RolloutList>>;
  private readonly statusCtl: StreamController<SourceStatus>;

  constructor(
    private readonly host: RolloutsSourceHost,
    /** Called when the backend changes: what the host kept belongs to the old server. */
    private readonly onBackendChange: () => void,
  ) {
    host.addController(this);
    this.data = new StreamController<RestResult<RolloutList>>(host, () => this.source?.data$ ?? null, (r) => this.onData(r));
    this.statusCtl = new StreamController<SourceStatus>(host, () => this.source?.status$ ?? null, (s) => this.onStatus(s));
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // Re-created (and re-subscribed) on the next connect.
    this.source = null;
    this.key = '';
  }

  /** The list's URL for the shape in use. */
  listUrl(): string {
    const shape = this.host.shape;
    const detected: DetectedShape = shape === 'array' || (shape === 'auto' && this.autoFallback) ? 'array' : 'envelope';
    return rolloutsUrl(this.host.effectiveBase, detected);
  }

  /**
   * Which server refused `url` cross-origin, when `reason` says it did: asked once per URL (the
   * answer re-renders the host); null until known. The test and the probe come with the error
   * state (shared/error-state.js), which loads after the first paint.
   */
  corsServerFor(url: string, reason: string, isCorsRefusal: (reason: string) => boolean, probeCorsServer: (url: string) => Promise<Exclude<CorsServer, null>>): CorsServer {
    if (isCorsRefusal(reason) && this.probing !== url) {
      this.probing = url;
      void probeCorsServer(url).then((found) => {
        if (this.probing !== url) return;
        this.cors = { url, server: found };
        this.host.requestUpdate();
      });
    }
    return this.cors?.url === url ? this.cors.server : null;
  }

  /** Fetch now (Refresh, Retry). A retry in auto mode that never read anything starts detection over. */
  refresh(): void {
    if (this.autoFallback && this.status?.state === 'error' && !this.loaded) {
      this.autoFallback = false;
      this.host.requestUpdate();
    }
    this.source?.refresh();
  }

  /** Call from the host's willUpdate: follow the settings' interval, the backend, shape and hub. */
  sync(): void {
    const h = this.host;
    if (this.interval$.value !== h.refreshMs) this.interval$.next(h.refreshMs);
    if (!h.isConnected) return;
    if (h.propertyData) {
      if (this.source) {
        this.source = null;
        this.key = '';
        this.resubscribe();
      }
      return;
    }
    let hub: HubLike;
    try {
      hub = h.effectiveHub;
    } catch (err) {
      this.status = errorStatus(`No hub: ${(err as Error).message}`);
      return;
    }
    const url = this.listUrl();
    const key = `${url}|${h.shape}`;
    if (key === this.key && this.source && this.hubUsed === hub) return;
    this.hubUsed = hub;
    const changedBackend = this.key !== '' && this.key.split('|')[0] !== url && !this.autoFallback;
    this.key = key;
    if (changedBackend) {
      this.loaded = null;
      this.onBackendChange();
    }
    this.status = null;
    this.shapeMismatch = null;
    this.source = hub.rest(url, { decode: decodeRollouts, intervalMs: this.interval$ });
    this.resubscribe();
  }

  private resubscribe(): void {
    this.data.resubscribe();
    this.statusCtl.resubscribe();
  }

  private onData(r: RestResult<RolloutList>): void {
    const shape = this.host.shape;
    if (shape !== 'auto' && r.data.shape !== shape) {
      // Pinned to one shape, answered with the other: say so, never read it as something else.
      this.shapeMismatch = `expected the ${shape === 'array' ? 'seed’s bare array' : '/v1/agl {items} envelope'} but ${this.listUrl()} answered with ${
        r.data.shape === 'array' ? 'a bare array' : 'an {items} envelope'
      } (set shape="auto" or shape="${r.data.shape}")`;
    } else {
      this.shapeMismatch = null;
      this.loaded = r.data;
      this.loadedAt = r.fetchedAt;
    }
    this.host.requestUpdate();
  }

  private onStatus(s: SourceStatus): void {
    this.status = s;
    // auto: the store's envelope route is missing → try the seed's array route once.
    if (this.host.shape === 'auto' && !this.autoFallback && !this.loaded && s.state === 'error' && /\bHTTP 404\b|\b404\b/.test(s.reason ?? '')) {
      this.autoFallback = true;
    }
    this.host.requestUpdate();
  }
}

/** The status shown when no source could be started (e.g. no hub). */
function errorStatus(reason: string): SourceStatus {
  return {
    key: 'rollout-table',
    state: 'error',
    reason,
    lastEventAt: null,
    retryAt: null,
    counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 },
    refreshing: false,
    role: 'solo',
  };
}
