/**
 * The types and constants <live-activity>'s parts share: the feeds, the connection look, the
 * view of the feed (indexed, newest first, with faceted counts) and what was last drawn.
 */
import type { Batch, ConnectionState } from '../../streams/types.js';
import type { ClusterSnapshot, LiveEvent, TaskEvent, TaskFeedStatus } from '../../streams/models.js';
import type { Tone } from '../../styles/tokens.js';
import type { ActiveEntry, ActivityItem, FilterResult } from './activity-store.js';

export const FEEDS = ['live', 'tasks'] as const;
export type Feed = (typeof FEEDS)[number];

export const CONNECTION_LOOK: Record<ConnectionState, { text: string; tone: Tone }> = {
  connecting: { text: 'Connecting…', tone: 'neutral' },
  live: { text: 'Live', tone: 'ok' },
  polling: { text: 'Polling', tone: 'warn' },
  reconnecting: { text: 'Disconnected, reconnecting…', tone: 'error' },
  offline: { text: 'Offline', tone: 'error' },
  error: { text: 'Error', tone: 'error' },
};

/** Rows rendered above and below the visible ones. */
export const OVERSCAN = 2;
export const nf = new Intl.NumberFormat();

/** Height of an "Active now" entry including the gap below it (px; matches the styles). */
export const ACTIVE_ROW = 88;

/** The feed rows as last drawn: a copy of the visible slice of the view. */
export interface RowsShown {
  items: ActivityItem[];
  first: number;
  last: number;
  length: number;
  /** The store's `inserted` when drawn (the anchor's index hint). */
  inserted: number;
  at: number;
  /** Row i is drawn keyed `i + offset`: by position, except that the focused row keeps its key (feed-controller.ts). */
  offset: number;
  /** The focused row and its key. */
  held: { id: string; key: number } | null;
  /** The focused row when it is out of first…last-1: drawn as well, off screen where it lies. */
  kept: { index: number; item: ActivityItem } | null;
}

/** Counts, totals and "Active now" as last drawn. */
export interface SideShown {
  typeCounts: FeedView['typeCounts'];
  statusCounts: FeedView['statusCounts'];
  viewLength: number;
  size: number;
  arrived: number;
  active: ActiveEntry[];
  now: number;
  at: number;
}

/** What the feed shows: indexed access (newest first) without copying, and the faceted counts. */
export interface FeedView extends Pick<FilterResult, 'typeCounts' | 'statusCounts'> {
  length: number;
  at(i: number): ActivityItem | undefined;
  /** As an array (O(n) for the live view; for tests and the public `visibleItems`). */
  items(): ActivityItem[];
}

export const arrayView = (r: FilterResult): FeedView => ({
  length: r.items.length,
  at: (i) => r.items[i],
  items: () => r.items,
  typeCounts: r.typeCounts,
  statusCounts: r.statusCounts,
});

export type AnyBatch = Batch<LiveEvent, ClusterSnapshot> | Batch<TaskEvent, TaskFeedStatus>;
