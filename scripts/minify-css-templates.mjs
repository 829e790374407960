// Build-time minification of the CSS inside Lit `css` tagged templates (esbuild and Vite
// plugins, and a function scripts/build.mjs runs over dist/). JS minifiers keep template
// literals byte for byte, so without this every stylesheet ships its indentation and comments.
//
// Only the static text between `${…}` is rewritten; interpolations are left exactly as they
// are. Templates are found with the TypeScript parser (a devDependency), so strings,
// comments, regular expressions and nested templates in the surrounding code cannot confuse
// it. Inside the CSS: comments go, whitespace runs collapse to one space and disappear
// around `{ } ; , > :` (after only) `(` (after) `)` (before); a `;` before `}` goes;
// quoted strings, backslash escapes and unquoted url(…) are copied verbatim. `+`, `~`, `-`,
// `*` and `/` keep their spaces (calc() needs them). Whitespace that touches an
// interpolation stays as one space (`${a} ${b}` keeps its separator). A template whose text
// cannot be read safely (an unterminated comment, string or url() in one static piece) is
// left unchanged.
//
// Lit `html` and `svg` templates: whitespace runs that hold a newline (the source's line breaks
// and indentation) become one space, which is what the browser makes of them anyway outside
// preformatted text. Left as written: quoted attribute values, and any template whose static
// text opens <pre>, <textarea>, <script> or <style> or sets white-space (preformatted text keeps
// its whitespace). Elements styled white-space: pre in our stylesheets get their text from
// interpolations or DOM calls, never from a template's line breaks (test/unit/minify-templates).
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const STRIP_AFTER = new Set(['{', '}', ';', ',', '>', ':', '(']);
const STRIP_BEFORE = new Set(['{', '}', ';', ',', '>', ')']);
const WS = /[ \t\n\r\f]/;

class Unsafe extends Error {}

/**
 * Minify one static piece of a css`` template (its raw source text, escapes included).
 * `first`/`last`: the piece starts/ends the template (otherwise it touches an interpolation).
 * `keepLines`: keep every newline (whitespace runs with newlines become those newlines), so
 * line numbers — and line-based source maps — stay exact.
 */
