/**
 * The rollout table's keyboard as the element sees it, light at first paint: the grid
 * (rollout-table.keyboard.ts, with the shared row keyboard) loads right after the first paint
 * and this stands in for it until then: the first drawn row is the table's one Tab stop, every
 * call is passed on once the grid is there, and a focus or key that comes before it (a fast
 * user right after first paint) is kept and replayed in order when it arrives (shared/lazy-keys.ts,
 * as every other list's row keyboard does; if it cannot load, keys are the browser's).
 */
import type { ReactiveControllerHost, ReactiveElement } from 'lit';
import type { DisplayRow } from './display-rows.js';
import { LazyKeys } from '../shared/lazy-keys.js';
import type { GridOptions, RolloutGrid } from './rollout-table.keyboard.js';

type Part = { index: number } | { gap: number };

export class LazyGrid extends LazyKeys<RolloutGrid> {
  /** Before the grid is there: the first drawn row's key (the Tab stop). */
  private stand: string | null = null;

  constructor(
    host: ReactiveControllerHost & ReactiveElement,
    private readonly opts: GridOptions,
  ) {
    super(host, 'rollout-table.keyboard', () => import('./rollout-table.keyboard.js').then((m) => new m.RolloutGrid(host, opts)), (g) => g.focus.moving);
    // Not only on first use: right after the first paint.
    host.addController({ hostConnected: () => void this.whenLoaded() });
  }

  /** Resolves when the grid is there (the element's updateComplete waits for it: key presses after it are the grid's). */
  whenLoaded(): Promise<unknown> | null {
    return this.value || typeof window === 'undefined' ? null : this.ready();
  }

  /** The grid's keys before the kept events replay (its host has not re-rendered with it yet). */
  protected override loaded(grid: RolloutGrid): void {
    grid.sync();
  }

  /** See RolloutGrid.sync: the row the window keeps drawn (-1: none). */
  sync(): number {
    return this.value ? this.value.sync() : -1;
  }

  drawn(parts: readonly Part[]): void {
    if (this.value) return this.value.drawn(parts);
    const first = parts.find((p): p is { index: number } => 'index' in p);
    const row: DisplayRow | undefined = first ? this.opts.rows()[first.index] : undefined;
    this.stand = row ? (row.kind === 'rollout' ? row.rollout.rollout_id : row.key) : null;
  }

  updated(): void {
    this.value?.updated();
  }

  tabIndexFor(key: string): 0 | -1 {
    if (this.value) return this.value.tabIndexFor(key);
    return key === this.stand ? 0 : -1;
  }

  keepPagerFocus(button: HTMLButtonElement | null): void {
    void this.ready().then(() => this.value?.keepPagerFocus(button));
  }

  readonly onKeydown = this.defer((ev: KeyboardEvent, grid) => grid.onKeydown(ev));
  readonly onFocusIn = this.defer((ev: FocusEvent, grid) => grid.onFocusIn(ev));
}
