/**
 * The rollout table's keyboard as the element sees it, light at first paint: the grid
 * (rollout-table.keyboard.ts, with the shared RowFocusController) loads after the first paint
 * (shared/lazy-part.ts) and this stands in for it until then: the first drawn row is the table's one
 * Tab stop, and every call is passed on once the grid is there.
 */
import type { ReactiveControllerHost, ReactiveElement } from 'lit';
import type { DisplayRow } from './display-rows.js';
import { LazyPart } from '../shared/lazy-part.js';
import type { GridOptions, RolloutGrid } from './rollout-table.keyboard.js';

type Part = { index: number } | { gap: number };

export class LazyGrid {
  private grid: RolloutGrid | null = null;
  private readonly part: LazyPart<typeof import('./rollout-table.keyboard.js')>;
  /** Before the grid is there: the first drawn row's key (the Tab stop). */
  private stand: string | null = null;

  constructor(
    host: ReactiveControllerHost & ReactiveElement,
    private readonly opts: GridOptions,
  ) {
    this.part = new LazyPart(host, 'rollout-table.keyboard', () =>
      import('./rollout-table.keyboard.js').then((m) => {
        this.grid = new m.RolloutGrid(host, opts);
        return m;
      }),
    );
  }

  /** Resolves when the grid is there (the element's updateComplete waits for it: key presses after it are the grid's). */
  whenLoaded(): Promise<unknown> | null {
    return this.grid || typeof window === 'undefined' ? null : this.part.get();
  }

  /** See RolloutGrid.sync: the row the window keeps drawn (-1: none). */
  sync(): number {
    return this.grid ? this.grid.sync() : -1;
  }

  drawn(parts: readonly Part[]): void {
    if (this.grid) return this.grid.drawn(parts);
    const first = parts.find((p): p is { index: number } => 'index' in p);
    const row: DisplayRow | undefined = first ? this.opts.rows()[first.index] : undefined;
    this.stand = row ? (row.kind === 'rollout' ? row.rollout.rollout_id : row.key) : null;
  }

  updated(): void {
    this.grid?.updated();
  }

  tabIndexFor(key: string): 0 | -1 {
    if (this.grid) return this.grid.tabIndexFor(key);
    return key === this.stand ? 0 : -1;
  }

  keepPagerFocus(button: HTMLButtonElement | null): void {
    void this.part.get().then(() => this.grid?.keepPagerFocus(button));
  }

  readonly onKeydown = (ev: KeyboardEvent): void => this.grid?.onKeydown(ev);
  readonly onFocusIn = (ev: FocusEvent): void => this.grid?.onFocusIn(ev);
}
