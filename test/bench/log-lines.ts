/**
 * A 100-character request-log line that varies like real ones (ids, paths, users, times from
 * a fixed-seed generator), so storage that compresses is measured on text that compresses
 * like logs do, not on 'xxxx…'. Shared by the relay bench and its ingest micro-bench.
 */
let seed = 42;
const rnd = (n: number): number => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n);
const WORDS = ['items', 'users', 'orders', 'auth', 'search', 'cart', 'billing', 'health', 'v2', 'export'];

export function logLine(i: number): string {
  const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[rnd(16)]).join('');
  const line = `${['GET', 'POST', 'PUT'][rnd(3)]} /api/${WORDS[rnd(10)]}/${rnd(100000)} ${[200, 200, 201, 404, 500][rnd(5)]} ${rnd(900)}ms user=u${rnd(10000)} req=${hex(16)} n=${i} trace=${hex(24)}`;
  return line.padEnd(100, '.').slice(0, 100);
}
