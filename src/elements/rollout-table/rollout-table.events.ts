import type { Attempt, Rollout } from '../../streams/agl.js';

export interface RolloutActionDetail {
  /** The rollout exactly as received on the wire (snake_case). */
  rollout: Rollout;
  /** The attempt of the row (the latest one on a rollout row; null when never attempted). */
  attempt: Attempt | null;
}

/**
 * "View raw JSON" was chosen. Cancelable: when no listener calls `preventDefault()`, the
 * table shows the JSON in its own dialog.
 */
export class RolloutViewJsonEvent extends Event {
  static readonly eventName = 'rollout-view-json';
  constructor(readonly detail: RolloutActionDetail) {
    super(RolloutViewJsonEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** "View traces" was chosen; a shell navigates to the traces of this rollout and attempt. */
export class RolloutViewTracesEvent extends Event {
  static readonly eventName = 'rollout-view-traces';
  constructor(readonly detail: RolloutActionDetail) {
    super(RolloutViewTracesEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A rollout row was expanded or collapsed. */
export class RolloutExpandEvent extends Event {
  static readonly eventName = 'rollout-expand';
  constructor(readonly detail: { rollout: Rollout; expanded: boolean }) {
    super(RolloutExpandEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rollout-view-json': RolloutViewJsonEvent;
    'rollout-view-traces': RolloutViewTracesEvent;
    'rollout-expand': RolloutExpandEvent;
  }
}
