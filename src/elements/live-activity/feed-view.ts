/**
 * <live-activity>'s feed view, pure and DOM-free (unit-tested in test/unit): the filtered,
 * newest-first view of the store with its faceted counts ({@link buildFeedView}), and the
 * search for a kept item near where it was ({@link findNear}) that keeps the reading position.
 */
import { ActivityStore, applyFilter, countsFromMatrix, STATUS_FILTER_VALUES, TYPE_FILTERS, type ActivityItem, type Filter, type StatusFilter, type TypeFilter } from './activity-store.js';
import { arrayView, type FeedView } from './live-activity.types.js';

/** The filters as the element's properties give them (unchecked strings, search as typed). */
export interface FeedFilter {
  type: string;
  status: string;
  search: string;
  client: string;
}

/** The filters normalised: unknown choices are 'all', the search trimmed and lower-cased. */
export function normaliseFilter(f: FeedFilter): Filter {
  const type: TypeFilter = (TYPE_FILTERS as readonly string[]).includes(f.type) ? (f.type as TypeFilter) : 'all';
  const status: StatusFilter = (STATUS_FILTER_VALUES as readonly string[]).includes(f.status) ? (f.status as StatusFilter) : 'all';
  return { type, status, search: f.search.trim().toLowerCase(), client: f.client };
}

/**
 * The feed's view. Live and unfiltered, it reads the store's ring directly (O(1) a frame);
 * with a type or status filter it rescans the kept items (O(max-events)); counts come from
 * the store's type × status matrix unless a search or client filter is on. `frozen` (a list
 * kept while paused) replaces the store.
 */
export function buildFeedView(store: ActivityStore, frozen: readonly ActivityItem[] | null, f: Filter): FeedView {
  const { type, status, search, client } = f;
  if (frozen || search || client) return arrayView(applyFilter(frozen ?? store.list(), f));
  if (type === 'all' && status === 'all') {
    const counts = countsFromMatrix(store.counts, type, status);
    return { length: store.length, at: (i) => store.at(i), items: () => store.list(), ...counts };
  }
  const items: ActivityItem[] = [];
  for (let i = 0, n = store.length; i < n; i++) {
    const it = store.at(i)!;
    if ((type === 'all' || it.type === type) && (status === 'all' || it.status === status)) items.push(it);
  }
  return { length: items.length, at: (i) => items[i], items: () => items, ...countsFromMatrix(store.counts, type, status) };
}

/** Index of item `id` in the view, searched outward from `hint` (O(1) when it is there); -1 if gone. */
export function findNear(view: Pick<FeedView, 'length' | 'at'>, id: string, hint: number): number {
  const n = view.length;
  for (let d = 0; d < n; d++) {
    for (const i of d === 0 ? [hint] : [hint + d, hint - d]) {
      if (i >= 0 && i < n && view.at(i)!.id === id) return i;
    }
    if (hint + d >= n && hint - d < 0) break;
  }
  return -1;
}
