/** Events fired by <client-list>. */

export interface ClientSelectDetail {
  /** The selected client's id; null when the selection was cleared. */
  id: string | null;
}

/**
 * A client was selected (click or Enter) or the selection cleared. A shell can pass the id
 * to `<live-activity client="…">` to show only that client's activity.
 */
export class ClientSelectEvent extends CustomEvent<ClientSelectDetail> {
  static readonly type = 'client-select';
  constructor(detail: ClientSelectDetail) {
    super(ClientSelectEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'client-select': ClientSelectEvent;
  }
}
