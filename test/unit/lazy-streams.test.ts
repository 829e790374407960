// The streaming code (feed engine, built-in decoders and folders, SSE transport) loads with a
// page's first stream, not with every element: bundled as a page loads them (esbuild, code
// splitting), the first load of a REST-only element holds none of it, and a streaming
// element's first load holds the hub but gets the engine in a chunk loaded later.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

const STREAMING = ['src/streams/feed.ts', 'src/streams/feed-source.ts', 'src/streams/decoders/live.ts', 'src/streams/decoders/logs.ts', 'src/streams/transports/sse.ts', 'src/streams/folders.ts'];

/** Source files in the entry chunk and what it imports statically (a page's first load), and in lazy chunks. */
async function firstLoad(entry: string): Promise<{ first: Set<string>; later: Set<string> }> {
  const r = await build({ entryPoints: [entry], bundle: true, splitting: true, format: 'esm', outdir: '/tmp/lazy-streams-out', write: false, metafile: true, logLevel: 'error', tsconfig: 'tsconfig.json' });
  const outs = r.metafile.outputs;
  const entryOut = Object.keys(outs).find((k) => outs[k]!.entryPoint)!;
  const seen = new Set<string>();
  const stack = [entryOut];
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    for (const i of outs[k]!.imports) if (i.kind === 'import-statement' && outs[i.path]) stack.push(i.path);
  }
  const first = new Set<string>();
  const later = new Set<string>();
  for (const [k, o] of Object.entries(outs)) for (const input of Object.keys(o.inputs)) (seen.has(k) ? first : later).add(input);
  return { first, later };
}

for (const tag of ['rollout-table', 'resources-view', 'trace-view', 'live-activity', 'log-console']) {
  test(`<${tag}>'s first load has the hub but not the streaming code (it comes later, on the first stream)`, async () => {
    const { first, later } = await firstLoad(`src/elements/${tag}/${tag}.define.ts`);
    assert.ok(first.has('src/streams/hub.ts'), 'the hub is in the first load');
    assert.deepEqual(STREAMING.filter((f) => first.has(f)), [], 'no streaming code in the first load');
    assert.deepEqual(STREAMING.filter((f) => !later.has(f)), [], 'the streaming code is in a lazy chunk');
  });
}
