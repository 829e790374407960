/** Registers every Telltale element. */
export * from './index.js';
import './elements/worker-board/worker-board.define.js';
import './elements/storage-overview/storage-overview.define.js';
import './elements/client-list/client-list.define.js';
import './elements/log-console/log-console.define.js';
