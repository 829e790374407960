/**
 * The packed string order: strings sorted by the engine's native numeric sort, several times
 * faster than a comparator sort on 100,000 ids. Loaded after the first paint with rollout-table's
 * rare parts, which install it (column-order.ts's installStringOrder); until then, or if it never
 * loads, the plain comparator sort gives the same order.
 */
import type { ColumnOrder } from './column-order.js';

/**
 * Ascending code-unit order of strings (null last), ties in row order, without a comparator
 * sort over all rows: after the prefix every string shares, the next few characters are
 * mapped to a dense alphabet and packed with the row index into one float64, the engine's
 * native numeric sort orders those, and only rows whose packed characters tie are compared
 * as strings. For ids and JSON that is a handful of rows.
 */
export function packedStringOrder(texts: readonly (string | null)[]): ColumnOrder {
  const n = texts.length;
  const asc = new Uint32Array(n);
  const tie = new Uint8Array(n);
  let present = 0;
  let first: string | null = null;
  for (let i = 0; i < n; i++) {
    const t = texts[i];
    if (t !== null) {
      present++;
      if (first === null) first = t;
    }
  }
  // Missing values last, in row order.
  let w = present;
  for (let i = 0; i < n; i++) if (texts[i] === null) asc[w++] = i;
  if (present === 0 || first === null) return { asc, present, tie };
  // The prefix every present string shares.
  let p = first.length;
  for (let i = 0; i < n && p > 0; i++) {
    const t = texts[i];
    if (t === null) continue;
    const lim = Math.min(p, t.length);
    let k = 0;
    while (k < lim && t.charCodeAt(k) === first.charCodeAt(k)) k++;
    p = k;
  }
  // The alphabet of the next characters: code units → 1..A in ascending order (0 = end of string).
  const WINDOW = 12;
  const seen = new Uint8Array(65536);
  for (let i = 0; i < n; i++) {
    const t = texts[i];
    if (t === null) continue;
    const lim = Math.min(t.length, p + WINDOW);
    for (let k = p; k < lim; k++) seen[t.charCodeAt(k)] = 1;
  }
  const dense = new Uint16Array(65536);
  let a = 0;
  for (let c = 0; c < 65536; c++) if (seen[c]) dense[c] = ++a;
  const base = a + 1;
  let indexBits = 1;
  while (2 ** indexBits < n) indexBits++;
  const room = 2 ** (53 - indexBits);
  let chars = 0;
  let span = 1;
  while (chars < WINDOW && span * base <= room) {
    span *= base;
    chars++;
  }
  const idx = 2 ** indexBits;
  const packed = new Float64Array(present);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const t = texts[i];
    if (t === null) continue;
    let key = 0;
    for (let k = 0; k < chars; k++) {
      const pos = p + k;
      key = key * base + (pos < t.length ? dense[t.charCodeAt(pos)] : 0);
    }
    packed[j++] = key * idx + i;
  }
  packed.sort();
  for (let k = 0; k < present; k++) asc[k] = packed[k] % idx;
  // Rows whose packed characters tie: order by the whole string, then row.
  const cmp = (x: number, y: number) => {
    const sx = texts[x]!;
    const sy = texts[y]!;
    return sx < sy ? -1 : sx > sy ? 1 : x - y;
  };
  let k = 0;
  while (k < present) {
    const key = Math.floor(packed[k] / idx);
    let end = k + 1;
    while (end < present && Math.floor(packed[end] / idx) === key) end++;
    if (end - k > 1) {
      const group = Array.from(asc.subarray(k, end)).sort(cmp);
      for (let g = 0; g < group.length; g++) {
        asc[k + g] = group[g];
        if (g > 0 && texts[group[g]] === texts[group[g - 1]]) tie[k + g] = 1;
      }
    }
    k = end;
  }
  return { asc, present, tie };
}
