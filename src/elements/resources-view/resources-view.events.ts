import type { ResourcesUpdate } from '../../streams/agl.js';

export interface SnapshotSelectDetail {
  snapshot: ResourcesUpdate;
  latest: boolean;
}

/** "View raw JSON" on a resource snapshot. */
export class SnapshotSelectEvent extends CustomEvent<SnapshotSelectDetail> {
  static readonly eventName = 'snapshot-select' as const;
  constructor(detail: SnapshotSelectDetail) {
    super(SnapshotSelectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'snapshot-select': SnapshotSelectEvent;
  }
}
