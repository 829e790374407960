/**
 * The entry of the split everything bundle (scripts/bundle.mjs → dist/bundle/telltale.js, what
 * the portal page loads): registers every tag and exports what a page script talks to — the
 * hub, settings, element classes and events. The streaming engine's parts (runFeed, runSse, the
 * feed decoders and folders, TabCoordinator) are not exported here: the hub loads them in lazy
 * chunks when a page's first stream or shared feed opens, so exporting them would put them in
 * every page's first load. The split build's second entry exports them (src/bundle-engine.ts →
 * dist/bundle/engine.js, sharing this entry's chunks); `telltale/streams` and the one-file
 * dist/telltale.bundle.js (src/all.ts) export them too.
 */
export * from './page-api.js';
import './all-tags.js';
