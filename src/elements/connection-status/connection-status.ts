import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Observable } from 'rxjs';
import { StreamController } from '../../streams/controller.js';
import type { SourceStatus } from '../../streams/types.js';
import { controls, tokens } from '../../styles/tokens.js';
import { formatAgo, formatDateTime } from '../shared/format.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { ClockController } from '../shared/clock-controller.js';
import { syncStates } from '../shared/custom-states.js';
import { aggregate, STATE_LABELS, type AggregateState, type AggregateStatus } from './aggregate.js';
import { ConnectionStatusClickEvent } from './connection-status.events.js';
import { styles } from './connection-status.styles.js';

/**
 * The page's connection state, from every source of the hub: live, polling, reconnecting,
 * offline or error (the worst wins, with the reasons in the tooltip), a blinking
 * "Refreshing" while a REST refresh is in flight (held for at least `refreshing-min-ms`, so
 * that it can be read against a fast server), and the age of the last update.
 *
 * @summary The page's connection indicator.
 *
 * @event connection-status-click - Activated; a shell opens its settings (detail `{status}`).
 *
 * @csspart button - The clickable indicator.
 * @csspart state - The state pill (colour and text).
 * @csspart refreshing - The "Refreshing" text.
 * @csspart age - The age of the last update.
 * @csspart server - The backend address line.
 *
 * @cssproperty --connection-status-live-color - Text colour of the live pill.
 * @cssproperty --connection-status-live-background - Background of the live pill.
 *
 * @cssstate live - Every source is live.
 * @cssstate polling - The worst source is polling.
 * @cssstate connecting - A source is connecting.
 * @cssstate reconnecting - A source is reconnecting.
 * @cssstate offline - A source is offline.
 * @cssstate error - A source failed.
 * @cssstate idle - No sources.
 * @cssstate refreshing - A REST refresh is in flight (or just ended, within `refreshing-min-ms`).
 */
export class ConnectionStatus extends TelltaleElement {
  static override styles = [tokens, controls, styles];

  /** Statuses given by property (stories, tests); when set, the hub is not read. */
  @property({ attribute: false }) statuses?: SourceStatus[];

  /** A fixed clock (epoch ms); default: the real clock, ticking each second. */
  @property({ attribute: false }) now?: number;

  /** Show the backend address under the state. */
  @property({ type: Boolean, attribute: 'show-server' }) showServer = false;

  /**
   * The shortest time "Refreshing" stays up, in ms (default 1200: readable, and one full blink
   * and a half). A fast server answers in a few ms, which would show it for a frame or two.
   */
  @property({ type: Number, attribute: 'refreshing-min-ms' }) refreshingMinMs = 1200;

  @state() private hubStatuses: SourceStatus[] = [];
  /** "Refreshing" is shown until then (epoch ms), however short the refresh. */
  @state() private refreshingUntil = 0;
  private refreshingTimer?: ReturnType<typeof setTimeout>;

  private internals: ElementInternals;
  /** The age ticks each second on the real clock, while there is an age and the page is visible. */
  private readonly ticker = new ClockController(this, { enabled: () => this.now == null && this.agg.lastEventAt != null });
  /** Whether the backend was last announced reachable (true), lost (false), or not yet (null). */
  private reachable: boolean | null = null;
  /** The live region's text: set only when the backend is lost or regained, so said once. */
  private announcement = '';
  private hubUsed: unknown = null;
  private agg: AggregateStatus = aggregate([]);
  private readonly ctl = new StreamController<SourceStatus[]>(
    this,
    () => this.statusesStream(),
    (s) => (this.hubStatuses = s),
  );

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  /** The aggregate shown now. */
  get status(): AggregateStatus {
    return this.agg;
  }

  private statusesStream(): Observable<SourceStatus[]> | null {
    if (this.statuses) return null;
    try {
      const hub = this.effectiveHub;
      this.hubUsed = hub;
      return hub.statuses$;
    } catch {
      return null;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.refreshingTimer);
    this.refreshingUntil = 0;
  }

