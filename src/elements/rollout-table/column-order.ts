/**
 * Column orders: row indices sorted by a column's keys, numbers or strings, ties in row order and
 * missing values last, through the engine's native numeric sort of packed float64 keys (no
 * comparator callback over all rows). Pure; the model caches one order per column.
 * Strings are sorted by a plain comparator sort until the packed string order (string-order.ts,
 * loaded after the first paint with rollout-table's rare parts) is installed: the first paint
 * sorts by a number (Start Time), so its code need not come first; both give the same order.
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

/** Ascending code-unit order of strings (null last), ties in row order: by a comparator sort. */
export function plainStringOrder(texts: readonly (string | null)[]): ColumnOrder {
  const n = texts.length;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (texts[i] !== null) rows.push(i);
  rows.sort((x, y) => {
    const sx = texts[x]!;
    const sy = texts[y]!;
    return sx < sy ? -1 : sx > sy ? 1 : x - y;
  });
  const present = rows.length;
  const asc = new Uint32Array(n);
  asc.set(rows);
  for (let i = 0, w = present; i < n; i++) if (texts[i] === null) asc[w++] = i;
  const tie = new Uint8Array(n);
  for (let k = 1; k < present; k++) tie[k] = texts[asc[k]] === texts[asc[k - 1]] ? 1 : 0;
  return { asc, present, tie };
}

let strings = plainStringOrder;

/** Ascending code-unit order of strings (null last), ties in row order: the fastest installed. */
export const stringOrder = (texts: readonly (string | null)[]): ColumnOrder => strings(texts);

/** Sort strings with `f` from now on (string-order.ts's packed order once it has loaded). */
export function installStringOrder(f: typeof plainStringOrder): void {
  strings = f;
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
