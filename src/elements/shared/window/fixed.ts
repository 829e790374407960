/**
 * Fixed-height windows on the shared window: the API elements used before the window was one
 * mechanism (`FixedWindowController`, `renderWindow`, `windowRange`, `maxLength`), same names
 * and behaviour, now a uniform `WindowModel` keyed by index under a `WindowController`.
 * For rows of one known height in the element's own scroller, drawn as a translated block.
 */
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { ScrollWindow, MAX_SPACER_PX } from './window-controller.js';
import { WindowModel, indexRows, type WindowRange } from './window-model.js';
import { renderBlock, type BlockClasses } from './block.js';

export { MAX_SPACER_PX };
export type { WindowRange };

/** Most rows a spacer can represent at this row height. */
export const maxLength = (rowHeight: number) => Math.floor(MAX_SPACER_PX / Math.max(1, rowHeight));

const scratch = new WindowModel<number>({ policy: 'uniform', rowHeight: 1 });

/** The slice of `length` rows to render for a scroll position and viewport height. */
export function windowRange(length: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = 3): WindowRange {
  if (length <= 0 || rowHeight <= 0) return { first: 0, last: 0 };
  scratch.rowHeight = rowHeight;
  scratch.setRows(indexRows(length));
  return scratch.visible(scrollTop, Math.max(viewportHeight, rowHeight), overscan);
}

/**
 * The spacer and the translated block of rows `first…last-1`. `renderRow(i, slot)` draws
 * index `i` in the `slot`-th rendered position; rows are not keyed, so elements are reused.
 */
export function renderWindow(
  length: number,
  rowHeight: number,
  range: WindowRange,
  renderRow: (index: number, slot: number) => TemplateResult,
  classes: BlockClasses = {},
): TemplateResult {
  scratch.rowHeight = rowHeight;
  scratch.setRows(indexRows(length));
  return renderBlock(scratch, Math.min(length, maxLength(rowHeight)) * rowHeight, range, renderRow, classes);
}

/**
 * Tracks a scroller's scrollTop and height for a fixed window and asks the host to update when
 * the rendered range would change (not on every scroll pixel). The host keeps the scroll model
 * (`scrollTop`): set it (e.g. to anchor the reading position or to follow the top) and it is
 * applied to the element after the host's next update, without being mistaken for the user's.
 * `reveal(index)` scrolls a row fully into view.
 */
export class FixedWindowController extends ScrollWindow<number> {
  /** Rows keyed by index, its length updated in place (no new source per frame). */
  private readonly rows = { length: 0, keyAt: (i: number) => i, indexOf: (k: number) => (k >= 0 && k < this.rows.length ? k : -1) };
  private over = 3;

  constructor(
    host: ReactiveControllerHost,
    /** Current length, row height and overscan, read when a scroll decides whether to update. */
    private readonly params: () => { length: number; rowHeight: number; overscan?: number },
  ) {
    super(host, new WindowModel<number>({ policy: 'uniform', rowHeight: 1 }));
  }

  /** Read the host's parameters into the model; false when there is nothing to window. */
  private sync(): boolean {
    const { length, rowHeight, overscan } = this.params();
    this.over = overscan ?? 3;
    if (rowHeight > 0) this.model.rowHeight = rowHeight;
    if (this.rows.length !== length) {
      this.rows.length = length;
      this.model.setRows(this.rows);
    }
    return length > 0 && rowHeight > 0;
  }

  protected override get overscan(): number {
    return this.over;
  }

  override range(): WindowRange {
    if (!this.sync()) return { first: 0, last: 0 };
    return super.range();
  }

  override apply(): void {
    this.sync();
    super.apply();
  }

  /** Scroll row `index` fully into view (drawn after the update this asks for). */
  override reveal(index: number): Promise<boolean> {
    this.sync();
    return super.reveal(index);
  }

  protected override rangeChanged(): boolean {
    this.sync();
    return super.rangeChanged();
  }
}
