import type { Span } from '../../streams/agl.js';

export interface SpanSelectDetail {
  span: Span;
  rolloutId: string | null;
  attemptId: string | null;
}

/** A span was chosen (click or Enter on its row): show its details. */
export class SpanSelectEvent extends CustomEvent<SpanSelectDetail> {
  static readonly eventName = 'span-select' as const;
  constructor(detail: SpanSelectDetail) {
    super(SpanSelectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

export interface TraceChangeDetail {
  rolloutId: string | null;
  attemptId: string | null;
}

/** The user chose another rollout or attempt (a host mirrors it in its URL). */
export class TraceChangeEvent extends CustomEvent<TraceChangeDetail> {
  static readonly eventName = 'trace-change' as const;
  constructor(detail: TraceChangeDetail) {
    super(TraceChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'span-select': SpanSelectEvent;
    'trace-change': TraceChangeEvent;
  }
}
