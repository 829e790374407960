/**
 * The feed's filters: the type and status choices with their labels and tones (both feeds),
 * and the faceted filter with its counts, by a walk ({@link applyFilter}) or from the store's
 * type × status matrix ({@link countsFromMatrix}). Pure and DOM-free (unit-tested in test/unit).
 */
import type { ActivityStatus, ActivityType } from '../../streams/models.js';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from '../../streams/models.js';
import type { Tone } from '../../styles/tokens.js';
import { haystackOf, type ActivityItem } from './activity-item.js';

/** The filter choices, in the order the seed lists them ('all' first). */
export const TYPE_FILTERS = ['all', ...ACTIVITY_TYPES] as const;
export type TypeFilter = (typeof TYPE_FILTERS)[number];
export const STATUS_FILTERS = ['all', 'success', 'in_progress', 'queued', 'failed', 'canceled'] as const;
/**
 * A row's status: an activity's own, or — for a task feed's progress event (task_start,
 * task_step, actions_generated) — its task's latest known state: in progress while the task is
 * active, then its outcome; `ended` when the task is no longer active but its outcome is not in
 * the feed (or the event names no task). Only the task feed has `ended` rows.
 */
export type ItemStatus = ActivityStatus | 'ended';
export const ITEM_STATUSES: readonly ItemStatus[] = [...ACTIVITY_STATUSES, 'ended'];
export type StatusFilter = (typeof STATUS_FILTERS)[number] | 'ended';
/** Every status a filter may name (the live feed offers {@link STATUS_FILTERS}). */
export const STATUS_FILTER_VALUES: readonly StatusFilter[] = [...STATUS_FILTERS, 'ended'];

export const TYPE_FILTER_LABELS: Record<TypeFilter, string> = {
  all: 'All',
  upload: 'Upload',
  download: 'Download',
  client: 'Clients',
  execution: 'Executions',
  other: 'Others',
};

/**
 * The task feed's facets: its events fall into the same buckets under names that fit them —
 * the task lifecycle (task_start, task_step, actions_generated, task_complete and a task's
 * errors) in `execution`, validator connections in `client`, cache hits in `download` (a read
 * of stored results), anything else in `other`. Uploads mean nothing there, nor do queued or
 * canceled tasks: those options are not offered.
 */
export const TASK_TYPE_FILTERS = ['all', 'execution', 'client', 'download', 'other'] as const satisfies readonly TypeFilter[];
export const TASK_TYPE_FILTER_LABELS: Partial<Record<TypeFilter, string>> = {
  all: 'All',
  execution: 'Tasks',
  client: 'Validators',
  download: 'Cache hits',
  other: 'Other',
};
/** `ended` is offered only while some row has it (see {@link ItemStatus}). */
export const TASK_STATUS_FILTERS = ['all', 'success', 'in_progress', 'failed', 'ended'] as const satisfies readonly StatusFilter[];

export const STATUS_LABELS: Record<StatusFilter, string> = {
  all: 'All',
  success: 'Success',
  in_progress: 'In Progress',
  queued: 'Queued',
  failed: 'Failed',
  canceled: 'Canceled',
  ended: 'Ended',
};

export const STATUS_TONES: Record<ItemStatus, Tone> = {
  success: 'ok',
  in_progress: 'info',
  queued: 'warn',
  failed: 'error',
  canceled: 'neutral',
  ended: 'neutral',
};
export interface Filter {
  type: TypeFilter;
  status: StatusFilter;
  /** Lower-cased, trimmed. */
  search: string;
  /** Only this client (or validator); '' = any. */
  client: string;
}

export interface FilterResult {
  items: ActivityItem[];
  typeCounts: Record<TypeFilter, number>;
  statusCounts: Record<StatusFilter, number>;
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Filter the (newest-first) list and count each option faceted: a type's count respects the
 * status filter and the search, a status's count respects the type filter and the search —
 * so each number is what the user would see after clicking that option.
 */
export function applyFilter(list: readonly ActivityItem[], f: Filter): FilterResult {
  const typeCounts = zero(TYPE_FILTERS);
  const statusCounts = zero(STATUS_FILTER_VALUES);
  const items: ActivityItem[] = [];
  const terms = f.search ? f.search.split(/\s+/).filter(Boolean) : [];
  for (const it of list) {
    if (f.client && it.client !== f.client) continue;
    if (terms.length) {
      // Built lazily: under a burst nobody searches, and most items never need it.
      const hay = (it.haystack ??= haystackOf(it.searchParts));
      if (!terms.every((t) => hay.includes(t))) continue;
    }
    const typeOk = f.type === 'all' || it.type === f.type;
    const statusOk = f.status === 'all' || it.status === f.status;
    if (statusOk) {
      typeCounts.all++;
      typeCounts[it.type]++;
    }
    if (typeOk) {
      statusCounts.all++;
      statusCounts[it.status]++;
    }
    if (typeOk && statusOk) items.push(it);
  }
  return { items, typeCounts, statusCounts };
}

/** Counts of items by type × status, maintained as items come, change and go. */
export type CountMatrix = Record<ActivityType, Record<ItemStatus, number>>;
export const emptyMatrix = (): CountMatrix =>
  Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0]))])) as CountMatrix;

/**
 * The faceted counts of {@link applyFilter} without a search or client filter, read from the
 * type × status matrix: O(types × statuses), whatever the number of items.
 */
export function countsFromMatrix(m: CountMatrix, type: TypeFilter, status: StatusFilter): Pick<FilterResult, 'typeCounts' | 'statusCounts'> {
  const typeCounts = zero(TYPE_FILTERS);
  const statusCounts = zero(STATUS_FILTER_VALUES);
  for (const t of ACTIVITY_TYPES) {
    for (const s of ITEM_STATUSES) {
      const n = m[t][s];
      if (!n) continue;
      if (status === 'all' || status === s) {
        typeCounts.all += n;
        typeCounts[t] += n;
      }
      if (type === 'all' || type === t) {
        statusCounts.all += n;
        statusCounts[s] += n;
      }
    }
  }
  return { typeCounts, statusCounts };
}
