/**
 * The entry of the split everything bundle (scripts/bundle.mjs → dist/bundle/telltale.js, what
 * the portal page loads): registers every tag and exports the whole API, the same names as the
 * one-file dist/telltale.bundle.js (src/all.ts). The streaming engine's parts that the hub loads
 * lazily stay lazy here too (streams/split-engine.ts): runFeed and runSse load the feed stack on
 * first call, TabCoordinator loads the cross-tab coordinator on first attach.
 */
export * from './page-api.js';
export * from './streams/split-engine.js';
import './all-tags.js';
