import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { RolloutViewTracesEvent, SpanSelectEvent } from 'telltale';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <header>
      <connection-status show-server></connection-status>
      <!-- #table is the element itself (a RolloutTable): its methods are typed -->
      <button type="button" (click)="table.refresh()">Refresh</button>
    </header>

    <!-- properties: [baseUrl], [pageSize]; event: (rollout-view-traces), $event typed -->
    <rollout-table #table [baseUrl]="backend" [pageSize]="25" (rollout-view-traces)="onTraces($event)"></rollout-table>

    @if (trace(); as t) {
      <p id="picked">Traces of {{ t.rollout }}</p>
      <trace-view [baseUrl]="backend" [rolloutId]="t.rollout" [attemptId]="t.attempt" (span-select)="onSpan($event)"></trace-view>
    }
    @if (span(); as s) {
      <p>Selected span {{ s }}</p>
    }

    <log-console [baseUrl]="backend" streams="scheduler,worker-01" label="Build logs" style="height: 320px"></log-console>
  `,
})
export class TrainingComponent {
  backend = ''; // '' = the page's origin
  trace = signal<{ rollout: string; attempt: string | null } | null>(null);
  span = signal<string | null>(null);

  // $event is the element's own event class (strictTemplates types DOM events by name).
  onTraces(e: RolloutViewTracesEvent) {
    this.trace.set({ rollout: e.detail.rollout.rollout_id, attempt: e.detail.attempt?.attempt_id ?? null });
  }

  onSpan(e: SpanSelectEvent) {
    this.span.set(e.detail.span.span_id);
  }
}
