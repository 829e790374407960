/**
 * The Rollouts table's keyboard model (WAI-ARIA grid, issue 25): the table is ONE Tab stop. The
 * shared row keyboard (shared/row-focus.keys.ts, the key handling of RowFocusController) owns which row is active and moves
 * it with Arrow Up/Down, Home/End, PageUp/PageDown; this file gives it the page's rows by rollout
 * / attempt key (so focus stays on a rollout while sorting, filtering, expanding or when windowed
 * rows are reused), adds the header row above the first (Arrow Up; its sort buttons are its
 * cells; it is never the Tab stop, the first rollout is), moves between a row's
 * cells and actions with Arrow Left/Right (they are never Tab stops), activates a row with Enter
 * (expand / collapse, else its raw JSON), scrolls the focused row fully into view, and keeps focus
 * in the pager when a page change disables the button that had it.
 */
import type { ReactiveControllerHost } from 'lit';
import { RowFocusKeys } from '../shared/row-focus.keys.js';
import type { Attempt, Rollout } from '../../streams/agl.js';
import type { DisplayRow } from './display-rows.js';
import { isExpandable } from './rollout-fields.js';

/** No styles of its own (shared/lazy-part.ts adopts a part's styles). */
export const styles = [] as const;

/** A row's focus key: the rollout id for a rollout row (rows are keyed by position for reuse), else its own key. */
export const focusKeyOf = (r: DisplayRow): string => (r.kind === 'rollout' ? r.rollout.rollout_id : r.key);

export interface GridHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface GridOptions {
  /** The page's rows and the aria-rowindex of the first. */
  rows(): readonly DisplayRow[];
  rowIndexBase(): number;
  /** Enter on a row (the header's Enter goes to its sort buttons); `activateRow` is this module's default action. */
  activate(row: DisplayRow, defaultAction: typeof activateRow): void;
}

/** Enter on a row: a retried rollout expands / collapses, another shows its raw JSON, an attempt its own; a failed attempts row retries. */
export function activateRow(
  row: DisplayRow,
  a: { toggleExpanded(r: Rollout): void; viewJson(d: { rollout: Rollout; attempt: Attempt | null }, nested: boolean): void; retryAttempts(r: Rollout): void },
): void {
  if (row.kind === 'rollout') {
    if (isExpandable(row.rollout)) a.toggleExpanded(row.rollout);
    else a.viewJson({ rollout: row.rollout, attempt: row.rollout.attempt ?? null }, false);
  } else if (row.kind === 'attempt') a.viewJson({ rollout: row.rollout, attempt: row.attempt }, true);
  else if (row.kind === 'error') a.retryAttempts(row.rollout);
}

/** What a row offers to Arrow Left/Right: the row itself, then its buttons and its input preview, in order. */
const CELL_ITEMS = 'button, .input';

export class RolloutGrid {
  readonly focus: RowFocusKeys<string>;
  private keys: string[] = [];
  private index = new Map<string, number>();
  private lastKeys = '';
  /** The row that is the Tab stop when the active one is not drawn (focus elsewhere, scrolled away): the first drawn row. */
  private stand: string | null = null;

  constructor(
    private readonly host: GridHost,
    private readonly opts: GridOptions,
  ) {
    this.focus = new RowFocusKeys<string>(host, {
      // The page's keys (the grid keeps them for its own row lookups), found through its index.
      count: () => this.keys.length,
      keyAt: (i) => this.keys[i],
      indexOf: (k) => this.index.get(k) ?? -1,
      rowElement: (k) => this.rowElement(k),
      reveal: (k) => this.reveal(k),
      keyOf: (el) => this.keyOf(el),
      container: () => this.table(),
      onActivate: (k) => {
        const i = this.index.get(k);
        if (i != null) this.opts.activate(this.opts.rows()[i], activateRow);
      },
    });
    // This chunk is already lazy: the key handling is used directly, as the host's controller.
    host.addController(this.focus);
  }

  /**
   * Call in willUpdate after the page's rows are known. Returns the index of the row the window
   * must draw with its neighbours: the active row while focus is in the table, else none (-1).
   */
  sync(): number {
    const keys = this.opts.rows().map(focusKeyOf);
    this.keys = keys;
    this.index = new Map(keys.map((k, i) => [k, i]));
    const active = this.focus.activeKey;
    const t = this.table();
    const a = deepActive();
    return active == null || !t || !a || !t.contains(a) ? -1 : (this.index.get(active) ?? -1);
  }

  /** Call after the window planned: when the active row is not drawn, the first drawn row is the Tab stop. */
  drawn(parts: readonly ({ index: number } | { gap: number })[]): void {
    const active = this.focus.activeKey;
    const i = active == null ? -1 : (this.index.get(active) ?? -1);
    const first = parts.find((p): p is { index: number } => 'index' in p);
    const isDrawn = parts.some((p) => 'index' in p && p.index === i);
    this.stand = !isDrawn && first ? this.keys[first.index] : null;
  }

