// The documented specifiers, imported in Node (examples/run.mjs runs this after installing the
// tarball): each resolves through the package's exports map, and the elements construct.
import { RolloutTable } from 'telltale';
import 'telltale/all.js';
import 'telltale/elements/live-activity/live-activity.define.js';
import 'telltale/elements/rollout-table/rollout-table.define.js';
import 'telltale/elements/rollout-table/rollout-table.events.js';
import 'telltale/elements/trace-view/trace-view.events.js';
import { createHub } from 'telltale/streams';

if (typeof createHub !== 'function') throw new Error('telltale/streams has no createHub');
// Lit's Node build brings a minimal DOM shim (customElements, no global HTMLElement).
const made = [new RolloutTable(), new (customElements.get('live-activity'))()];
if (made.some((el) => typeof el.requestUpdate !== 'function')) throw new Error('elements do not construct in Node');
console.log('node: every documented specifier imports, elements construct');
