/** Events fired by <storage-overview>. */

export interface StoreToggleDetail {
  id: string;
  expanded: boolean;
}

/** A store's tiers were shown or hidden. Bubbles and crosses shadow roots. */
export class StoreToggleEvent extends CustomEvent<StoreToggleDetail> {
  static readonly type = 'store-toggle';
  constructor(detail: StoreToggleDetail) {
    super(StoreToggleEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'store-toggle': StoreToggleEvent;
  }
}
