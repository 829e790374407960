// The ANSI split (src/elements/shared/ansi.ts, in every first load, and ansi-colour.ts, a lazy
// part): a line painted before its colours arrive shows stripAnsi's text, and must be exactly the
// text the coloured tokens show once they have arrived (no jump, no escape byte, no lost character).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasAnsi, stripAnsi } from '../../src/elements/shared/ansi.js';
import { parseAnsi } from '../../src/elements/shared/ansi-colour.js';
import { HOSTILE_STRINGS } from '../fixtures/hostile.js';

const joined = (text: string) => parseAnsi(text).map((t) => t.text).join('');

test('stripAnsi is the text of the coloured tokens, for colours, OSC 8 links, broken and truncated sequences', () => {
  const lines = [
    'status \u001b[31mred\u001b[0m and \u001b[1;32mbold green\u001b[0m done',
    '\u001b]8;;javascript:alert(1)\u001b\\click me\u001b]8;;\u001b\\',
    '\u001b[38;5;196mred256\u001b[48;2;1;2;3mtrue\u001b[m',
    'cut at the end \u001b[',
    'cut at the end \u001b',
    'bad csi \u001b[12\u0007 tail',
    '\u001b]0;title\u0007after a BEL-ended OSC',
    'cursor \u001b[2K\u001b[1G moves \u001bc reset',
    'tab\tkept, bell\u0007 and NUL\u0000 dropped',
    'plain',
    '',
    ...HOSTILE_STRINGS,
  ];
  for (const line of lines) {
    assert.equal(stripAnsi(line), joined(line), JSON.stringify(line));
    assert.ok(!stripAnsi(line).includes('\u001b'), JSON.stringify(line));
  }
});

test('stripAnsi matches the tokens on random mixes of text, escapes and controls', () => {
  const parts = ['a', 'b c', '\u001b', '[', ']', '\\', '31', ';', 'm', '8', '\u0007', '\u0000', '\t', '\n', 'é', '😀', 'K', '?', ':'];
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let i = 0; i < 5000; i++) {
    let line = '';
    for (let k = rand(24); k > 0; k--) line += parts[rand(parts.length)];
    assert.equal(stripAnsi(line), joined(line), JSON.stringify(line));
    assert.equal(hasAnsi(line), line.includes('\u001b'));
  }
});