export function minifyCssPiece(src, { first = true, last = true, keepLines = false } = {}) {
  const out = [];
  let prev = null; // last emitted plain character (null: string, escape, url, interpolation)
  let semi = -1; // index in `out` of a `;` that a following `}` makes redundant
  let ws = false; // whitespace (or a comment) pending
  let nl = 0; // newlines in it
  let i = 0;
  const flush = (next) => {
    if (!ws) return;
    if (keepLines && nl > 0) out.push('\n'.repeat(nl));
    else if (!(out.length === 0 && first) && !(prev !== null && STRIP_AFTER.has(prev)) && !STRIP_BEFORE.has(next)) out.push(' ');
    ws = false;
    nl = 0;
  };
  while (i < src.length) {
    const c = src[i];
    if (WS.test(c)) {
      ws = true;
      if (c === '\n') nl++;
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new Unsafe('unterminated comment');
      for (let k = i; k < end; k++) if (src[k] === '\n') nl++;
      ws = true;
      i = end + 2;
      continue;
    }
    if (c === '\\') {
      flush(c);
      out.push(src.slice(i, i + 2));
      prev = null;
      i += 2;
      continue;
    }
    if (c === '"' || c === "'") {
      flush(c);
      let k = i + 1;
      while (k < src.length && src[k] !== c) {
        if (src[k] === '\n') throw new Unsafe('newline in string');
        k += src[k] === '\\' ? 2 : 1;
      }
      if (k >= src.length) throw new Unsafe('unterminated string');
      out.push(src.slice(i, k + 1));
      prev = null;
      i = k + 1;
      continue;
    }
    if ((c === 'u' || c === 'U') && /^url\(/i.test(src.slice(i, i + 4)) && !/[\w-]/.test(src[i - 1] ?? '')) {
      flush(c);
      let k = i + 4;
      while (k < src.length && WS.test(src[k])) k++;
      if (src[k] === '"' || src[k] === "'") {
        out.push(src.slice(i, i + 4)); // the quoted string and `)` are read as usual
        prev = '(';
        i = k;
        continue;
      }
      while (k < src.length && src[k] !== ')') k += src[k] === '\\' ? 2 : 1;
      if (k >= src.length) throw new Unsafe('unterminated url()');
      out.push(src.slice(i, k + 1));
      prev = null;
      i = k + 1;
      continue;
    }
    flush(c);
    if (c === '}' && prev === ';' && semi >= 0) out[semi] = '';
    semi = c === ';' ? out.length : -1;
    out.push(c);
    prev = c;
    i++;
  }
  if (ws) {
    if (keepLines && nl > 0) out.push('\n'.repeat(nl));
    else if (!last && !(out.length === 0 && first) && !(prev !== null && STRIP_AFTER.has(prev))) out.push(' ');
  }
  return out.join('');
}

/** The raw text ranges [start, end) of each static piece of every `tag`-tagged template in `code`. */
function taggedTemplates(code, fileName, tags = ['css']) {
  const kind = /\.[cm]?tsx?$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, kind);
  const found = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && tags.includes(node.tag.text)) {
      const t = node.template;
      if (ts.isNoSubstitutionTemplateLiteral(t)) found.push([[t.getStart(sf) + 1, t.end - 1]]);
      else {
        const pieces = [[t.head.getStart(sf) + 1, t.head.end - 2]];
        for (const span of t.templateSpans) {
          const tail = ts.isTemplateTail(span.literal);
          pieces.push([span.literal.getStart(sf) + 1, span.literal.end - (tail ? 1 : 2)]);
        }
        found.push(pieces);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** `code` with the CSS of its css`` templates minified (unchanged when it has none). */
export function minifyCssTemplates(code, { fileName = 'module.ts', keepLines = false } = {}) {
  if (!/\bcss\s*`/.test(code)) return code;
  const edits = [];
  for (const pieces of taggedTemplates(code, fileName)) {
    try {
      const mine = pieces.map(([start, end], n) => [start, end, minifyCssPiece(code.slice(start, end), { first: n === 0, last: n === pieces.length - 1, keepLines })]);
      edits.push(...mine);
    } catch (err) {
      if (!(err instanceof Unsafe)) throw err; // this template stays as written
    }
  }
  let result = code;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) result = result.slice(0, start) + text + result.slice(end);
  return result;
}

const PREFORMATTED = /<(pre|textarea|script|style)\b|white-space/i;

/**
 * The static pieces of one html``/svg`` template with their line-break whitespace collapsed
 * (see the header), or null when the template is left as written. Quote state carries across
 * pieces (an interpolated attribute value spans two).
 */
export function minifyHtmlPieces(pieces, { keepLines = false } = {}) {
  if (pieces.some((p) => PREFORMATTED.test(p))) return null;
  let inTag = false;
  let quote = null;
  return pieces.map((src) => {
    let out = '';
    for (let i = 0; i < src.length; ) {
      const c = src[i];
      if (quote) {
        if (c === quote) quote = null;
        out += c;
        i++;
        continue;
      }
      if (inTag && (c === '"' || c === "'")) quote = c;
      else if (c === '<' && /[a-zA-Z/!]/.test(src[i + 1] ?? '')) inTag = true;
      else if (c === '>') inTag = false;
      else if (/[ \t\n\r\f]/.test(c)) {
        let k = i;
        while (k < src.length && /[ \t\n\r\f]/.test(src[k])) k++;
        const run = src.slice(i, k);
        const lines = run.split('\n').length - 1;
        out += lines === 0 ? run : keepLines ? '\n'.repeat(lines) : ' ';
        i = k;
        continue;
      }
      out += c;
      i++;
    }
    return out;
  });
}

/** `code` with the line-break whitespace of its html``/svg`` templates collapsed (unchanged when it has none). */
export function minifyHtmlTemplates(code, { fileName = 'module.ts', keepLines = false } = {}) {
  if (!/\b(html|svg)\s*`/.test(code)) return code;
  const edits = [];
  for (const pieces of taggedTemplates(code, fileName, ['html', 'svg'])) {
    const out = minifyHtmlPieces(pieces.map(([start, end]) => code.slice(start, end)), { keepLines });
    if (out) pieces.forEach(([start, end], n) => edits.push([start, end, out[n]]));
  }
  let result = code;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) result = result.slice(0, start) + text + result.slice(end);
  return result;
}

/** Both: css`` minified, html``/svg`` line breaks collapsed. */
export function minifyTemplates(code, opts = {}) {
  return minifyHtmlTemplates(minifyCssTemplates(code, opts), opts);
}

const SOURCE = /\.[cm]?[jt]s$/;

/** esbuild plugin: minify css`` and html``/svg`` templates in the project's own modules (not node_modules). */
export function minifyCssTemplatesEsbuild() {
  return {
    name: 'minify-css-templates',
    setup(build) {
      build.onLoad({ filter: SOURCE }, (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const code = readFileSync(args.path, 'utf8');
        const out = minifyTemplates(code, { fileName: args.path });
        if (out === code) return undefined;
        return { contents: out, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
      });
    },
  };
}

/**
 * Vite plugin (builds only): the same, before TypeScript is stripped. Newlines are kept, so
 * the demo's source maps stay right line by line.
 */
export function minifyCssTemplatesVite() {
  return {
    name: 'minify-css-templates',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      const path = id.split('?')[0];
      if (path.includes('/node_modules/') || !SOURCE.test(path)) return null;
      const out = minifyTemplates(code, { fileName: path, keepLines: true });
      return out === code ? null : { code: out, map: null };
    },
  };
}
