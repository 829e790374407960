/** The JSON text was copied to the clipboard. */
export class JsonCopyEvent extends Event {
  static readonly eventName = 'json-copy';
  constructor(readonly detail: { text: string; ok: boolean }) {
    super(JsonCopyEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'json-copy': JsonCopyEvent;
  }
}
