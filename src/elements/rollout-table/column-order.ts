/**
 * Column orders: row indices sorted by a column's keys, numbers or strings, ties in row order and
 * missing values last, through the engine's native numeric sort of packed float64 keys (no
 * comparator callback over all rows). Pure; the model caches one order per column.
 */
import type { SortDir } from './rollout-fields.js';

/**
 * One column's ascending order: rows with a value first (ties in row order), then rows without
 * one (in row order). `tie[j]` is 1 when `asc[j]` has the same key as `asc[j - 1]`, so that the
 * descending order is the ascending one reversed group by group (ties keep row order), in O(n).
 */
export interface ColumnOrder {
  asc: Uint32Array;
  present: number;
  tie: Uint8Array;
  desc?: Uint32Array;
}

/** Descending = ascending reversed group by group (ties keep row order); missing stay last. */
export function reverseOrder(o: ColumnOrder): Uint32Array {
  const { asc, present, tie } = o;
  const out = new Uint32Array(asc.length);
  let w = 0;
  let end = present;
  while (end > 0) {
    let start = end - 1;
    while (start > 0 && tie[start]) start--;
    for (let k = start; k < end; k++) out[w++] = asc[k];
    end = start;
  }
  for (let k = present; k < asc.length; k++) out[w++] = asc[k];
  return out;
}

/** Ascending order of numeric keys (NaN last), through the packed native sort of `sortIndices`. */
export function numberOrder(keys: Float64Array): ColumnOrder {
  const asc = sortIndices(keys, 'asc');
  const n = keys.length;
  let present = 0;
  while (present < n && keys[asc[present]] === keys[asc[present]]) present++;
  const tie = new Uint8Array(n);
  // Keys closer than the quantisation step sorted as ties (row order): mark them as ties.
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < present; j++) {
    const v = keys[asc[j]];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = n <= INDEX_BITS && max > min ? KEY_STEPS / (max - min) : 0;
  for (let j = 1; j < present; j++) {
    const a = keys[asc[j - 1]];
    const b = keys[asc[j]];
    tie[j] = a === b || (scale > 0 && Math.floor((a - min) * scale) === Math.floor((b - min) * scale)) ? 1 : 0;
  }
  return { asc, present, tie };
}

/**
 * Ascending code-unit order of strings (null last), ties in row order, without a comparator
 * sort over all rows: after the prefix every string shares, the next few characters are
 * mapped to a dense alphabet and packed with the row index into one float64, the engine's
 * native numeric sort orders those, and only rows whose packed characters tie are compared
 * as strings. For ids and JSON that is a handful of rows.
 */
export function stringOrder(texts: readonly (string | null)[]): ColumnOrder {
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

const INDEX_BITS = 2 ** 20;
const KEY_STEPS = 2 ** 33 - 1;

/**
 * Indices ordered by `keys` (NaN last in both directions, ties in index order).
 * Up to 2^20 rows, each key is quantised to 33 bits and packed with its index into one
 * float64, so that the engine's native numeric sort (no comparator callback) does the work —
 * several times faster than a comparator sort. Keys closer than (max−min)/2^33 count as ties.
 */
export function sortIndices(keys: Float64Array, dir: SortDir): Uint32Array {
  const n = keys.length;
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const v = keys[i];
    if (v !== v) missing++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const out = new Uint32Array(n);
  if (n <= INDEX_BITS) {
    const packed = new Float64Array(n - missing);
    const scale = max > min ? KEY_STEPS / (max - min) : 0;
    const desc = dir === 'desc';
    let j = 0;
    let m = n - missing;
    for (let i = 0; i < n; i++) {
      const v = keys[i];
      if (v !== v) {
        out[m++] = i;
        continue;
      }
      let q = Math.floor((v - min) * scale);
      if (desc) q = KEY_STEPS - q;
      packed[j++] = q * INDEX_BITS + i;
    }
    packed.sort();
    for (let i = 0; i < packed.length; i++) out[i] = packed[i] % INDEX_BITS;
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = i;
  const sign = dir === 'asc' ? 1 : -1;
  out.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka !== ka) return kb !== kb ? a - b : 1;
    if (kb !== kb) return -1;
    return ka === kb ? a - b : (ka - kb) * sign;
  });
  return out;
}
