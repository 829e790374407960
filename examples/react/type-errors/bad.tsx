// Must NOT type-check (examples/run.mjs expects exactly these errors): a typo'd property and a
// handler for the wrong event.
import type {} from 'telltale/react';
import type { SpanSelectEvent } from 'telltale';

export const typo = <rollout-table pageSise={25} />;
export const wrongEvent = <rollout-table onrollout-view-traces={(e: SpanSelectEvent) => e.detail.span} />;
