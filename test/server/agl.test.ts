import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../demo/server/index.js';
import { sandbox, start, type Sandbox } from './helpers.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OPENAPI, OPENAPI_PATH, responseSchema, validate } from './openapi.js';

let server: RunningServer;
let sb: Sandbox;
before(async () => {
  server = await start();
  // Enough simulated time for retries, cancellations and several resource versions.
  sb = await sandbox(server, { rates: { rollouts: 1, resourcesEverySec: 30 } });
  await sb.step(180_000);
});
after(() => server.close());

/** GET (or POST) a documented route and check status and body against the OpenAPI document. */
async function call(route: string, url: string, status = 200, init?: RequestInit): Promise<any> {
  const method = (init?.method ?? 'GET').toLowerCase();
  const res = await fetch(sb.base + url, init);
  assert.equal(res.status, status, `${url}: ${res.status}`);
  assert.match(res.headers.get('content-type')!, /^application\/json/);
  const body = await res.json();
  if (status === 200 || status === 422) {
    const errors = validate(responseSchema(route, method, status), body);
    assert.deepEqual(errors, [], `${url}: ${errors.slice(0, 3).join('; ')}`);
  }
  return body;
}

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('Agent-lightning store API /v1/agl', () => {
  it('health', async () => {
    assert.deepEqual(await call('/v1/agl/health', '/v1/agl/health'), { status: 'ok' });
  });

  it('lists rollouts in an envelope whose total counts every match', async () => {
    const all = await call('/v1/agl/rollouts', '/v1/agl/rollouts?limit=-1');
    assert.ok(all.total > 100);
    assert.equal(all.items.length, all.total);
    assert.deepEqual([all.limit, all.offset], [-1, 0]);
    const page = await call('/v1/agl/rollouts', '/v1/agl/rollouts?limit=10&offset=5');
    assert.deepEqual([page.items.length, page.limit, page.offset, page.total], [10, 10, 5, all.total]);
    assert.deepEqual(page.items, all.items.slice(5, 15));
    const statuses = new Set(all.items.map((r: any) => r.status));
    for (const s of ['succeeded', 'failed', 'cancelled', 'running']) assert.ok(statuses.has(s), s);
  });

  it('a rollout never attempted has no attempt key at all; retried ones have the next sequence_id', async () => {
    const all = await call('/v1/agl/rollouts', '/v1/agl/rollouts');
    const never = all.items.filter((r: any) => !('attempt' in r));
    assert.ok(never.length > 0);
    assert.ok(never.every((r: any) => r.status === 'queuing' || r.status === 'cancelled'));
    const retried = all.items.find((r: any) => r.attempt?.sequence_id > 1);
    assert.ok(retried, 'some rollout was retried');
    const attempts = await call('/v1/agl/rollouts/{rollout_id}/attempts', `/v1/agl/rollouts/${retried.rollout_id}/attempts`);
    assert.deepEqual(attempts.items.map((a: any) => a.sequence_id), attempts.items.map((_: any, i: number) => i + 1));
    assert.ok(['failed', 'timeout', 'unresponsive'].includes(attempts.items[0].status));
    const latest = await call('/v1/agl/rollouts/{rollout_id}/attempts/latest', `/v1/agl/rollouts/${retried.rollout_id}/attempts/latest`);
    assert.deepEqual(latest, retried.attempt);
  });

  it('filters, sorts and validates query parameters', async () => {
    const q = '/v1/agl/rollouts?status_in=failed&status_in=cancelled&sort_by=start_time&sort_order=desc';
    const r = await call('/v1/agl/rollouts', q);
    assert.ok(r.items.length > 0 && r.items.every((x: any) => x.status === 'failed' || x.status === 'cancelled'));
    const times = r.items.map((x: any) => x.start_time);
    assert.deepEqual(times, [...times].sort((a: number, b: number) => b - a));
    const one = r.items[0].rollout_id as string;
    const c = await call('/v1/agl/rollouts', `/v1/agl/rollouts?rollout_id_contains=${one.slice(3, 9)}`);
    assert.ok(c.items.some((x: any) => x.rollout_id === one));
    assert.equal((await call('/v1/agl/rollouts', `/v1/agl/rollouts?rollout_id_contains=${one.slice(3, 9).toUpperCase()}X`)).total, 0);
    const or = await call('/v1/agl/rollouts', `/v1/agl/rollouts?status_in=succeeded&rollout_id_in=${one}&filter_logic=or`);
    assert.ok(or.items.some((x: any) => x.rollout_id === one) && or.items.some((x: any) => x.status === 'succeeded'));
    const search = await call('/v1/agl/rollouts/search', '/v1/agl/rollouts/search', 200, post({ status_in: ['failed'], limit: 3 }));
    assert.ok(search.items.length <= 3 && search.items.every((x: any) => x.status === 'failed'));
  });

  it('400 for an invalid sort_by, limit=0 or a negative offset; 422 for bad types', async () => {
    // Word for word as agentlightning/store/client_server.py (_validate_paginated_request) words
    // them; the allowed fields are the listed model's, in the order of the contract's schema.
    const fields = (schema: string) => Object.keys(OPENAPI.components.schemas[schema]!.properties).join(', ');
    const invalid = (name: string, schema: string) => ({ detail: `Invalid sort_by: ${name}, allowed fields are: ${fields(schema)}` });
    assert.deepEqual(await call('/v1/agl/rollouts', '/v1/agl/rollouts?sort_by=duration', 400), invalid('duration', 'Rollout'));
    assert.equal(
      invalid('duration', 'Rollout').detail,
      'Invalid sort_by: duration, allowed fields are: rollout_id, input, start_time, end_time, mode, resources_id, status, config, metadata',
    );
    assert.deepEqual(await call('/v1/agl/rollouts', '/v1/agl/rollouts?sort_by=attempt', 400), invalid('attempt', 'Rollout'), 'sorted as Rollout, not AttemptedRollout');
    assert.deepEqual(await call('/v1/agl/workers', '/v1/agl/workers?sort_by=heartbeat', 400), invalid('heartbeat', 'Worker'));
    assert.deepEqual(await call('/v1/agl/resources', '/v1/agl/resources?sort_by=name', 400), invalid('name', 'ResourcesUpdate'));
    const someRollout = (await call('/v1/agl/rollouts', '/v1/agl/rollouts?limit=1')).items[0].rollout_id;
    assert.deepEqual(await call('/v1/agl/rollouts/{rollout_id}/attempts', `/v1/agl/rollouts/${someRollout}/attempts?sort_by=duration`, 400), invalid('duration', 'Attempt'));
    assert.deepEqual(await call('/v1/agl/spans', `/v1/agl/spans?rollout_id=${someRollout}&sort_by=duration`, 400), invalid('duration', 'Span-Output'));
    const limit = { detail: 'Limit must be greater than 0 or -1 for no limit' };
    assert.deepEqual(await call('/v1/agl/rollouts', '/v1/agl/rollouts?limit=0', 400), limit);
    assert.deepEqual(await call('/v1/agl/rollouts', '/v1/agl/rollouts?limit=-2', 400), limit);
    assert.deepEqual(await call('/v1/agl/rollouts', '/v1/agl/rollouts?offset=-1', 400), { detail: 'Offset must be greater than or equal to 0' });
    // The store checks sort_by, then limit, then offset.
    assert.deepEqual(await call('/v1/agl/rollouts', '/v1/agl/rollouts?offset=-1&limit=0&sort_by=x', 400), invalid('x', 'Rollout'));
    assert.deepEqual(await call('/v1/agl/rollouts', '/v1/agl/rollouts?offset=-1&limit=0', 400), limit);
    const bad = await call('/v1/agl/rollouts', '/v1/agl/rollouts?limit=ten&sort_order=up&status_in=done', 422);
    assert.deepEqual(bad.detail.map((d: any) => d.loc.join('.')).sort(), ['query.limit', 'query.sort_order', 'query.status_in.0']);
    const missing = await call('/v1/agl/spans', '/v1/agl/spans', 422);
    assert.deepEqual(missing.detail[0].loc, ['query', 'rollout_id']);
    assert.equal(missing.detail[0].type, 'missing');
    await call('/v1/agl/rollouts/search', '/v1/agl/rollouts/search', 422, post({ limit: 'x' }));
  });

  it('sorts as the store does: a null *_time after every time ascending (before them descending), ties in store order', async () => {
    // agentlightning/store/collection/memory.py: a null *_time sorts as +inf; Python's stable
    // sort keeps ties (all the nulls) in insertion order in both directions.
    const all = (await call('/v1/agl/rollouts', '/v1/agl/rollouts')).items as any[];
    const ids = (xs: any[]) => xs.map((x) => x.rollout_id);
    const open = all.filter((r) => r.end_time === null);
    const ended = all.filter((r) => r.end_time !== null);
    assert.ok(open.length > 0 && ended.length > 0, 'the run has rollouts with and without an end_time');
    const byEnd = (dir: 1 | -1) => [...ended].sort((a, b) => dir * (a.end_time - b.end_time));
    const asc = (await call('/v1/agl/rollouts', '/v1/agl/rollouts?sort_by=end_time&sort_order=asc')).items;
    assert.deepEqual(ids(asc), ids([...byEnd(1), ...open]));
    const desc = (await call('/v1/agl/rollouts', '/v1/agl/rollouts?sort_by=end_time&sort_order=desc')).items;
    assert.deepEqual(ids(desc), ids([...open, ...byEnd(-1)]));
    // The same for a worker's null last_busy_time / last_dequeue_time.
    const workers = (await call('/v1/agl/workers', '/v1/agl/workers?sort_by=last_dequeue_time')).items as any[];
    const seen = workers.map((w) => w.last_dequeue_time);
    const firstNull = seen.indexOf(null);
    assert.ok(firstNull === -1 || seen.slice(firstNull).every((t) => t === null), `nulls last: ${JSON.stringify(seen)}`);
    // Another null sorts by its annotation: an Optional[Literal] mode as "" (first ascending).
    const modes = (await call('/v1/agl/rollouts', '/v1/agl/rollouts?sort_by=mode')).items.map((r: any) => r.mode ?? '');
    assert.deepEqual(modes, [...modes].sort());
    assert.ok(modes.includes('') && modes[0] === '');
  });

  it('answers 500 where the store cannot sort (unorderable values, a null it has no default for)', async () => {
    const res = await fetch(`${sb.base}/v1/agl/rollouts?sort_by=input`);
    assert.equal(res.status, 500);
    const body = await res.json();
    assert.equal(body.detail, 'Internal server error');
    assert.equal(body.error_type, 'TypeError');
    assert.match(body.traceback, /TypeError: '<' not supported between instances of 'dict' and 'dict'/);
    const ro = (await call('/v1/agl/rollouts', '/v1/agl/rollouts?status_in=succeeded&limit=1')).items[0];
    const spans = await fetch(`${sb.base}/v1/agl/spans?rollout_id=${ro.rollout_id}&sort_by=parent`);
    assert.equal(spans.status, 500);
    const err = await spans.json();
    assert.equal(err.error_type, 'ValueError');
    assert.match(err.traceback, /Failed to sort items by 'parent': unsupported field type 'typing.Optional\[agentlightning.types.tracer.SpanContext\]'/);
  });

  it('the contract is vendored with its source, licence and checksum', () => {
    const dir = dirname(OPENAPI_PATH);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const sha = createHash('sha256').update(readFileSync(OPENAPI_PATH)).digest('hex');
    assert.ok(readme.includes(sha), `README names the file's sha256 (${sha})`);
    assert.match(readme, /microsoft\/agent-lightning/);
    assert.match(readme, /MIT/);
    assert.match(readFileSync(join(dir, 'LICENSE'), 'utf8'), /^The MIT License/);
  });

  it('200 with null for a missing item on an optional getter', async () => {
    assert.equal(await call('/v1/agl/rollouts/{rollout_id}/attempts/latest', '/v1/agl/rollouts/ro-missing/attempts/latest'), null);
    assert.equal(await call('/v1/agl/resources/{resources_id}', '/v1/agl/resources/rs-missing'), null);
    assert.equal(await call('/v1/agl/workers/{worker_id}', '/v1/agl/workers/nobody'), null);
    // Not in the document's schema for this route, but what the real server answers.
    const res = await fetch(`${sb.base}/v1/agl/rollouts/ro-missing`);
    assert.equal(res.status, 200);
    assert.equal(await res.json(), null);
  });

  it('gets a rollout by a URI-encoded id', async () => {
    const { items } = await call('/v1/agl/rollouts', '/v1/agl/rollouts?limit=1');
    const id = items[0].rollout_id as string;
    const encoded = [...id].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('');
    assert.deepEqual(await call('/v1/agl/rollouts/{rollout_id}', `/v1/agl/rollouts/${encoded}`), items[0]);
  });

  it('serves spans by rollout, by attempt and for the latest attempt, with parent/child structure', async () => {
    const all = await call('/v1/agl/rollouts', '/v1/agl/rollouts?status_in=succeeded&limit=1');
    const ro = all.items[0];
    const spans = await call('/v1/agl/spans', `/v1/agl/spans?rollout_id=${ro.rollout_id}`);
    assert.ok(spans.total >= 2);
    const root = spans.items.find((s: any) => s.parent_id === null);
    assert.ok(root && spans.items.some((s: any) => s.parent_id === root.span_id));
    const latest = await call('/v1/agl/spans', `/v1/agl/spans?rollout_id=${ro.rollout_id}&attempt_id=latest`);
    assert.ok(latest.items.every((s: any) => s.attempt_id === ro.attempt.attempt_id));
    const named = await call('/v1/agl/spans', `/v1/agl/spans?rollout_id=${ro.rollout_id}&name_contains=reward`);
    assert.ok(named.items.every((s: any) => s.name.includes('reward')));
    await call('/v1/agl/spans/search', '/v1/agl/spans/search', 200, post({ rollout_id: ro.rollout_id }));
  });

  it('serves resources (list, latest, by id), workers and statistics', async () => {
    const list = await call('/v1/agl/resources', '/v1/agl/resources?sort_by=version&sort_order=desc');
    assert.ok(list.total >= 5);
    const latest = await call('/v1/agl/resources/latest', '/v1/agl/resources/latest');
    assert.deepEqual(latest, list.items[0]);
    assert.deepEqual(await call('/v1/agl/resources/{resources_id}', `/v1/agl/resources/${latest.resources_id}`), latest);
    const workers = await call('/v1/agl/workers', '/v1/agl/workers');
    assert.ok(workers.total >= 1);
    const w = workers.items[0];
    assert.deepEqual(await call('/v1/agl/workers/{worker_id}', `/v1/agl/workers/${w.worker_id}`), w);
    const busy = await call('/v1/agl/workers', '/v1/agl/workers?status_in=busy&status_in=idle&sort_by=worker_id');
    assert.equal(busy.total, workers.total);
    await call('/v1/agl/workers/search', '/v1/agl/workers/search', 200, post({}));
    await call('/v1/agl/rollouts/{rollout_id}/attempts/search', `/v1/agl/rollouts/${w.worker_id}/attempts/search`, 200, post({}));
    const stats = await call('/v1/agl/statistics', '/v1/agl/statistics');
    assert.equal(stats.total_rollouts, (await call('/v1/agl/rollouts', '/v1/agl/rollouts')).total);
  });

  it('answers FastAPI-style 404/405 and keeps CORS off unless asked', async () => {
    const nf = await fetch(`${sb.base}/v1/agl/nothing`);
    assert.equal(nf.status, 404);
    assert.deepEqual(await nf.json(), { detail: 'Not Found' });
    const res = await fetch(`${server.url}/v1/agl/health`, { headers: { origin: 'http://elsewhere.test' } });
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const live = await fetch(`${server.url}/live/status`);
    assert.equal(live.headers.get('access-control-allow-origin'), '*');
    const corsBox = await sandbox(server, { cors: true });
    const ok = await fetch(`${corsBox.base}/v1/agl/health`);
    assert.equal(ok.headers.get('access-control-allow-origin'), '*');
    const pre = await fetch(`${corsBox.base}/live`, { method: 'OPTIONS' });
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get('access-control-allow-headers')!, /Last-Event-ID/);
  });
});

