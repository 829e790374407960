import type { Settings } from '../../streams/context.js';

/**
 * A setting changed. Cancelable: a `<telltale-provider local-settings>` cancels it to keep
 * the change inside its subtree; otherwise the page's settings store is updated.
 */
export class SettingsChangeEvent extends Event {
  static readonly eventName = 'settings-change';
  constructor(readonly detail: { settings: Settings; patch: Partial<Settings> }) {
    super(SettingsChangeEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'settings-change': SettingsChangeEvent;
  }
}
