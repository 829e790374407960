/** The relay's level detection: what real log lines say about themselves. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { detectLevel, detectStderrLevel } from '../../src/cli/relay/levels.js';

it('reads the level a line states (JSON, logfmt, leading word, brackets, glog, syslog), else info', () => {
  const cases: [string, string][] = [
    ['{"level":"warn","msg":"x"}', 'warn'],
    ['{"level":50,"msg":"pino error"}', 'error'],
    ['{"severity":"DEBUG","message":"gcp"}', 'debug'],
    ['{"log":{"level":"error"},"message":"ecs"}', 'error'],
    ['time=2026-12-03T10:00:00Z level=warning msg="disk"', 'warn'],
    ['ts=1 lvl=dbg msg=x', 'debug'],
    ['INFO server started', 'info'],
    ['2026-12-03 10:00:00,123 ERROR [main] boom', 'error'],
    ['[WARN] retrying', 'warn'],
    ['2026/12/03 10:00:00 [error] 12#12: *1 connect() failed', 'error'],
    ['E1203 10:00:00.123456 1234 main.go:42] failed', 'error'],
    ['W1203 10:00:00.123456 1234 main.go:42] slow', 'warn'],
    ['<3>kernel: oops', 'error'],
    ['<14>Dec  3 10:00:00 host app: hello', 'info'],
    ['warning: unused variable', 'warn'],
    ['TRACE enter f()', 'trace'],
    ['just a line mentioning an error somewhere', 'info'],
    ['{"not":"a level"}', 'info'],
  ];
  for (const [line, level] of cases) assert.equal(detectLevel(line), level, line);
  assert.equal(detectStderrLevel('plain stderr'), 'warn');
  assert.equal(detectStderrLevel('INFO logging goes to stderr'), 'info');
  assert.equal(detectStderrLevel('ERROR it broke'), 'error');
});

it('finds a level word as the fourth word, after any white space a regex calls \\s, and not as the fifth', () => {
  // Guards the cheap pre-checks that skip the regexes for most lines (levels.ts mayHaveWord).
  const cases: [string, string][] = [
    ['2026-12-03\u00a010:00:00\u3000host ERROR boom', 'error'],
    ['a\u2003b\ufeffc\tWARNING: x', 'warn'],
    ['a b c [Debug] x', 'debug'],
    ['a  b \t c\u2028[FATAL] x', 'error'],
    ['a b c d ERROR e', 'info'],
    ['POST /api 500 PANIC', 'error'],
    ['POST /api 500 took 3ms PANIC', 'info'],
    ['  \u00a0 CRIT disk', 'error'],
    ['x y=1 level=error', 'error'],
    ['x severity="warn" y', 'warn'],
    ['x mylevel=error', 'info'],
  ];
  for (const [line, level] of cases) assert.equal(detectLevel(line), level, JSON.stringify(line));
});