describe('the seed shape /agl-seed', () => {
  it('returns bare arrays', async () => {
    assert.deepEqual(await sb.json('/agl-seed/health'), { status: 'ok' });
    const rollouts = await sb.json('/agl-seed/rollouts');
    assert.ok(Array.isArray(rollouts) && rollouts.length > 0);
    const envelope = await call('/v1/agl/rollouts', '/v1/agl/rollouts');
    assert.deepEqual(rollouts, envelope.items);
    const withAttempts = rollouts.find((r: any) => r.attempt?.sequence_id > 1);
    const attempts = await sb.json(`/agl-seed/rollouts/${withAttempts.rollout_id}/attempts`);
    assert.ok(Array.isArray(attempts) && attempts.length === withAttempts.attempt.sequence_id);
    assert.ok(rollouts.some((r: any) => !('attempt' in r)));
  });
});

describe('the OpenAPI validator itself', () => {
  it('rejects what the document forbids', () => {
    const schema = responseSchema('/v1/agl/rollouts', 'get', 200);
    const good = { rollout_id: 'ro-1', input: 1, start_time: 1, status: 'queuing' };
    assert.deepEqual(validate(schema, { items: [good], limit: -1, offset: 0, total: 1 }), []);
    assert.notDeepEqual(validate(schema, { items: [good], limit: -1, offset: 0 }), []);
    assert.notDeepEqual(validate(schema, { items: [{ ...good, status: 'done' }], limit: -1, offset: 0, total: 1 }), []);
    assert.notDeepEqual(validate(schema, { items: [{ ...good, start_time: '1' }], limit: -1, offset: 0, total: 1 }), []);
    assert.notDeepEqual(validate(responseSchema('/v1/agl/spans', 'get', 200), { items: [{ rollout_id: 'x' }], limit: 1, offset: 0, total: 1 }), []);
  });
});
