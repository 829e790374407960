/**
 * Follow-tail for <log-console>: was the scroll the user's? It owns the scroller's event
 * handlers (scroll, wheel, keys, touch, the scrollbar's drag) and the little state that tells a
 * gesture of the user's from a scroll the window made itself (`scrolledTo`): only the user
 * stops following (scrolling up) or starts it again (scrolling back to the end). It does not
 * own where rows are drawn (log-window.ts) nor the `following` state (the element's, which
 * fires `log-follow-change`).
 *
 * A reactive controller because it holds per-gesture state across events and must drop a
 * drag in progress when the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LogWindow } from './log-window.js';

/** A user gesture this recent (ms) makes the scroll event it caused the user's. */
const GESTURE_MS = 500;

/** What the controller reads and calls on its element (an adapter: the element's state stays private). */
export interface FollowView {
  following(): boolean;
  wrap(): boolean;
  viewport(): HTMLElement | undefined;
  rowsEl(): HTMLElement | undefined;
  readonly window: LogWindow;
  /** Rows shown after filtering. */
  rowCount(): number;
  setFollowing(on: boolean): void;
}

export class FollowController implements ReactiveController {
  /** The position the window last set (its scroll event is not the user's), or -1. */
  private programmaticTop = -1;
  private dragging = false;
  /** When the user last moved a finger on the view (touch scrolling has no wheel event). */
  private touchAt = -Infinity;
  /** When the user last used the wheel, a key or the scrollbar on the view. */
  private gestureAt = -Infinity;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly view: FollowView,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.dragging = false;
    this.programmaticTop = -1;
  }

  /** The window put the scroller at `top`. */
  scrolledTo(top: number): void {
    this.programmaticTop = top;
  }

  /** A scroll event of the window's own is still due. */
  ownScrollPending(): boolean {
    return this.programmaticTop >= 0;
  }

  /** Following and the view can scroll: pause where it is (the user moves up). */
  private pauseHere(): void {
    const v = this.view.viewport();
    if (v && v.scrollHeight > v.clientHeight) this.pause();
  }

  /** Stop following, keeping what is on screen where it is (a line got keyboard focus). */
  pause(): void {
    const h = this.view;
    const v = h.viewport();
    if (!h.following() || !v) return;
    h.window.scrollTopModel = v.scrollTop;
    h.setFollowing(false);
  }

  readonly onScroll = (): void => {
    const h = this.view;
    const v = h.viewport();
    if (!v) return;
    if (this.programmaticTop >= 0 && Math.abs(v.scrollTop - this.programmaticTop) < 1) {
      this.programmaticTop = -1;
      return;
    }
    this.programmaticTop = -1;
    if (h.wrap()) {
      // Where our last paint put it (a late event of our own): nothing moved.
      if (Math.abs(v.scrollTop - h.window.wrapTop) < 1) return;
      if (h.following()) {
        // Only a gesture of the user's stops following (the wheel and keys in their handlers).
        if (!this.dragging && performance.now() - this.touchAt > GESTURE_MS) return;
        h.setFollowing(false);
      }
      h.window.scrollWrapped(v);
      // Back at the end by a gesture of the user's (not a scroll of ours): follow again.
      const now = performance.now();
      const gesture = now - this.gestureAt < GESTURE_MS || now - this.touchAt < GESTURE_MS;
      const atBottom = v.scrollTop + v.clientHeight >= v.scrollHeight - 2;
      const pool = h.rowsEl();
      if (atBottom && gesture && !this.dragging && pool && h.window.atWrappedEnd(v, pool)) h.setFollowing(true);
      this.host.requestUpdate();
      return;
    }
    h.window.scrollTopModel = v.scrollTop;
    const atBottom = v.scrollTop + v.clientHeight >= v.scrollHeight - Math.max(4, h.window.rowHeight / 2);
    if (!this.dragging || !atBottom) h.setFollowing(atBottom);
    this.host.requestUpdate();
  };

  readonly onWheel = (e: WheelEvent): void => {
    this.gestureAt = performance.now();
    if (e.deltaY < 0 && this.view.rowCount() > 0) this.pauseHere();
  };

  /** A key on the view (or a line in it): what it does is log-focus.ts's; a scroll it causes is the user's. */
  readonly onKey = (): void => {
    this.gestureAt = performance.now();
  };

  /** Passive: it only notes the time, and must not hold up touch scrolling. */
  readonly onTouchMove = { handleEvent: (): void => void (this.touchAt = performance.now()), passive: true };

  readonly onPointerDown = (e: PointerEvent): void => {
    // A press on the scroller itself is its scrollbar: don't pull the view while dragging.
    if (e.target === this.view.viewport()) this.dragging = true;
  };

  readonly onPointerUp = (): void => {
    if (!this.dragging) return;
    this.dragging = false;
    this.gestureAt = performance.now();
    this.onScroll();
  };
}
