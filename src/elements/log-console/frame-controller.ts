/**
 * Frame pacing for <log-console>: lines arriving at any rate are drawn at most once per
 * animation frame, and a frame of a stream that only adds rows while following paints the rows
 * alone (no Lit update, no template). The toolbar's counts and the status bar ("chrome") are
 * refreshed at most every CHROME_INTERVAL ms while lines stream in, with a trailing refresh so
 * the final figures show. It owns the requestAnimationFrame and the trailing timer; it does not
 * own what a paint draws (the element's `paintRows`) nor when rows alone may be painted (the
 * element's `rowsOnly`, asked each frame).
 *
 * A reactive controller because the frame and the timer must stop when the element leaves.
 */
import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';
import type { LogModel } from './log-buffer.js';
import { LOG_LEVELS } from '../../streams/models.js';

/** Toolbar counts and the status bar change at most this often while lines stream in (ms). */
export const CHROME_INTERVAL = 250;

export interface FrameView {
  readonly model: LogModel;
  /** Only new rows since the last update, and the view follows the tail: paint without a Lit update. */
  rowsOnly(): boolean;
  /** Draw the rows (the window's paint). */
  paintRows(): void;
}

/** The figures the toolbar and status bar show, as of their last refresh. */
export interface Chrome {
  counts: Uint32Array;
  size: number;
  rows: number;
  at: number;
}

export class FrameController implements ReactiveController {
  readonly chrome: Chrome = { counts: new Uint32Array(LOG_LEVELS.length), size: 0, rows: 0, at: -Infinity };
  private frame = 0;
  private timer = 0;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly hasUpdated: boolean; readonly isUpdatePending: boolean },
    private readonly view: FrameView,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    clearTimeout(this.timer);
    this.timer = 0;
  }

  /** Render on the next animation frame (once, however many batches arrive before it). */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const c = this.chrome;
      const fresh = c.rows > 0 && performance.now() - c.at < CHROME_INTERVAL;
      if (this.host.hasUpdated && !this.host.isUpdatePending && fresh && this.view.rowsOnly()) {
        // A frame of a stream while following: only the rows change (no template to render).
        this.view.model.takeTrimmed();
        this.view.paintRows();
      } else this.host.requestUpdate();
    });
  }

  /**
   * Before each update: an update with nothing but new lines (a frame of a stream) refreshes the
   * figures at most every CHROME_INTERVAL ms, so a stream's frames change only the rows — the
   * toolbar is not laid out again 60 times a second. Any other change refreshes them at once.
   */
  refresh(changed: PropertyValues): void {
    const now = performance.now();
    const m = this.view.model;
    let forced = false;
    for (const k of changed.keys()) if (k !== 'newLines') forced = true;
    const c = this.chrome;
    const emptiness = (c.rows === 0) !== (m.rows.length === 0) || (c.size === 0) !== (m.buffer.size === 0);
    if (forced || emptiness || now - c.at >= CHROME_INTERVAL) {
      c.counts.set(m.buffer.levelCounts);
      c.size = m.buffer.size;
      c.rows = m.rows.length;
      c.at = now;
    } else if (!this.timer) {
      // Drawn on the next frame (never from the timer itself, which could land mid-frame).
      this.timer = window.setTimeout(() => {
        this.timer = 0;
        this.chrome.at = -Infinity;
        this.schedule();
      }, CHROME_INTERVAL - (now - c.at) + 1);
    }
  }
}
