/** Registers every Telltale tag (imported by all.ts and bundle.ts, the two everything entries). */
import './elements/worker-board/worker-board.define.js';
import './elements/storage-overview/storage-overview.define.js';
import './elements/client-list/client-list.define.js';
import './elements/log-console/log-console.define.js';
import './elements/rollout-table/rollout-table.define.js';
import './elements/json-view/json-view.define.js';
import './elements/settings-panel/settings-panel.define.js';
import './elements/connection-status/connection-status.define.js';
import './elements/telltale-provider/telltale-provider.define.js';
import './elements/live-activity/live-activity.define.js';
import './elements/trace-view/trace-view.define.js';
import './elements/resources-view/resources-view.define.js';
