/**
 * A relay's API paths it does not serve, over real HTTP from the real CLI process: a JSON 404
 * whose `error` names what is missing and which source or flag feeds it (before: the
 * dashboard's HTML page with 200, so a reader of JSON failed with a parse or content-type
 * error); the dashboard's own pages still get the page. And the hub carries that message into
 * the status reason of a REST source and of a stream, which the elements' error panels show.
 *
 *   node --import tsx --test test/server/relay-not-served.test.ts
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { statusFailure } from '../../src/streams/failures.js';
import { createHub } from '../../src/streams/hub.js';
import type { SourceStatus } from '../../src/streams/types.js';
import { freePort, startProgram, type Program } from '../helpers/programs.js';
import { sleep } from './helpers.js';

const bin = fileURLToPath(new URL('../../bin/telltale.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'telltale-relay-not-served-'));
let relay: Program | null = null;
let base = '';

before(async () => {
  writeFileSync(join(dir, 'app.log'), 'a line\n');
  // A dashboard to fall back to, as an installed relay has (its demo-dist/): HTML for any other path.
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'static/index.html'), '<!doctype html><title>dashboard</title>');
  const port = await freePort();
  relay = await startProgram('relay', process.execPath, [bin, 'relay', '--port', String(port), '--static', join(dir, 'static'), `file:app=${join(dir, 'app.log')}`], {
    ready: (out) => /Telltale relay on/.test(out),
    timeoutMs: 20000,
  });
  base = `http://127.0.0.1:${port}`;
});

after(async () => {
  await relay?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function notFound(path: string): Promise<string> {
  const r = await fetch(base + path, { headers: { accept: 'application/json' } });
  const body = await r.text();
  assert.equal(r.status, 404, `${path}: ${body.slice(0, 80)}`);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/, path);
  const error = (JSON.parse(body) as { error?: unknown }).error;
  assert.equal(typeof error, 'string', path);
  return error as string;
}

describe('a relay with only a file source', () => {
  it('answers API paths it does not serve with a JSON 404 naming what is missing and what feeds it', async () => {
    for (const p of ['/v1/agl/rollouts?limit=-1', '/v1/agl/resources/latest', '/v1/agl']) {
      assert.match(await notFound(p), /serves no Agent-lightning store \(\/v1\/agl[^)]*\): start it with --agl URL/, p);
    }
    for (const p of ['/api/dashboard/live', '/api/dashboard/live/status']) {
      assert.match(await notFound(p), /serves no task feed \(\/api\/dashboard\/live[^)]*\): start it with --tasks URL/, p);
    }
    for (const p of ['/api/dashboard', '/api/whatever/else', '/v1/other']) {
      assert.match(await notFound(p), new RegExp(`does not serve ${p.replaceAll('/', '\\/')}: it serves \\/logs .* \\/live .* \\/relay\\/info`), p);
    }
    // Cluster sub-paths: the sources that would fill them.
    assert.match(await notFound('/live/nothing-here'), /no cluster source, only logs .* bep: prom: redis-info: dir: nativelink: sources/);
    assert.match(await notFound('/relay/other'), /\/relay\/info describes it/);
    assert.match(await notFound('/logs/app/extra/parts'), /GET \/logs lists its log streams/);
    // A log it does not have (the portal used to ask for `scheduler`): the ones it has.
    assert.match(await notFound('/logs/scheduler?tail=1000'), /^no log stream scheduler: the streams here are app \(GET \/logs lists them\)$/);
    assert.match(await notFound('/logs/scheduler/lines'), /^no log stream scheduler: the streams here are app/);
    // A program asking a page's path for data: rollout-table's fallback to the seed's route
    // /rollouts (also the dashboard's Rollouts page), or any other.
    assert.match(await notFound('/rollouts'), /serves no Agent-lightning store \(\/rollouts\): start it with --agl URL/);
    assert.match(await notFound('/workers'), /does not serve \/workers: it serves \/logs/);
    // What it serves is unchanged: the dashboard's pages (to a browser), the log list, the live protocol.
    for (const page of ['/', '/workers', '/rollouts', '/log-streams']) {
      const r = await fetch(base + page, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
      assert.equal(r.status, 200, page);
      assert.match(await r.text(), /<title>dashboard<\/title>/, page);
    }
    assert.deepEqual(((await (await fetch(`${base}/logs`)).json()) as { streams: { id: string }[] }).streams.map((s) => s.id), ['app']);
  });

  it("the hub puts the relay's message in the status of a REST source and of a stream (what the error panels show)", async () => {
    const hub = createHub({ frame: { visibility: null } });
    let statuses: SourceStatus[] = [];
    const watch = hub.statuses$.subscribe((l) => (statuses = l));
    const rest = hub.rest(`${base}/v1/agl/rollouts?limit=-1`, { decode: (x) => x }).data$.subscribe();
    const tasks = hub.tasks(base).batches$.subscribe();
    try {
      const reasonOf = (re: RegExp) => statuses.find((s) => re.test(s.key) && s.state === 'error')?.reason ?? null;
      const end = Date.now() + 15000;
      while ((!reasonOf(/v1\/agl/) || !reasonOf(/api\/dashboard/)) && Date.now() < end) await sleep(50);
      const agl = reasonOf(/v1\/agl/);
      const task = reasonOf(/api\/dashboard/);
      assert.match(agl ?? String(JSON.stringify(statuses)), /^HTTP 404 Not Found: .* — the server says: this relay serves no Agent-lightning store .*--agl URL/);
      assert.match(task ?? String(JSON.stringify(statuses)), /^HTTP 404 Not Found: .* — the server says: this relay serves no task feed .*--tasks URL/);
    } finally {
      rest.unsubscribe();
      tasks.unsubscribe();
      watch.unsubscribe();
      hub.dispose();
    }
  });

  it('a JSON error body that only restates the status ("not found") adds nothing: the reason stays as it was', () => {
    assert.equal(statusFailure(404, 'Not Found', 'http://x/y', null, 'not found').reason, 'HTTP 404 Not Found: nothing at http://x/y');
    assert.equal(statusFailure(500, 'Internal Server Error', 'http://x/y', null, 'internal error').reason, 'HTTP 500 Internal Server Error from http://x/y');
    assert.equal(statusFailure(404, 'Not Found', 'http://x/y', null, 'no log stream api').reason, 'HTTP 404 Not Found: nothing at http://x/y — the server says: no log stream api');
  });
});
