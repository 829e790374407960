/**
 * JSON as a flat list of lines of typed tokens, for highlighting as text (never as HTML).
 *
 * `jsonLines(value)` walks a value once with an explicit stack (no recursion, so no stack
 * overflow however deep it is) and prints it as `JSON.stringify(value, null, 2)` does, token by
 * token: a string of any length is ONE token, indentation is a depth number (not a token). What
 * JSON.stringify cannot print becomes a visible marker token instead of an exception: a
 * reference to an object that contains it (`[Circular]`) and containers nested deeper than
 * `maxDepth` (`… nested deeper than N levels`). `tokenizeJson(text)` splits text that is not
 * valid JSON into the same kind of lines, with runs of other characters as one token.
 */
export type JsonTokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punct' | 'space' | 'text' | 'marker';
export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

/** One printed line: its indentation depth (in units of `indent`) and its tokens. */
export interface JsonLine {
  depth: number;
  tokens: JsonToken[];
}

export interface JsonLines {
  lines: JsonLine[];
  /** Spaces per depth level (0: compact, everything on one line). */
  indent: number;
  /** How many references to an enclosing object were printed as `[Circular]`. */
  circular: number;
  /** How many containers deeper than `maxDepth` were printed as a marker. */
  truncated: number;
  /** Values that could not be read (a throwing getter or toJSON), printed as a marker. */
  unreadable: number;
}

export interface JsonLinesOptions {
  /** Spaces per level; 0 prints compact JSON on one line. Default 2. */
  indent?: number;
  /** Containers deeper than this are printed as a marker. Default Infinity. */
  maxDepth?: number;
  /**
   * Markers as JSON strings (`"[Circular]"`), so the printed text is valid JSON (for Copy);
   * otherwise as `marker` tokens (for display).
   */
  markersAsStrings?: boolean;
}

export const CIRCULAR = '[Circular]';
export const tooDeep = (maxDepth: number) => `… nested deeper than ${maxDepth.toLocaleString('en-US')} levels`;

const OMIT = Symbol('omit');
const OBJ = Symbol('object');
type Resolved = typeof OMIT | typeof OBJ | JsonToken;

interface Frame {
  /** The container being printed. */
  obj: object;
  isArray: boolean;
  /** Own enumerable keys (objects only). */
  keys: string[] | null;
  /** Next index into the array or `keys`. */
  i: number;
  /** Entries printed so far. */
  printed: number;
  depth: number;
}

/**
 * A string as JSON, with what JSON.stringify leaves raw but a reader cannot see (DEL, C1
 * controls, bidi overrides and isolates) escaped too: still valid JSON, and a U+202E cannot
 * reorder the line.
 */
