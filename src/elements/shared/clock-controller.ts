/**
 * A clock for "N s ago" ages and countdowns: asks its host to update every `interval` ms while
 * the host is connected and the page is visible; stops while the page is hidden (no work in a
 * background tab) and ticks at once when it becomes visible again, so ages are right on return.
 * Owns only the timer and the visibility listener; what a tick means is the host's (read
 * `now`, or pass `onTick`). A controller because both must follow the host's connection.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ClockOptions {
  /** Milliseconds between ticks (default 1000). */
  interval?: number;
  /** Called on every tick, before the host is asked to update. */
  onTick?(now: number): void;
  /** Whether ticking is wanted now (e.g. only while something shows an age); default always. */
  enabled?(): boolean;
}

export class ClockController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | null = null;
  private connected = false;
  private _now = Date.now();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ClockOptions = {},
  ) {
    host.addController(this);
  }

  /** The time of the last tick (ms since the epoch). */
  get now(): number {
    return this._now;
  }

  /** Whether the timer is running (connected, page visible, enabled). */
  get running(): boolean {
    return this.timer !== null;
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
  }

  /** Re-read `enabled()` after the host's state changed (also done after each host update). */
  sync(): void {
    const want = this.connected && document.visibilityState !== 'hidden' && (this.options.enabled?.() ?? true);
    if (want && !this.timer) this.timer = setInterval(this.tick, this.options.interval ?? 1000);
    else if (!want) this.stop();
  }

  hostUpdated(): void {
    if (this.options.enabled) this.sync();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private readonly tick = (): void => {
    this._now = Date.now();
    this.options.onTick?.(this._now);
    this.host.requestUpdate();
  };

  private readonly onVisibility = (): void => {
    const wasRunning = this.running;
    this.sync();
    if (!wasRunning && this.running) this.tick(); // catch up at once on return
  };
}
