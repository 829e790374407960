/**
 * Small validation helpers for decoders: each returns the value with its type narrowed,
 * or throws a DecodeError naming the field and what was found.
 */
import { DecodeError } from '../errors.js';

export type Obj = Record<string, unknown>;

export function obj(v: unknown, path: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new DecodeError(path, 'an object', v);
  return v as Obj;
}
export function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new DecodeError(path, 'an array', v);
  return v;
}
export function str(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new DecodeError(`${path}.${key}`, 'a string', v);
  return v;
}
export function strOrNull(o: Obj, key: string, path: string): string | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new DecodeError(`${path}.${key}`, 'a string or null', v);
  return v;
}
export function num(o: Obj, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DecodeError(`${path}.${key}`, 'a number', v);
  return v;
}
export function numOrNull(o: Obj, key: string, path: string): number | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DecodeError(`${path}.${key}`, 'a number or null', v);
  return v;
}
export function optNum(o: Obj, key: string, path: string): void {
  const v = o[key];
  if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v)))
    throw new DecodeError(`${path}.${key}`, 'a number when present', v);
}
export function oneOf<T extends string>(o: Obj, key: string, values: readonly T[], path: string): T {
  const v = o[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    throw new DecodeError(`${path}.${key}`, `one of ${values.join(', ')}`, v);
  return v as T;
}
export function oneOfOrNull<T extends string>(o: Obj, key: string, values: readonly T[], path: string): T | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  return oneOf(o, key, values, path);
}
export function objOrNull(o: Obj, key: string, path: string): Obj | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  return obj(v, `${path}.${key}`);
}
/** Parse JSON text, turning a SyntaxError into a DecodeError. */
export function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DecodeError(path, 'valid JSON', text, `${path}: not valid JSON (${(e as Error).message}): ${JSON.stringify(text.slice(0, 60))}`);
  }
}
/** An SSE `id:` as a non-negative integer. */
export function eventId(id: string | undefined | number, path = 'id'): number {
  const n = typeof id === 'number' ? id : id === undefined || id === '' ? NaN : Number(id);
  if (!Number.isSafeInteger(n) || n < 0) throw new DecodeError(path, 'a non-negative integer event id', id);
  return n;
}

/**
 * Decode each item of a list on its own: an item that does not validate is left out and its
 * error pushed to `unreadable` (the feed counts and reports it), so one bad record never
 * blanks a page. Only a non-empty list where nothing decodes throws (its first error).
 */
export function decodeEach<T>(list: unknown[], path: string, one: (v: unknown, path: string) => T, unreadable: Error[]): T[] {
  const out: T[] = [];
  let first: DecodeError | null = null;
  for (let i = 0; i < list.length; i++) {
    try {
      out.push(one(list[i], `${path}[${i}]`));
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      first ??= err;
      unreadable.push(err);
    }
  }
  if (first && out.length === 0) throw first;
  return out;
}
