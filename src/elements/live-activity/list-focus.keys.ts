/**
 * The row keyboard for one of <live-activity>'s lists (list-focus-controller.ts has the rules),
 * loaded on the first focus in the list: its rows found by class and `data-id`, revealed by
 * scrolling the fixed-height window, paged by the rows that fit, activated by Enter; and, after
 * each render, focus kept on the item when its slot was reused for another.
 */
import type { ReactiveControllerHost } from 'lit';
import { RowFocusKeys } from '../shared/row-focus.keys.js';
import type { ListFocusController, ListFocusOptions } from './list-focus-controller.js';

export function listRowKeys(host: ReactiveControllerHost & HTMLElement, c: ListFocusController, o: ListFocusOptions): RowFocusKeys<string> {
  const keys: RowFocusKeys<string> = new RowFocusKeys<string>(host, {
    count: () => o.count(),
    keyAt: (i) => o.keyAt(i),
    rowElement: (id) => rowFor(c, o, id),
    // Scroll the window so the row is fully in view (the least move) and drawn.
    reveal: async (id) => {
      const index = keys.indexOf(id);
      if (index < 0) return;
      // Focus is on its way to this row: the host stops following the newest rows first.
      c.setFocused(id);
      await o.reveal(id, index);
    },
    keyOf: (el) => (el.classList.contains(o.rowClass) ? el.dataset.id : undefined),
    pageSize: () => Math.max(1, Math.floor((o.window.viewportHeight || o.rowHeight()) / o.rowHeight()) - 1),
    onActivate: (id) => o.onActivate?.(id),
    container: () => c.list(),
  });
  return keys;
}

function rowFor(c: ListFocusController, o: ListFocusOptions, id: string): HTMLElement | null {
  return c.list()?.querySelector<HTMLElement>(`.${o.rowClass}[data-id="${CSS.escape(id)}"]`) ?? null;
}

/** After a render: rows are reused by position, so focus on a row now showing another item goes to the active item's row. */
export function keepOnItem(c: ListFocusController, o: ListFocusOptions): void {
  const active = (o.root().activeElement ?? null) as HTMLElement | null;
  const key = c.rows.activeKey;
  if (active?.classList.contains(o.rowClass) && c.list()?.contains(active) && active.dataset.id !== key) {
    (key === undefined ? null : rowFor(c, o, key))?.focus({ preventScroll: true });
  }
}
