/** Events fired by <worker-board>. */

export interface WorkerSelectDetail {
  /** The worker's id. */
  id: string;
}

/** A worker was chosen (its id clicked, or Enter on it). Bubbles and crosses shadow roots. */
export class WorkerSelectEvent extends CustomEvent<WorkerSelectDetail> {
  static readonly type = 'worker-select';
  constructor(detail: WorkerSelectDetail) {
    super(WorkerSelectEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'worker-select': WorkerSelectEvent;
  }
}
