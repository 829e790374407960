// scripts/bundle.mjs bundles rxjs's own TypeScript source for the rxjs files whose ES2015 build
// lowers async functions to tslib's helpers (rxjsNativeAsync): the shipped files carry no tslib,
// and what those files do still works as rxjs says — `from` over an async iterable and over a
// ReadableStream emits every value, completes, stops reading when unsubscribed and releases the
// stream's reader. Runs the shipped (esbuild + terser) code, in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ReadableStreamLike } from 'rxjs';
import { bundleOutputs } from '../../scripts/bundle.mjs';

async function shippedRxjs(): Promise<{ code: string; rx: typeof import('rxjs') }> {
  const out = await bundleOutputs({ stdin: { contents: "export { from, take, firstValueFrom, lastValueFrom, toArray } from 'rxjs';", resolveDir: process.cwd(), loader: 'ts' } });
  const code = out.files[0]!.contents.toString();
  const dir = mkdtempSync(join(tmpdir(), 'bundle-rxjs-'));
  try {
    writeFileSync(join(dir, 'rx.mjs'), code);
    return { code, rx: await import(pathToFileURL(join(dir, 'rx.mjs')).href) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { code, rx } = await shippedRxjs();

test('the shipped rxjs has no tslib async helpers: native async functions instead', () => {
  // tslib's __asyncGenerator throws this when Symbol.asyncIterator is missing; __awaiter adopts values with `new P(`.
  assert.doesNotMatch(code, /Symbol\.asyncIterator is not defined/);
  assert.match(code, /for\s*await\s*\(/);
  assert.match(code, /async\s*function\s*\*/);
});

test('from(async iterable) emits every value in order and completes; unsubscribing stops the iteration', async () => {
  async function* count(n: number, finished: { done: boolean }) {
    try {
      for (let i = 1; i <= n; i++) yield i;
    } finally {
      finished.done = true;
    }
  }
  const all = { done: false };
  assert.deepEqual(await rx.lastValueFrom(rx.from(count(5, all)).pipe(rx.toArray())), [1, 2, 3, 4, 5]);
  assert.ok(all.done);
  const cut = { done: false };
  assert.deepEqual(await rx.lastValueFrom(rx.from(count(1000, cut)).pipe(rx.take(2), rx.toArray())), [1, 2]);
  // The for-await loop sees the closed subscriber after its next value and returns the iterator.
  for (let i = 0; i < 50 && !cut.done; i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cut.done, 'the iterator was returned (its finally ran)');
});

test('from(ReadableStream) emits its chunks, completes, and releases the reader', async () => {
  const stream = new ReadableStream<string>({
    start(c) {
      c.enqueue('a');
      c.enqueue('b');
      c.close();
    },
  });
  assert.deepEqual(await rx.lastValueFrom(rx.from(stream as unknown as ReadableStreamLike<string>).pipe(rx.toArray())), ['a', 'b']);
  assert.equal(stream.locked, false, 'the reader was released');
  await assert.rejects(rx.firstValueFrom(rx.from(new ReadableStream({ start: (c) => c.error(new Error('boom')) }) as unknown as ReadableStreamLike<never>)), /boom/);
});
