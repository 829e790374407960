/** The build-time css`` minifier and html``/svg`` whitespace collapser (scripts/minify-css-templates.mjs) on tricky inputs. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { minifyCssPiece, minifyCssTemplates, minifyCssTemplatesEsbuild, minifyHtmlPieces, minifyHtmlTemplates } from '../../scripts/minify-css-templates.mjs';

const piece = (s: string, o = {}) => minifyCssPiece(s, o);

describe('minifyCssPiece', () => {
  it('drops comments and indentation, and the spaces around punctuation', () => {
    assert.equal(
      piece(`
  /* header */
  :host {
    display: flex;   /* a comment */
    gap: 4px 8px;
  }
  .a > .b,
  .c   .d {
    color: red;
  }
`),
      ':host{display:flex;gap:4px 8px}.a>.b,.c .d{color:red}',
    );
  });

  it('keeps the descendant space before a pseudo-class and the spaces calc() needs', () => {
    assert.equal(piece('.a :hover { width: calc( 100% - 2 * var(--x) ) }'), '.a :hover{width:calc(100% - 2 * var(--x))}');
    assert.equal(piece('.a  +  .b ~ .c { margin: -1px }'), '.a + .b ~ .c{margin:-1px}');
  });

  it('keeps media query keywords apart from their parentheses', () => {
    assert.equal(
      piece('@media (min-width: 600px) and (prefers-reduced-motion: reduce) { .x { y: z } }'),
      '@media (min-width:600px) and (prefers-reduced-motion:reduce){.x{y:z}}',
    );
    assert.equal(piece('@container (width < 40rem) { a { b: c } }'), '@container (width < 40rem){a{b:c}}');
  });

  it('copies strings verbatim, whatever they hold', () => {
    assert.equal(piece(`a::before { content: "  /* not a comment */  {;} "; }`), `a::before{content:"  /* not a comment */  {;} "}`);
    assert.equal(piece(`a { content: 'it\\'s  ;  ok'; font-family: "Fira  Code", monospace }`), `a{content:'it\\'s  ;  ok';font-family:"Fira  Code",monospace}`);
  });

  it('copies unquoted url() verbatim, including // and /*', () => {
    assert.equal(piece('a { background: url(http://x.test/a/*.png) no-repeat; }'), 'a{background:url(http://x.test/a/*.png) no-repeat}');
    assert.equal(piece('a { b: url(data:image/svg+xml;base64,AA==) }'), 'a{b:url(data:image/svg+xml;base64,AA==)}');
    assert.equal(piece(`a { b: url( "x y.png" ) }`), `a{b:url("x y.png")}`);
  });

  it('keeps backslash escapes (raw template text) untouched', () => {
    assert.equal(piece(`a::after { content: '\\\\2014'; } .b\\:c { d: e }`), `a::after{content:'\\\\2014'}.b\\:c{d:e}`);
  });

  it('keeps one space where the piece touches an interpolation', () => {
    // css`margin: ${a} ${b};` — the middle piece is a lone space that separates two values.
    assert.equal(piece(' ', { first: false, last: false }), ' ');
    assert.equal(piece('\n  margin: ', { first: true, last: false }), 'margin:');
    assert.equal(piece('px solid ', { first: false, last: false }), 'px solid ');
    assert.equal(piece(' {\n  color: red;\n}\n', { first: false, last: true }), '{color:red}');
  });

  it('keepLines keeps every newline and nothing else', () => {
    const src = '\n  :host {\n    /* two\n lines */\n    a: b;\n  }\n';
    const out = piece(src, { keepLines: true });
    assert.equal(out.split('\n').length, src.split('\n').length);
    assert.equal(out.replace(/\n/g, ''), ':host{a:b}');
  });

  it('refuses pieces it cannot read safely', () => {
    assert.throws(() => piece('a { /* open'));
    assert.throws(() => piece(`a { content: "open`));
  });
});

