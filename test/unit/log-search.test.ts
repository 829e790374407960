// <log-console>'s search and filter arithmetic in Node (src/elements/log-console/log-search.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { levelMask, levelsOf, matchLabel, sourceChoices, stepMatchIndex, toggledLevels } from '../../src/elements/log-console/log-search.js';

test('levels ↔ mask: empty is every level, "none" is none, unknown names are ignored', () => {
  assert.equal(levelMask(''), 0b11111);
  assert.equal(levelMask('none'), 0);
  assert.deepEqual(levelsOf(levelMask(' warn , error,bogus')), ['warn', 'error']);
  assert.deepEqual(levelsOf(levelMask('')), ['trace', 'debug', 'info', 'warn', 'error']);
});

test('a level toggle adds and removes; Alt+click shows only it, and all again when it already was', () => {
  assert.equal(toggledLevels('', 'debug', false), 'trace,info,warn,error');
  assert.equal(toggledLevels('trace,info,warn,error', 'debug', false), '', 'all levels again is the empty attribute');
  assert.equal(toggledLevels('error', 'error', false), 'none');
  assert.equal(toggledLevels('', 'warn', true), 'warn');
  assert.equal(toggledLevels('warn', 'warn', true), '');
  assert.equal(toggledLevels('warn,error', 'info', true), 'info');
});

test('stepping through matches starts from what is on screen and wraps around the ends', () => {
  // 1,000 matching rows, rows 400…419 on screen.
  assert.equal(stepMatchIndex(-1, 1, 1000, 400, 20), 400, 'Enter: the first row in view');
  assert.equal(stepMatchIndex(-1, -1, 1000, 400, 20), 419, 'Shift+Enter: the last row in view');
  assert.equal(stepMatchIndex(400, 1, 1000, 400, 20), 401);
  assert.equal(stepMatchIndex(999, 1, 1000, 0, 20), 0, 'past the last match: the first');
  assert.equal(stepMatchIndex(0, -1, 1000, 0, 20), 999, 'before the first: the last');
  assert.equal(stepMatchIndex(-1, -1, 5, 0, 20), 4, 'a view taller than the matches: the last match');
  assert.equal(stepMatchIndex(-1, 1, 0, 0, 20), -1, 'no match: nowhere');
});

test('the match counter', () => {
  assert.equal(matchLabel(0, -1), 'No matches');
  assert.equal(matchLabel(1, -1), '1 match');
  assert.equal(matchLabel(12_345, -1), '12,345 matches');
  assert.equal(matchLabel(12_345, 2), '3 of 12,345');
});

test('source choices: streams read, then sources retained, then the chosen one, each once', () => {
  assert.deepEqual(sourceChoices(['scheduler'], ['scheduler', 'worker-1'], 2, ''), { names: ['scheduler', 'worker-1'], unlisted: 0 });
  assert.deepEqual(sourceChoices([], ['a', 'b'], 150, 'gone'), { names: ['a', 'b', 'gone'], unlisted: 148 });
});
