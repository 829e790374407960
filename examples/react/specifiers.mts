// Every specifier README.md and docs/integration/ show, checked under moduleResolution node16
// (tsconfig.node16.json) and imported in Node by examples/run.mjs.
import { RolloutTable, type Rollout } from 'telltale';
import 'telltale/all.js';
import 'telltale/elements/live-activity/live-activity.define.js';
import 'telltale/elements/rollout-table/rollout-table.define.js';
import type { RolloutViewTracesEvent } from 'telltale/elements/rollout-table/rollout-table.events.js';
import type { SpanSelectEvent } from 'telltale/elements/trace-view/trace-view.events.js';
import { createHub } from 'telltale/streams';

export const checks: [typeof RolloutTable, Rollout | null, RolloutViewTracesEvent | null, SpanSelectEvent | null, typeof createHub] = [RolloutTable, null, null, null, createHub];