describe('minifyCssTemplates', () => {
  it('rewrites only css`` text and preserves ${} interpolations exactly', () => {
    const code = [
      "import { css, html } from 'lit';",
      'const re = /`css`/g; // a regex with a backtick',
      "const s = 'css`  not a template  `';",
      'export const t = html`<p>  keep   me  </p>`;',
      'export const styles = css`',
      '  ${tokens}',
      '  :host { width: ${ 10 + 2 }px; margin: ${a} ${b}; }',
      '  .x { color: ${unsafeCSS(`  a  { b }  `)}; }',
      '`;',
    ].join('\n');
    const out = minifyCssTemplates(code, { fileName: 'x.ts' });
    assert.equal(
      out,
      [
        "import { css, html } from 'lit';",
        'const re = /`css`/g; // a regex with a backtick',
        "const s = 'css`  not a template  `';",
        'export const t = html`<p>  keep   me  </p>`;',
        'export const styles = css`${tokens} :host{width:${ 10 + 2 }px;margin:${a} ${b}}.x{color:${unsafeCSS(`  a  { b }  `)}}`;',
      ].join('\n'),
    );
  });

  it('leaves a template it cannot read safely as written, and the others minified', () => {
    const code = 'const a = css`a { /* ${x} */ }`;\nconst b = css`  b { c: d; }  `;';
    assert.equal(minifyCssTemplates(code), 'const a = css`a { /* ${x} */ }`;\nconst b = css`b{c:d}`;');
  });

  it('every stylesheet in src/ compiles to the same rules in a browser-free check: only whitespace, comments and redundant ; change', () => {
    const files = ['src/styles/tokens.ts', ...readdirSync('src/elements', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.styles.ts')).map((f) => `src/elements/${f}`)];
    for (const f of files) {
      const code = readFileSync(f, 'utf8');
      const out = minifyCssTemplates(code, { fileName: f });
      assert.ok(out.length < code.length, `${f} got smaller`);
      // Stripping all whitespace, comments and ;-before-} gives identical text both ways.
      const norm = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, '').replace(/;}/g, '}');
      assert.equal(norm(out), norm(code), f);
    }
  });

  it('the esbuild plugin minifies the CSS of a bundled module', async () => {
    const out = await build({
      stdin: { contents: "import { styles } from './src/elements/log-console/log-console.styles.ts'; console.log(styles);", resolveDir: process.cwd(), loader: 'ts' },
      bundle: true, write: false, format: 'esm', external: ['lit'], plugins: [minifyCssTemplatesEsbuild()], logLevel: 'silent',
    });
    const text = out.outputFiles[0]!.text;
    assert.match(text, /\.toolbar\{display:flex;/);
    assert.doesNotMatch(text, /\n {4}display: flex;/);
  });
});

describe('minifyHtmlTemplates', () => {
  it('collapses line breaks and indentation to one space, in text and between attributes', () => {
    const code = 'const t = html`\n  <div\n    class="a"\n    part="b">\n    Hello\n    ${name}\n  </div>\n`;';
    assert.equal(minifyHtmlTemplates(code), 'const t = html` <div class="a" part="b"> Hello ${name} </div> `;');
  });

  it('keeps same-line spaces, quoted attribute values and every preformatted template as written', () => {
    assert.deepEqual(minifyHtmlPieces(['<p>a  b</p>']), ['<p>a  b</p>']);
    assert.deepEqual(minifyHtmlPieces(['<p title="one\n   two">\n  x</p>']), ['<p title="one\n   two"> x</p>']);
    // An interpolated attribute value spans two pieces: the quote state carries over.
    assert.deepEqual(minifyHtmlPieces(['<p title="a ', '\n  b">\n</p>']), ['<p title="a ', '\n  b"> </p>']);
    for (const pre of ['<pre>\n  ', '<textarea>\n x', '<span style="white-space: pre">\n a</span>']) assert.equal(minifyHtmlPieces([pre]), null, pre);
  });

  it('keepLines keeps each newline and drops only the indentation (line-based source maps stay exact)', () => {
    assert.equal(minifyHtmlTemplates('html`<div>\n    <b>x</b>\n  </div>`', { keepLines: true }), 'html`<div>\n<b>x</b>\n</div>`');
  });

  it('an svg`` template too; other tags and plain strings are untouched', () => {
    assert.equal(minifyHtmlTemplates('svg`<g>\n  <path d="M0 0"/>\n</g>`; x`a\n  b`; "c\\n  d";'), 'svg`<g> <path d="M0 0"/> </g>`; x`a\n  b`; "c\\n  d";');
  });

  it('the esbuild plugin collapses the indentation of a bundled element\'s templates', async () => {
    const out = await build({
      stdin: { contents: "export * from './src/elements/shared/error-state.ts';", resolveDir: process.cwd(), loader: 'ts' },
      bundle: true, write: false, format: 'esm', external: ['lit'], plugins: [minifyCssTemplatesEsbuild()], logLevel: 'silent',
    });
    const text = out.outputFiles[0]!.text;
    assert.match(text, /role="alert"> <div class="tt-error-head">/);
    assert.doesNotMatch(text, /\n {4}<p class="tt-error-title">/);
  });
});