  /** Whether "Refreshing" shows: while a refresh is in flight, and at least `refreshingMinMs` from its start. */
  private holdRefreshing(inFlight: boolean): boolean {
    const now = Date.now();
    if (inFlight) {
      // A new refresh (not one already held) starts a new minimum.
      if (now >= this.refreshingUntil) this.refreshingUntil = now + this.refreshingMinMs;
      return true;
    }
    if (now < this.refreshingUntil) {
      clearTimeout(this.refreshingTimer);
      this.refreshingTimer = setTimeout(() => this.requestUpdate(), this.refreshingUntil - now + 1);
      return true;
    }
    return false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('statuses') || changed.has('hub')) this.ctl.resubscribe();
    else if (!this.statuses) {
      try {
        if (this.effectiveHub !== this.hubUsed) this.ctl.resubscribe();
      } catch {
        /* no hub */
      }
    }
    const agg = aggregate(this.statuses ?? this.hubStatuses);
    this.agg = { ...agg, refreshing: this.holdRefreshing(agg.refreshing) };
    const states: Record<string, boolean> = { refreshing: this.agg.refreshing };
    for (const st of Object.keys(STATE_LABELS)) states[st] = st === this.agg.state;
    syncStates(this.internals, states);
    this.announce(this.agg.state);
  }

  /**
   * Lost: reconnecting, offline or error after being reachable; regained: live or polling
   * after being lost. Connecting and idle change nothing, and a source alternating between
   * reconnecting and error is still one loss: the region's text changes once per change.
   */
  private announce(state: AggregateState): void {
    const up = state === 'live' || state === 'polling' ? true : state === 'reconnecting' || state === 'offline' || state === 'error' ? false : null;
    if (up === null || up === this.reachable) return;
    if (up && this.reachable === false) this.announcement = 'Connection to the backend restored.';
    else if (!up) this.announcement = `Connection to the backend lost (${STATE_LABELS[state].toLowerCase()}).`;
    this.reachable = up;
  }

  override render() {
    const a = this.agg;
    const now = this.now ?? this.ticker.now;
    const label = STATE_LABELS[a.state];
    const age = a.lastEventAt != null ? `updated ${formatAgo(a.lastEventAt, Math.max(now, a.lastEventAt))}` : null;
    const server = this.showServer ? this.resolveBase(null) : null;
    const title = [
      `Connection: ${label}${a.sources ? ` (${a.sources} source${a.sources === 1 ? '' : 's'})` : ''}`,
      server ? `Server: ${server}` : '',
      ...a.reasons,
      a.lastEventAt != null ? `Last update: ${formatDateTime(a.lastEventAt)}` : '',
      a.role !== 'solo' ? `This tab is the ${a.role} (cross-tab sharing)` : '',
      'Click for settings',
    ]
      .filter(Boolean)
      .join('\n');
    return html`<button
      type="button"
      part="button"
      title=${title}
      @click=${() => this.dispatchEvent(new ConnectionStatusClickEvent({ status: a }))}
    >
      <span class="visually-hidden">Connection:</span>
      <span class="pill" part="state"><span class="dot" aria-hidden="true"></span>${label}</span>
      ${a.reasons.length ? html`<span class="visually-hidden">${a.reasons[0]}.</span>` : nothing}
      ${a.refreshing ? html`<span class="refreshing" part="refreshing">Refreshing</span>` : nothing}
      ${age ? html`<span class="age" part="age">${age}</span>` : nothing}
      ${a.role !== 'solo' ? html`<span class="role">${a.role}</span>` : nothing}
      ${server ? html`<span class="server" part="server">${serverText(server)}</span>` : nothing}
      <span class="visually-hidden">Open settings</span>
    </button>
    <span class="visually-hidden" role="status">${this.announcement}</span>`;
  }
}

/** The address with a line-break opportunity after its scheme: a narrow box shows it on two lines, not cut. */
function serverText(url: string) {
  const i = url.indexOf('://');
  return i < 0 ? url : html`${url.slice(0, i + 3)}<wbr />${url.slice(i + 3)}`;
}
