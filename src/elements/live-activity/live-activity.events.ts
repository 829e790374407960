/** Events of <live-activity>: bubbling and composed, with typed details. */
import type { ActivityItem, StatusFilter, TypeFilter } from './activity-store.js';

export interface ActivitySelectDetail {
  /** The row as the element shows it, with the original `activity` or `taskEvent`. */
  item: ActivityItem;
}

/** An item was opened (click or Enter): a shell may show it in its own drawer. */
export class ActivitySelectEvent extends CustomEvent<ActivitySelectDetail> {
  static readonly eventName = 'activity-select';
  constructor(detail: ActivitySelectDetail) {
    super(ActivitySelectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

export interface ActivityFilterChangeDetail {
  type: TypeFilter;
  status: StatusFilter;
  search: string;
  client: string;
}

/** The user changed the type or status filter, or the search. */
export class ActivityFilterChangeEvent extends CustomEvent<ActivityFilterChangeDetail> {
  static readonly eventName = 'activity-filter-change';
  constructor(detail: ActivityFilterChangeDetail) {
    super(ActivityFilterChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

export interface ActivityPauseChangeDetail {
  paused: boolean;
  /** Events that arrived while paused (on resume). */
  arrived: number;
  /** Items dropped by the bound while paused (on resume). */
  dropped: number;
}

/** The user paused or resumed the feed. */
export class ActivityPauseChangeEvent extends CustomEvent<ActivityPauseChangeDetail> {
  static readonly eventName = 'activity-pause-change';
  constructor(detail: ActivityPauseChangeDetail) {
    super(ActivityPauseChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'activity-select': ActivitySelectEvent;
    'activity-filter-change': ActivityFilterChangeEvent;
    'activity-pause-change': ActivityPauseChangeEvent;
  }
}
