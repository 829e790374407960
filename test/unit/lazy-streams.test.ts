// The streaming code (feed engine, built-in decoders and folders, SSE transport) loads with a
// page's first stream, not with every element: bundled as a page loads them (esbuild, code
// splitting), the first load of a REST-only element holds none of it, and a streaming
// element's first load holds the hub but gets the engine in a chunk loaded later.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstLoad } from './first-load.js';

const STREAMING = ['src/streams/feed.ts', 'src/streams/feed-source.ts', 'src/streams/decoders/live.ts', 'src/streams/decoders/logs.ts', 'src/streams/transports/sse.ts', 'src/streams/folders.ts'];

const load = (entry: string) => firstLoad(entry, '/tmp/lazy-streams-out');

for (const tag of ['rollout-table', 'resources-view', 'trace-view', 'live-activity', 'log-console']) {
  test(`<${tag}>'s first load has the hub but not the streaming code (it comes later, on the first stream)`, async () => {
    const { first, later } = await load(`src/elements/${tag}/${tag}.define.ts`);
    assert.ok(first.has('src/streams/hub.ts'), 'the hub is in the first load');
    assert.deepEqual(STREAMING.filter((f) => first.has(f)), [], 'no streaming code in the first load');
    assert.deepEqual(STREAMING.filter((f) => !later.has(f)), [], 'the streaming code is in a lazy chunk');
  });
}
