/**
 * How the reference server lets browsers cache a built dashboard: a rebuild must never leave a
 * browser with an entry point (bundle/telltale.js, theme.js, index.html) that names chunks the
 * rebuild deleted, while content-hashed files are cached for good.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer, type RunningServer } from '../../demo/server/index.js';

describe('static files: caching across rebuilds', () => {
  let dir: string;
  let server: RunningServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'telltale-static-'));
    mkdirSync(join(dir, 'bundle/chunks'), { recursive: true });
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'bundle/telltale.js'), 'import("./chunks/feed-AAAAAAAA.js");');
    writeFileSync(join(dir, 'bundle/chunks/feed-AAAAAAAA.js'), 'export {};');
    writeFileSync(join(dir, 'assets/index-Bq1_x9Zz.js'), 'export {};');
    server = await createServer({ port: 0, staticDir: dir, seed: 1 });
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an entry point keeps its name across builds, so it is revalidated: no-cache, Last-Modified, 304 while unchanged, the new file once rebuilt', async () => {
    const first = await fetch(`${server.url}/bundle/telltale.js`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'no-cache');
    const lastModified = first.headers.get('last-modified');
    assert.ok(lastModified, 'Last-Modified is sent');
    assert.match(await first.text(), /feed-AAAAAAAA/);

    const again = await fetch(`${server.url}/bundle/telltale.js`, { headers: { 'if-modified-since': lastModified! } });
    assert.equal(again.status, 304);

    // A rebuild: new chunk names, the entry rewritten (a later mtime).
    writeFileSync(join(dir, 'bundle/telltale.js'), 'import("./chunks/feed-BBBBBBBB.js");');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'bundle/telltale.js'), later, later);
    const rebuilt = await fetch(`${server.url}/bundle/telltale.js`, { headers: { 'if-modified-since': lastModified! } });
    assert.equal(rebuilt.status, 200);
    assert.match(await rebuilt.text(), /feed-BBBBBBBB/);
  });

  it('the shell and client-side routes are revalidated too; content-hashed files (the bundle\'s chunks, Vite\'s assets) are cached for good', async () => {
    const expected: [string, string][] = [
      ['/', 'no-cache'],
      ['/rollouts', 'no-cache'],
      ['/bundle/chunks/feed-AAAAAAAA.js', 'public, max-age=31536000, immutable'],
      ['/assets/index-Bq1_x9Zz.js', 'public, max-age=31536000, immutable'],
    ];
    for (const [path, cacheControl] of expected) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('cache-control'), cacheControl, path);
      await res.arrayBuffer();
    }
  });
});
