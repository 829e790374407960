/**
 * The console's filter box, as in Chromium's console: space-separated terms, all of which
 * must hold. `text` matches case-insensitively, `/regex/flags` is a regular expression,
 * `"a phrase"` keeps its spaces, and a leading `-` negates any of them (`-text`, `-/re/`).
 * An invalid regular expression never throws: it is reported and the term is ignored.
 */

export interface CompiledFilter {
  /** Every one must match the line's plain text. */
  include: RegExp[];
  /** None may match. */
  exclude: RegExp[];
  /** The positive terms as one global regex, for highlighting; null when there are none. */
  highlight: RegExp | null;
  /** A message for the first invalid term, shown inline. */
  error: string | null;
  /** True when no term filters anything. */
  empty: boolean;
}

const TERM = /-?\/(?:\\.|[^/\\])+\/[a-z]*|-?"[^"]*"?|\S+/g;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function compileFilter(input: string): CompiledFilter {
  const include: RegExp[] = [];
  const exclude: RegExp[] = [];
  const sources: string[] = [];
  let error: string | null = null;
  for (const match of input.matchAll(TERM)) {
    let term = match[0];
    const negative = term.length > 1 && term.startsWith('-');
    if (negative) term = term.slice(1);
    let source: string;
    let flags = 'i';
    const re = /^\/((?:\\.|[^/\\])+)\/([a-z]*)$/.exec(term);
    if (re) {
      source = re[1];
      // Stateless tests: drop g/y; keep the user's other flags; case-sensitive unless `i` given.
      flags = re[2].replace(/[gyd]/g, '');
    } else {
      if (term.startsWith('"')) term = term.replace(/^"|"$/g, '');
      if (!term) continue;
      source = escapeRegExp(term);
    }
    let compiled: RegExp;
    try {
      compiled = new RegExp(source, flags);
      // A pattern that matches the empty string would highlight nothing and match everything.
      if (!negative && compiled.test('')) {
        if (re) error ??= `/${source}/ matches empty text`;
        continue;
      }
    } catch (e) {
      error ??= `Invalid regular expression /${source}/: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
      continue;
    }
    (negative ? exclude : include).push(compiled);
    if (!negative) sources.push(`(?:${source})`);
  }
  let highlight: RegExp | null = null;
  if (include.length > 0) {
    // One regex per term keeps each term's own flags; highlighting uses the union.
    const caseless = include.every((r) => r.flags.includes('i'));
    try {
      highlight = new RegExp(sources.join('|'), caseless ? 'gi' : 'g' + (include.some((r) => r.flags.includes('u')) ? 'u' : ''));
    } catch {
      highlight = null;
    }
  }
  return { include, exclude, highlight, error, empty: include.length === 0 && exclude.length === 0 };
}

export function testFilter(f: CompiledFilter, plain: string): boolean {
  for (let i = 0; i < f.include.length; i++) if (!f.include[i].test(plain)) return false;
  for (let i = 0; i < f.exclude.length; i++) if (f.exclude[i].test(plain)) return false;
  return true;
}

/** Ranges [start, end) of highlight matches in `plain`, at most `max` of them. */
export function matchRanges(re: RegExp, plain: string, max = 200): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(plain); m && out.length < max; m = re.exec(plain)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