  /** Call in updated(): when the rows changed while a row had focus, focus follows its key (or the nearest row). */
  updated(): void {
    const sig = this.keys.join('\u0001');
    if (sig === this.lastKeys) return;
    this.lastKeys = sig;
    const active = this.focus.activeKey;
    const row = active === undefined ? null : this.rowElement(active);
    const a = deepActive();
    // Already on (or inside) the active row (an expander), or in the header (a sort button): stay.
    if (!a || (row && row.contains(a)) || a.closest('thead')) return;
    const body = this.host.renderRoot.querySelector('tbody');
    if (body?.contains(a) || a === this.table()) this.focus.rowsChanged();
  }

  tabIndexFor(key: string): 0 | -1 {
    if (this.stand !== null) return key === this.stand ? 0 : -1;
    return this.focus.tabIndexFor(key);
  }

  /** Keydown on the table: Left/Right between a row's cells, then the shared row keys. */
  readonly onKeydown = (ev: KeyboardEvent): void => {
    if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight') {
      const target = ev.composedPath()[0] as HTMLElement;
      const tr = target.closest?.('tr');
      if (!tr || target instanceof HTMLInputElement) return;
      const items = [tr, ...tr.querySelectorAll<HTMLElement>(CELL_ITEMS)].filter((e) => e === tr || e.getClientRects().length > 0);
      const at = Math.max(0, items.indexOf(target));
      const next = items[Math.max(0, Math.min(items.length - 1, at + (ev.key === 'ArrowRight' ? 1 : -1)))];
      ev.preventDefault();
      if (next !== target) next.focus({ preventScroll: next === tr });
      return;
    }
    const target = ev.composedPath()[0] as HTMLElement;
    const head = this.host.renderRoot.querySelector<HTMLElement>('thead tr');
    if (head && head.contains(target)) {
      // The header row: Arrow Down (or PageDown / Home) back to the rows, Enter to its sort buttons.
      if (ev.key === 'ArrowDown' || ev.key === 'PageDown' || ev.key === 'Home') {
        ev.preventDefault();
        const k = this.focus.activeKey;
        if (k !== undefined) void this.focus.focusKey(ev.key === 'Home' ? this.keys[0] : k);
      } else if (ev.key === 'Enter' && target === head) {
        ev.preventDefault();
        this.headButton()?.focus();
      }
      return;
    }
    // Arrow Up from the first row (or Ctrl+Home): the header row, for sorting.
    if ((ev.key === 'ArrowUp' && this.focus.activeKey === this.keys[0]) || (ev.key === 'Home' && ev.ctrlKey)) {
      if (head && !(target instanceof HTMLInputElement)) {
        ev.preventDefault();
        head.focus();
        return;
      }
    }
    this.focus.handleKeydown(ev);
  };

  readonly onFocusIn = (ev: FocusEvent): void => this.focus.handleFocusIn(ev);

  /**
   * A pager button was used: when the page change disabled it (the first / last page), focus the
   * nearest enabled pager button instead of letting it drop to <body>.
   */
  async keepPagerFocus(button: HTMLButtonElement | null): Promise<void> {
    if (!button) return;
    await this.host.updateComplete;
    if (!button.disabled && button.isConnected) return;
    const pager = [...(this.host.renderRoot.querySelectorAll<HTMLButtonElement>('.pager button') ?? [])];
    const at = pager.findIndex((b) => b.getAttribute('aria-label') === button.getAttribute('aria-label'));
    const order = at < pager.length / 2 ? [...pager.slice(at + 1), ...pager.slice(0, at).reverse()] : [...pager.slice(0, at).reverse(), ...pager.slice(at + 1)];
    const target = order.find((b) => !b.disabled);
    if (target) target.focus();
    else if (this.keys.length) void this.focus.focusKey(this.keys[0]);
  }

  private table(): HTMLElement | null {
    return this.host.renderRoot.querySelector('table');
  }

  private headButton(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('th[aria-sort="ascending"] button, th[aria-sort="descending"] button') ?? this.host.renderRoot.querySelector('button.sort');
  }

  private rowElement(key: string): HTMLElement | null {
    const i = this.index.get(key);
    if (i == null) return null;
    return this.host.renderRoot.querySelector<HTMLElement>(`tbody tr[aria-rowindex="${this.opts.rowIndexBase() + i}"]`);
  }

  private keyOf(el: HTMLElement): string | undefined {
    if (el.tagName !== 'TR' || el.parentElement?.tagName !== 'TBODY') return undefined;
    const ri = Number(el.getAttribute('aria-rowindex'));
    return Number.isFinite(ri) ? this.keys[ri - this.opts.rowIndexBase()] : undefined;
  }

  /** The window draws the active row (it plans around it); then scroll it fully into view, below the sticky header. */
  private async reveal(key: string): Promise<void> {
    await this.host.updateComplete;
    const row = this.rowElement(key);
    if (row) row.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

/** The deepest focused element (through shadow roots). */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
