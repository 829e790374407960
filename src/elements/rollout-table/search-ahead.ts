/**
 * A search prepared while it is typed (issue 23 item 4): the input event that types a search
 * text computes its view (the matches, in the sort's order, as far as the first page), so that the
 * frame that applies the search (the debounce, or Enter) only renders. Holds one prepared view
 * for one model and one view key (sort, filters, search); anything else and it is not used.
 * Pure (no DOM).
 */
import type { FilteredView } from './filtered-view.js';
import type { Filters, RolloutModel } from './rollout-model.js';

export class SearchAhead {
  private ahead: { model: RolloutModel; key: string; view: FilteredView } | null = null;

  /** Prepare the view of `filters` over `order` (its first `pageSize` rows walked). */
  prepare(model: RolloutModel, order: Uint32Array, filters: Filters, key: string, pageSize: number): void {
    const view = model.view(order, filters);
    view.slice(0, pageSize);
    this.ahead = { model, key, view };
  }

  /** The prepared view if it is for this model and key (null otherwise); either way it is used up. */
  take(model: RolloutModel, key: string): FilteredView | null {
    const a = this.ahead;
    if (a && a.key !== key && a.model === model) return null; // another search still being typed: keep it
    this.ahead = null;
    return a && a.model === model ? a.view : null;
  }
}
