/**
 * Which columns of the rollout table fit a given width. Every column but Input has a fixed
 * width sized for its usual content (ids of 15 characters, a date over a time, a badge); Input
 * takes what is left, at least INPUT_MIN. When the pane is narrower than all of them, columns
 * are hidden in HIDE_ORDER (the least needed first) and the table says which.
 * The rule is pure (unit-testable); ColumnFitController applies it to the element's width.
 */
import { COLUMN_LABELS, type ColumnId } from './rollout-model.js';

export type FixedColumn = Exclude<ColumnId, 'input'> | 'actions';

/**
 * Widths in px, padding and cell border included (cells have 8 px of padding a side and a 1 px
 * border). All of them with INPUT_MIN make 1,018 px: the dashboard's pane at 1280 px even with a
 * scrollbar (1,025 px), the portal's section.
 */
export const COLUMN_WIDTHS: Readonly<Record<FixedColumn, number>> = {
  rollout: 150,
  attempt: 104,
  status: 104,
  resources: 128,
  mode: 56,
  start: 88,
  duration: 76,
  heartbeat: 88,
  worker: 76,
  actions: 72,
};

/** The narrowest Input column worth showing (nine characters of the JSON; all of it on hover). */
export const INPUT_MIN = 76;

/**
 * The priority: the first is hidden first. Rollout, Status and the actions always show (326 px:
 * a phone); Start Time and Duration go last, below 490 px, rather than slide under the pinned
 * actions.
 */
export const HIDE_ORDER: readonly ColumnId[] = ['resources', 'attempt', 'mode', 'worker', 'heartbeat', 'input', 'start', 'duration'];

const widthOf = (c: ColumnId | 'actions') => (c === 'input' ? INPUT_MIN : COLUMN_WIDTHS[c]);

/** The width every column needs (the table fits from this width up). */
export const FULL_WIDTH = (Object.values(COLUMN_WIDTHS) as number[]).reduce((a, b) => a + b, 0) + INPUT_MIN;

/** The columns to hide so that the rest fits `width` px, in HIDE_ORDER. */
export function columnsToHide(width: number): ColumnId[] {
  const hidden: ColumnId[] = [];
  let need = FULL_WIDTH;
  for (const c of HIDE_ORDER) {
    if (need <= width) break;
    hidden.push(c);
    need -= widthOf(c);
  }
  return hidden;
}

/** "2 columns hidden to fit: Resources ID, Attempt." */
export function hiddenNote(hidden: readonly ColumnId[]): string {
  const names = hidden.map((c) => COLUMN_LABELS[c]).join(', ');
  return `${hidden.length} ${hidden.length === 1 ? 'column' : 'columns'} hidden to fit this width: ${names}. A wider window shows ${hidden.length === 1 ? 'it' : 'them'}.`;
}

/**
 * Follows the host's width (a ResizeObserver, made on connection: there is none under server-side
 * rendering) and keeps `hidden` to the columns that do not fit it (its frame has a 1 px border a
 * side); the host updates when that changes. Not shown (width 0): keeps what it had.
 */
export class ColumnFitController {
  hidden: ColumnId[] = [];
  private ro: ResizeObserver | null = null;

  constructor(private readonly host: HTMLElement & { addController(c: object): void; requestUpdate(): void }) {
    host.addController(this);
  }

  hostConnected(): void {
    this.ro ??= new ResizeObserver(() => {
      const width = this.host.getBoundingClientRect().width;
      if (width <= 0) return;
      const hidden = columnsToHide(width - 2);
      if (hidden.join() !== this.hidden.join()) {
        this.hidden = hidden;
        this.host.requestUpdate();
      }
    });
    this.ro.observe(this.host);
  }

  hostDisconnected(): void {
    this.ro?.disconnect();
  }
}
