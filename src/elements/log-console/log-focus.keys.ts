/**
 * The log's key handling (log-focus.ts has the rules), loaded with the shared row keyboard on
 * the first focus in the log: the row keyboard fitted to the log's pool of rows, `c` copies the
 * focused line, End follows the tail again, and from the log itself ↑/↓ land on a line in view;
 * the other moves are the row keyboard's; the focused line's element is kept when the line is
 * scrolled out of the drawn rows (`keepLine`).
 */
import type { ReactiveControllerHost } from 'lit';
import { RowFocusKeys } from '../shared/row-focus.keys.js';
import { MOVES, type LogFocus } from './log-focus.js';
import { PAUSED_BOTTOM_PAD } from './log-window.js';
import { drawRow, sizePool, type KeepLine, type RowContext } from './log-rows.js';

/** The row keyboard on the log's lines: keyed by sequence number, rows from the reused pool. */
export function logRowKeys(host: ReactiveControllerHost & HTMLElement, f: LogFocus): RowFocusKeys<number> {
  const view = f.view;
  return new RowFocusKeys<number>(host, {
    // The row list's sequence numbers (up to 1,000,000 of them), read in place; rows are in
    // seq order, so a key is found by binary search, not by a walk of the whole list.
    count: () => view.rows().length,
    keyAt: (i) => view.rows().seqAt(i),
    indexOf: (seq) => {
      const r = view.rows();
      const i = r.indexOf(seq);
      return i < r.length && r.seqAt(i) === seq ? i : -1;
    },
    rowElement: (seq) => f.drawn(seq),
    keyOf: (el) => (el.parentElement === view.rowsEl() && el.hasAttribute('data-seq') ? Number(el.getAttribute('data-seq')) : undefined),
    reveal: (seq) => {
      const i = view.rows().indexOf(seq);
      return view.rows().seqAt(i) === seq ? view.reveal(i) : undefined;
    },
    pageSize: () => view.pageSize(),
    container: () => view.viewport() ?? null,
  });
}

export function logKeydown(f: LogFocus, e: KeyboardEvent): void {
  const view = f.view;
  const v = view.viewport();
  if (!v || e.altKey || e.metaKey || e.defaultPrevented) return;
  const target = e.composedPath()[0] as Element;
  const row = f.rowOf(target);
  if ((e.key === 'c' || e.key === 'C') && !e.ctrlKey && row) {
    e.preventDefault();
    view.copy(Number(row.getAttribute('data-seq')));
    return;
  }
  if (e.ctrlKey) return;
  if (e.key === 'End') {
    e.preventDefault();
    view.follow();
    f.focusLog();
    return;
  }
  if (!MOVES.test(e.key)) return;
  const rows = view.rows();
  if (rows.length === 0) return;
  if (target === v && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
    // From the log itself, the first key lands on a line in view (not on the active line far away).
    e.preventDefault();
    const seq = lineInView(f, e.key === 'ArrowDown');
    view.pause();
    if (seq >= 0) void f.rows.focusKey(seq);
    return;
  }
  if (view.following()) view.pause();
  f.rows.handleKeydown(e);
}

/**
 * The first (or last) line fully in view and clear of the "↓ N new lines" button that pausing
 * shows, so focusing it moves nothing on screen.
 */
function lineInView(f: LogFocus, first: boolean): number {
  const v = f.view.viewport();
  const pool = f.view.rowsEl();
  const rows = f.view.rows();
  if (!v || !pool) return rows.seqAt(rows.length - 1);
  const box = v.getBoundingClientRect();
  const bottom = box.bottom - PAUSED_BOTTOM_PAD;
  const els = Array.from(pool.children as HTMLCollectionOf<HTMLElement>).filter((el) => {
    const r = el.getBoundingClientRect();
    return el.hasAttribute('data-seq') && r.top >= box.top - 0.5 && r.bottom <= bottom + 0.5;
  });
  const el = first ? els[0] : els[els.length - 1];
  return el ? Number(el.getAttribute('data-seq')) : rows.seqAt(rows.length - 1);
}

/**
 * The pool for one paint, keeping the focused line's element (RowFocusKeys.heldKey) when the
 * line is scrolled out of the drawn rows: never reused for another line nor moved (moving or
 * removing a focused element drops its focus to <body>), so focus stays on it and the next
 * arrow key moves on from it. Out of the drawn rows it is first in the pool, out of the flow,
 * off screen where the line lies (estimated with the base row height beyond the drawn rows);
 * back among them, the other elements are moved around it.
 */
export function keepLine(f: LogFocus, pool: HTMLElement, base: number, ctx: RowContext): ReturnType<KeepLine> {
  const rows = f.view.rows();
  const held = f.rows.heldKey ?? -1;
  let hi = held >= 0 ? rows.indexOf(held) : -1;
  if (hi >= 0 && (hi >= rows.length || rows.seqAt(hi) !== held)) hi = -1;
  const kept = hi >= 0 ? f.drawn(held) : null;
  const out = pool.children as HTMLCollectionOf<HTMLElement>;
  return {
    size(first, last) {
      const n = Math.max(0, last - first);
      let els: HTMLElement[];
      if (!kept) els = sizePool(pool, n);
      else {
        const at = hi - first;
        const inside = at >= 0 && at < n;
        const others = Array.from(out).filter((e) => e !== kept);
        while (others.length > n - +inside) others.pop()!.remove();
        while (others.length < n - +inside) others.push(sizePool(pool, out.length + 1).pop()!);
        const order = inside ? [...others.slice(0, at), kept, ...others.slice(at)] : [kept, ...others];
        if (order.some((e, i) => out[i] !== e)) {
          // Only the others move: those before the kept one go before it in order, the rest after it.
          const k = order.indexOf(kept);
          for (let i = 0; i < k; i++) pool.insertBefore(order[i], kept);
          for (let i = k + 1; i < order.length; i++) pool.appendChild(order[i]);
        }
        els = inside ? order : others;
      }
      // An element kept before is in the flow again.
      for (const e of els) if (e.style.position) e.style.cssText = '';
      return els;
    },
    place(first, last, drawn) {
      if (!kept || (hi >= first && hi < last)) return;
      drawRow(kept, held, rows.countAt(hi), hi, ctx);
      const below = typeof drawn === 'number' ? drawn * base : drawn.reduce((a, b) => a + b, 0);
      kept.style.cssText = `position:absolute;left:0;right:0;top:${hi < first ? (hi - first) * base : below + (hi - last) * base}px`;
    },
  };
}
