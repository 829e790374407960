/**
 * A fixed-height row window: for long lists of rows of one known height, only the visible
 * rows (plus a little overscan) exist in the DOM. A spacer of `length × rowHeight` gives the
 * scroller its full height; the rendered rows sit in a block moved with translateY. Rows are
 * rendered by position (not keyed), so a frame that brings new data reuses the same row
 * elements and only rewrites their text and attributes: O(visible rows) per frame, whatever
 * the list's length or how many items arrived.
 *
 * This is the pattern <log-console> uses for its unwrapped view, extracted so other elements
 * (first <live-activity>) can share it. The scroller itself (role, label, tabindex, keyboard)
 * stays the element's own markup; this module gives the arithmetic, the scroll/size tracking
 * and the spacer markup.
 *
 * CSS the host needs (class names are the caller's choice; these are the defaults):
 * `.fw-scroller { overflow-y: auto; overflow-anchor: none; contain: strict }`,
 * `.fw-spacer { position: relative }`, `.fw-rows { position: absolute; inset: 0 0 auto 0 }`.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

/** Chromium caps an element's height near 33.5M px: lists taller than this are cut (see `maxLength`). */
export const MAX_SPACER_PX = 33_000_000;

export interface WindowRange {
  /** First index rendered (inclusive). */
  first: number;
  /** Last index rendered (exclusive). */
  last: number;
}

/** The slice of `length` rows to render for a scroll position and viewport height. */
export function windowRange(length: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = 3): WindowRange {
  if (length <= 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const top = Math.max(0, Math.min(scrollTop, length * rowHeight - viewportHeight));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(length, Math.ceil((top + Math.max(viewportHeight, rowHeight)) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/** Most rows a spacer can represent at this row height. */
export const maxLength = (rowHeight: number) => Math.floor(MAX_SPACER_PX / Math.max(1, rowHeight));

/**
 * The spacer and the translated block of rows `first…last-1`. `renderRow(i, slot)` draws
 * index `i` in the `slot`-th rendered position; rows are not keyed, so elements are reused.
 */
export function renderWindow(
  length: number,
  rowHeight: number,
  range: WindowRange,
  renderRow: (index: number, slot: number) => TemplateResult,
  classes: { spacer?: string; rows?: string } = {},
): TemplateResult {
  const rows: TemplateResult[] = [];
  for (let i = range.first; i < range.last; i++) rows.push(renderRow(i, i - range.first));
  return html`<div class=${classes.spacer ?? 'fw-spacer'} style=${styleMap({ height: `${Math.min(length, maxLength(rowHeight)) * rowHeight}px` })}>
    <div class=${classes.rows ?? 'fw-rows'} style=${styleMap({ transform: `translateY(${range.first * rowHeight}px)` })}>${rows}</div>
  </div>`;
}

/**
 * Tracks a scroller's scrollTop and height for a fixed window and asks the host to update when
 * the rendered range would change (not on every scroll pixel). The host keeps the scroll model
 * (`scrollTop`): set it (e.g. to anchor the reading position or to follow the top) and it is
 * applied to the element after the host's next update, without being mistaken for the user's.
 */
export class FixedWindowController implements ReactiveController {
  /** The scroll position the next render uses (px). */
  scrollTop = 0;
  /** The scroller's height (px); 0 until measured. */
  viewportHeight = 0;
  /** Called after a user scroll changed the model (before the host updates). */
  onUserScroll?: (scrollTop: number) => void;

  private el: HTMLElement | null = null;
  // Made on first attach, not at construction: elements must construct where there is no
  // ResizeObserver (server-side rendering in Node).
  private resize: ResizeObserver | null = null;
  private programmatic = -1;
  private lastRange: WindowRange = { first: -1, last: -1 };

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Current length, row height and overscan, read when a scroll decides whether to update. */
    private readonly params: () => { length: number; rowHeight: number; overscan?: number },
  ) {
    host.addController(this);
  }

  /** The range for the current model; remembers it to skip updates on scrolls within it. */
  range(): WindowRange {
    const { length, rowHeight, overscan } = this.params();
    this.lastRange = windowRange(length, rowHeight, this.scrollTop, this.viewportHeight || 600, overscan);
    return this.lastRange;
  }

  /** Attach to the scroller element (call from the host's updated(); cheap when unchanged). */
  attach(el: HTMLElement | null): void {
    if (el === this.el) return;
    this.el?.removeEventListener('scroll', this.onScroll);
    this.resize?.disconnect();
    this.el = el;
    if (el) {
      el.addEventListener('scroll', this.onScroll, { passive: true });
      this.resize ??= new ResizeObserver(() => this.measure());
      this.resize.observe(el);
      this.viewportHeight = el.clientHeight;
      this.known = el.scrollTop;
    }
  }

  /**
   * Put the element where the model says (call from the host's updated()). Reads no layout:
   * the element's position is known from its scroll events and our own writes, so a frame
   * where nothing moves touches nothing (reading scrollHeight here would force a layout).
   */
  apply(): void {
    const el = this.el;
    if (!el) return;
    const { length, rowHeight } = this.params();
    const max = Math.max(0, Math.min(length, maxLength(rowHeight)) * rowHeight - this.viewportHeight);
    const target = Math.max(0, Math.min(this.scrollTop, max));
    this.scrollTop = target;
    if (Math.abs(this.known - target) >= 1) {
      el.scrollTop = target;
      this.known = target;
      this.programmatic = target;
    }
  }

  /** Where the element is scrolled, as far as we know (its scroll events and our writes). */
  private known = 0;

  hostDisconnected(): void {
    this.attach(null);
  }

  private measure(): void {
    const h = this.el?.clientHeight ?? 0;
    if (h !== this.viewportHeight) {
      this.viewportHeight = h;
      this.host.requestUpdate();
    }
  }

  private readonly onScroll = (): void => {
    const el = this.el;
    if (!el) return;
    const top = el.scrollTop;
    if (this.programmatic >= 0 && Math.abs(top - this.programmatic) < 1) {
      this.programmatic = -1;
      this.known = top;
      return;
    }
    this.programmatic = -1;
    this.scrollTop = this.known = top;
    this.onUserScroll?.(this.scrollTop);
    const { length, rowHeight, overscan } = this.params();
    const r = windowRange(length, rowHeight, this.scrollTop, this.viewportHeight || 600, overscan);
    if (r.first !== this.lastRange.first || r.last !== this.lastRange.last) this.host.requestUpdate();
  };
}
