import type { AggregateStatus } from './aggregate.js';

/** The indicator was activated (click, Enter, Space); a shell opens its settings. */
export class ConnectionStatusClickEvent extends Event {
  static readonly eventName = 'connection-status-click';
  constructor(readonly detail: { status: AggregateStatus }) {
    super(ConnectionStatusClickEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'connection-status-click': ConnectionStatusClickEvent;
  }
}
