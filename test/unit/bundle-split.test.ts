// The split everything bundle (src/bundle.ts, built by scripts/bundle.mjs into dist/bundle/, what
// the portal page loads): a page that uses every element first loads the entry chunk and what it
// imports statically; the parts the hub and elements import dynamically (the streaming engine,
// the cross-tab coordinator, the full reasons of failed requests, rollout-table's rare parts and keyboard grid, live-activity's
// details panel, the notice of items that could not be read, trace-view's span table, the error
// panel, the ANSI colours) stay in chunks fetched
// when used. It is built with the split build's engine entry (src/bundle-engine.ts → engine.js,
// scripts/bundle.mjs's SPLIT_ENTRIES), with which it shares chunks: the two entries' exports
// together are the whole API's (src/all.ts), and the engine entry puts none of the streaming
// engine (decoders, folders, feed, SSE, coordinator) in the elements' first load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstLoad } from './first-load.js';
import { SPLIT_ENTRIES } from '../../scripts/bundle.mjs';

const ENTRIES = Object.values(SPLIT_ENTRIES);
/** `entry` as the split build ships it: built with the build's other entries. */
const split = (entry: string) => firstLoad(entry, '/tmp/bundle-split-out', ENTRIES.filter((e) => e !== entry));

const LAZY = [
  'src/streams/tabs/coordinator.ts',
  'src/streams/feed.ts',
  'src/streams/feed-source.ts',
  'src/streams/folders.ts',
  'src/streams/decoders/live.ts',
  'src/streams/decoders/logs.ts',
  'src/streams/decoders/tasks.ts',
  'src/streams/transports/sse.ts',
  'src/streams/failures.ts',
  'src/elements/rollout-table/rollout-table.keyboard.ts',
  'src/elements/shared/row-focus.keys.ts',
  'src/elements/log-console/log-focus.keys.ts',
  'src/elements/live-activity/list-focus.keys.ts',
  'src/elements/rollout-table/rollout-table.rare.ts',
  'src/elements/rollout-table/string-order.ts',
  'src/elements/rollout-table/attempts-controller.ts',
  'src/elements/live-activity/live-activity.details.ts',
  'src/elements/live-activity/live-activity.details.styles.ts',
  'src/elements/live-activity/output-loader.ts',
  'src/elements/shared/skipped-notice.ts',
  'src/elements/trace-view/trace-view.table.ts',
  'src/elements/worker-board/worker-board.table.ts',
  'src/elements/shared/error-state.ts',
  'src/elements/shared/ansi-colour.ts',
  'src/elements/log-console/log-colour.ts',
];

test('the split everything bundle registers every element but loads the lazy parts later', async () => {
  const { first, later } = await split('src/bundle.ts');
  for (const tag of ['live-activity', 'log-console', 'rollout-table', 'worker-board', 'trace-view', 'json-view', 'settings-panel']) {
    assert.ok(first.has(`src/elements/${tag}/${tag}.define.ts`), `<${tag}> registered in the first load`);
  }
  assert.deepEqual(LAZY.filter((f) => first.has(f)), [], 'no lazy part in the first load');
  assert.deepEqual(LAZY.filter((f) => !later.has(f)), [], 'every lazy part in a chunk loaded later');
});

test('the split build\'s two entries export the whole API between them: the elements\' entry the page API, the engine entry the rest', async () => {
  const [whole, page, engine] = await Promise.all([split('src/all.ts'), split(SPLIT_ENTRIES.telltale), split(SPLIT_ENTRIES.engine)]);
  assert.equal(SPLIT_ENTRIES.telltale, 'src/bundle.ts');
  assert.deepEqual([...page.exports, ...engine.exports].filter((e) => !whole.exports.includes(e)), [], 'nothing the whole API lacks');
  assert.deepEqual(whole.exports.filter((e) => !page.exports.includes(e) && !engine.exports.includes(e)).sort(), [], 'nothing of the whole API left out');
  assert.deepEqual(page.exports.filter((e) => engine.exports.includes(e)), [], 'no name in both (each name has one place to come from)');
  for (const name of ['createHub', 'getDefaultHub', 'bearerFetch', 'LiveActivity', 'decodeRolloutPage', 'DecodeError']) assert.ok(page.exports.includes(name), `telltale.js exports ${name}`);
  for (const name of ['TabCoordinator', 'runFeed', 'runSse', 'liveDecoder', 'logDecoder', 'taskDecoder', 'LiveFolder', 'LogFolder', 'TaskFolder', 'REWIND', 'foldTaskEvent']) {
    assert.ok(engine.exports.includes(name), `engine.js exports ${name}`);
  }
});
