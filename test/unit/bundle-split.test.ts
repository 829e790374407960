// The split everything bundle (src/bundle.ts, built by scripts/bundle.mjs into dist/bundle/, what
// the portal page loads): a page that uses every element first loads the entry chunk and what it
// imports statically; the parts the hub and elements import dynamically (the streaming engine,
// the cross-tab coordinator, rollout-table's rare parts and keyboard grid, live-activity's
// details panel, the notice of items that could not be read, trace-view's span table, the error
// panel, the ANSI colours) stay in chunks fetched
// when used. Its exports are the whole API's (src/all.ts), engine included (streams/split-engine.ts:
// runFeed and runSse load the feed stack on first call, TabCoordinator the coordinator on first
// attach; the synchronous decoders and folders are in the first load).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstLoad } from './first-load.js';

const split = (entry: string) => firstLoad(entry, '/tmp/bundle-split-out');

const LAZY = [
  'src/streams/tabs/coordinator.ts',
  'src/streams/feed.ts',
  'src/streams/feed-source.ts',
  'src/streams/transports/sse.ts',
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

test('the split bundle exports the same names as the one-file bundle, the engine included', async () => {
  const [whole, page] = await Promise.all([split('src/all.ts'), split('src/bundle.ts')]);
  assert.deepEqual(page.exports.filter((e) => !whole.exports.includes(e)), [], 'nothing the whole API lacks');
  assert.deepEqual(whole.exports.filter((e) => !page.exports.includes(e)).sort(), [], 'nothing of the whole API left out');
  for (const name of ['createHub', 'bearerFetch', 'LiveActivity', 'decodeRolloutPage', 'TabCoordinator', 'runFeed', 'runSse', 'liveDecoder', 'LogFolder', 'REWIND']) {
    assert.ok(page.exports.includes(name), `${name} exported`);
  }
});