export function jsonString(v: string): string {
  return JSON.stringify(v).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Print `value` as lines of tokens, as `JSON.stringify(value, null, indent)` would. */
export function jsonLines(value: unknown, options: JsonLinesOptions = {}): JsonLines {
  const indent = options.indent ?? 2;
  const maxDepth = options.maxDepth ?? Infinity;
  const asStrings = options.markersAsStrings ?? false;
  const out: JsonLines = { lines: [], indent, circular: 0, truncated: 0, unreadable: 0 };
  let line: JsonLine = { depth: 0, tokens: [] };
  out.lines.push(line);
  const push = (kind: JsonTokenKind, text: string) => line.tokens.push({ kind, text });
  const newLine = (depth: number) => {
    if (indent === 0) return;
    line = { depth, tokens: [] };
    out.lines.push(line);
  };
  const marker = (text: string): JsonToken => (asStrings ? { kind: 'string', text: JSON.stringify(text) } : { kind: 'marker', text });
  const colon = indent === 0 ? ':' : ': ';

  const ancestors = new Set<object>();
  const stack: Frame[] = [];

  /** The container `resolve` found (when it returns OBJ). */
  let found: object = {};

  /** What `holder[key]` prints as: a token, a container to open (`found`), or nothing. */
  const resolve = (holder: object | null, key: string, inArray: boolean): Resolved => {
    let v: unknown;
    try {
      v = holder === null ? value : (holder as Record<string, unknown>)[key];
      if (v !== null && (typeof v === 'object' || typeof v === 'bigint') && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
        v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
      }
    } catch (e) {
      out.unreadable++;
      return marker(`[Unreadable: ${e instanceof Error ? e.message : String(e)}]`);
    }
    if (v instanceof Number) v = Number(v);
    else if (v instanceof String) v = String(v);
    else if (v instanceof Boolean) v = v.valueOf();
    switch (typeof v) {
      case 'string':
        return { kind: 'string', text: jsonString(v) };
      case 'number':
        return Number.isFinite(v) ? { kind: 'number', text: JSON.stringify(v) } : { kind: 'null', text: 'null' };
      case 'boolean':
        return { kind: 'boolean', text: String(v) };
      case 'bigint':
        return { kind: 'string', text: jsonString(v.toString()) };
      case 'object':
        if (v === null) return { kind: 'null', text: 'null' };
        found = v;
        return OBJ;
      default: // undefined, function, symbol
        return inArray ? { kind: 'null', text: 'null' } : OMIT;
    }
  };

  /** Print a resolved value at `depth` on the current line; opens containers. */
  const emit = (r: Exclude<Resolved, typeof OMIT>, depth: number) => {
    if (r !== OBJ) {
      line.tokens.push(r);
      return;
    }
    const obj = found;
    if (ancestors.has(obj)) {
      out.circular++;
      line.tokens.push(marker(CIRCULAR));
      return;
    }
    if (depth >= maxDepth) {
      out.truncated++;
      line.tokens.push(marker(tooDeep(maxDepth)));
      return;
    }
    const isArray = Array.isArray(obj);
    let keys: string[] | null = null;
    if (!isArray) {
      try {
        keys = Object.keys(obj);
      } catch (e) {
        out.unreadable++;
        line.tokens.push(marker(`[Unreadable: ${e instanceof Error ? e.message : String(e)}]`));
        return;
      }
    }
    push('punct', isArray ? '[' : '{');
    ancestors.add(obj);
    stack.push({ obj, isArray, keys, i: 0, printed: 0, depth });
  };

  const top = resolve(null, '', false);
  if (top === OMIT) {
    out.lines = [];
    return out;
  }
  emit(top, 0);

  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.isArray) {
      const arr = f.obj as unknown[];
      if (f.i < arr.length) {
        const r = resolve(arr, String(f.i), true) as Exclude<Resolved, typeof OMIT>;
        f.i++;
        if (f.printed++ > 0) push('punct', ',');
        newLine(f.depth + 1);
        emit(r, f.depth + 1);
        continue;
      }
    } else {
      const keys = f.keys!;
      let done = true;
      while (f.i < keys.length) {
        const key = keys[f.i++];
        const r = resolve(f.obj, key, false);
        if (r === OMIT) continue;
        if (f.printed++ > 0) push('punct', ',');
        newLine(f.depth + 1);
        push('key', jsonString(key));
        push('punct', colon);
        emit(r, f.depth + 1);
        done = false;
        break;
      }
      if (!done) continue;
    }
    stack.pop();
    ancestors.delete(f.obj);
    if (f.printed > 0) newLine(f.depth);
    push('punct', f.isArray ? ']' : '}');
  }
  return out;
}

/** The printed text of `lines` (lines joined by newlines, indentation restored). */
export function linesText(lines: JsonLines): string {
  const pads: string[] = [];
  const pad = (d: number) => (pads[d] ??= ' '.repeat(d * lines.indent));
  const parts: string[] = [];
  for (const l of lines.lines) {
    let s = pad(l.depth);
    for (const t of l.tokens) s += t.text;
    parts.push(s);
  }
  return parts.join('\n');
}

/** Length `linesText` would have, without building it. */
export function linesLength(lines: JsonLines): number {
  let n = Math.max(0, lines.lines.length - 1);
  for (const l of lines.lines) {
    n += l.depth * lines.indent;
    for (const t of l.tokens) n += t.text.length;
  }
  return n;
}

const TOKEN = /("(?:[^"\\\n]|\\.)*")([^\S\n]*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false)|(null)|([{}[\],:])|([^\S\n]+)|(\n)|([^\s"{}[\],:]+)|([\s\S])/gy;

/** Above this length, text that is not JSON is shown without highlighting. */
const HIGHLIGHT_LIMIT = 1_000_000;

/**
 * Split text (usually JSON that did not parse) into lines of highlighted tokens. Runs of other
 * characters are one `text` token, so a 100,000-character word is one token, not 100,000.
 */
export function tokenizeJson(text: string): JsonLine[] {
  if (text.length > HIGHLIGHT_LIMIT) return text.split('\n').map((t) => ({ depth: 0, tokens: t ? [{ kind: 'text', text: t }] : [] }));
  let line: JsonLine = { depth: 0, tokens: [] };
  const lines = [line];
  const push = (kind: JsonTokenKind, t: string) => {
    const last = line.tokens[line.tokens.length - 1];
    if (last && last.kind === kind && (kind === 'text' || kind === 'space')) last.text += t;
    else line.tokens.push({ kind, text: t });
  };
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text))) {
    if (m[1] !== undefined) {
      if (m[2] !== undefined) {
        push('key', m[1]);
        push('punct', m[2]);
      } else push('string', m[1]);
    } else if (m[3] !== undefined) push('number', m[3]);
    else if (m[4] !== undefined) push('boolean', m[4]);
    else if (m[5] !== undefined) push('null', m[5]);
    else if (m[6] !== undefined) push('punct', m[6]);
    else if (m[7] !== undefined) push('space', m[7]);
    else if (m[8] !== undefined) {
      line = { depth: 0, tokens: [] };
      lines.push(line);
    } else push('text', m[9] ?? m[10]);
  }
  return lines;
}
