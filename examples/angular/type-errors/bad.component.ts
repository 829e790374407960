// Must NOT type-check (examples/run.mjs expects this error): a handler for the wrong event.
// (With CUSTOM_ELEMENTS_SCHEMA Angular does not check property names on custom elements.)
import 'telltale/all.js';
import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import type { SpanSelectEvent } from 'telltale';

@Component({
  selector: 'app-bad',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<rollout-table (rollout-view-traces)="onSpan($event)"></rollout-table>`,
})
export class BadComponent {
  onSpan(e: SpanSelectEvent) {
    return e.detail.span;
  }
}
