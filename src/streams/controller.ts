/**
 * Binds an Observable to a Lit element's lifecycle: subscribes when the host connects,
 * releases everything when it disconnects. Nothing subscribes in render().
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

export class StreamController<T> implements ReactiveController {
  private subscription: Subscription | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Returns the stream to follow now, or null when the host is not configured yet. */
    private readonly select: () => Observable<T> | null,
    private readonly next: (value: T) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.resubscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  /** Call when an input of `select` changed (a new base URL, a new stream…). */
  resubscribe(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    if (!this.connected) return;
    const stream = this.select();
    if (!stream) return;
    this.subscription = stream.subscribe({
      next: (value) => {
        this.next(value);
        this.host.requestUpdate();
      },
      // Sources report errors on status$, so an error here is a programming error: surface it.
      error: (err) => console.error('[telltale] stream error', err),
    });
  }

  get active(): boolean {
    return this.subscription !== null;
  }
}
