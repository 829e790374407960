// The rollout table's pure parts in Node (no DOM): the page's display rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeLatestAttempts, pageRows, rowsCount, type AttemptsState } from '../../src/elements/rollout-table/display-rows.js';
import { attempt, rollout } from './rollout-rows.js';

test('pageRows: rollouts keyed by position; an expanded one gets its attempts, loading, error or skipped row', () => {
  const a = rollout('a', 'running', { attempt: attempt('a', 3) });
  const b = rollout('b', 'failed', { attempt: attempt('b', 2) });
  const c = rollout('c', 'failed', { attempt: attempt('c', 1) }); // one attempt: not expandable
  const all = [a, b, c];
  const expanded = new Set(['a', 'b', 'c']);
  const states = new Map<string, AttemptsState>([
    ['a', { state: 'ready', attempts: [attempt('a', 1), attempt('a', 2)], skipped: [{ index: 2, id: 'x', reason: 'bad', raw: {} }] }],
    ['b', { state: 'error', reason: 'HTTP 500' }],
  ]);
  const rows = pageRows(all, [2, 0, 1], expanded, states);
  assert.deepEqual(
    rows.map((r) => `${r.kind}:${r.key}`),
    ['rollout:#0', 'rollout:#1', 'attempt:a\u0000a-a1', 'attempt:a\u0000a-a2', 'skipped:a\u0000skipped', 'rollout:#2', 'error:b\u0000error'],
  );
  const loading = pageRows(all, [1], expanded, new Map());
  assert.deepEqual(loading.map((r) => r.kind), ['rollout', 'loading']);
  assert.deepEqual(pageRows(all, [0, 1], new Set(), states).length, 2, 'collapsed: no nested rows');
});

test('mergeLatestAttempts: a refresh replaces or appends the latest attempt, in sequence order; unchanged gives null', () => {
  const a1 = attempt('a', 1);
  const a2 = attempt('a', 2, { status: 'running', end_time: null });
  const states = new Map<string, AttemptsState>([
    ['a', { state: 'ready', attempts: [a1, a2] }],
    ['z', { state: 'loading', reason: null }],
  ]);
  assert.equal(mergeLatestAttempts(states, [rollout('a', 'running', { attempt: a2 })]), null);
  const a2done = attempt('a', 2, { status: 'failed' });
  const next = mergeLatestAttempts(states, [rollout('a', 'failed', { attempt: a2done })])!;
  assert.deepEqual((next.get('a') as { attempts: unknown[] }).attempts, [a1, a2done]);
  const a3 = attempt('a', 3);
  const appended = mergeLatestAttempts(states, [rollout('a', 'running', { attempt: a3 })])!;
  assert.deepEqual((appended.get('a') as { attempts: { sequence_id: number }[] }).attempts.map((x) => x.sequence_id), [1, 2, 3]);
  assert.equal(appended.get('z'), states.get('z'));
});

test('rowsCount: only rows whose cells change with the clock count', () => {
  const done = rollout('d', 'succeeded', { attempt: attempt('d', 1, { last_heartbeat_time: null }) });
  const beating = rollout('h', 'succeeded', { attempt: attempt('h', 1) });
  const running = rollout('r', 'running', { end_time: null });
  assert.equal(rowsCount(pageRows([done], [0], new Set(), new Map())), false);
  assert.equal(rowsCount(pageRows([beating], [0], new Set(), new Map())), true);
  assert.equal(rowsCount(pageRows([running], [0], new Set(), new Map())), true);
});
