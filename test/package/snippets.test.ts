// The documentation's code is tested like code. Every fenced ts/tsx/js/html/vue block in
// README.md and docs/ is either
//   - a file of an example app, shown verbatim (docs-examples.test.ts checks that; the app is
//     type-checked and run by examples/run.mjs),
//   - marked `<!-- excerpt -->` on the line above (a fragment on purpose), or
//   - checked here: ts/tsx/js type-checked under strict as a user imports the package (the
//     `telltale…` specifiers mapped to the sources the package is built from), and html's
//     Telltale tags checked against custom-elements.json (no unknown attribute).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = ['README.md', ...readdirSync(`${root}docs`, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const exampleFiles = new Set<string>();
for (const app of ['react', 'vue', 'angular']) {
  for (const f of readdirSync(`${root}examples/${app}`, { recursive: true, encoding: 'utf8' })) {
    if (/node_modules|dist|\.angular/.test(f) || !/\.(tsx?|vue)$/.test(f)) continue;
    exampleFiles.add(readFileSync(`${root}examples/${app}/${f}`, 'utf8').replace(/\n$/, ''));
  }
}

interface Block { doc: string; line: number; lang: string; code: string; excerpt: boolean }
const blocks: Block[] = [];
for (const doc of docs) {
  const lines = readFileSync(`${root}${doc}`, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^```(\w+)\s*$/.exec(lines[i]);
    if (!m) continue;
    const end = lines.indexOf('```', i + 1);
    blocks.push({ doc, line: i + 1, lang: m[1], code: lines.slice(i + 1, end).join('\n'), excerpt: lines[i - 1]?.trim() === '<!-- excerpt -->' });
    i = end;
  }
}
const checked = (langs: string[]) => blocks.filter((b) => langs.includes(b.lang) && !b.excerpt && !exampleFiles.has(b.code));

test('every ts/tsx/js block type-checks under strict against the package', () => {
  const dir = join(root, 'test-results', 'snippets');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, Block>();
  for (const b of checked(['ts', 'tsx', 'js', 'typescript', 'javascript'])) {
    const name = `${b.doc.replace(/\W/g, '_')}_${b.line}.${b.lang === 'tsx' ? 'tsx' : 'ts'}`;
    // Each block is its own module (export {} makes a block without imports one too).
    writeFileSync(join(dir, name), `${b.code}\nexport {};\n`);
    files.set(name, b);
  }
  assert.ok(files.size >= 5, `only ${files.size} blocks found`);
  const src = (p: string) => [join(root, 'src', p)];
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true,
      jsx: 'react-jsx', skipLibCheck: true, noEmit: true, types: [], experimentalDecorators: true, useDefineForClassFields: false,
      paths: {
        telltale: src('index.ts'), 'telltale/all.js': src('all.ts'), 'telltale/streams': src('streams/index.ts'),
        'telltale/react': src('frameworks/react.ts'), 'telltale/vue': src('frameworks/vue.ts'), 'telltale/elements/*': src('elements/*'),
      },
    },
    files: [...files.keys()],
  }));
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  const errors = [...`${r.stdout}`.matchAll(/^(\S+?)\((\d+),\d+\): (error TS\d+: .*)$/gm)].map(([, file, line, msg]) => {
    const b = files.get(file.split('/').pop()!);
    return b ? `${b.doc}:${b.line + Number(line)}: ${msg}` : `${file}:${line}: ${msg}`;
  });
  assert.deepEqual(errors, [], r.stdout.slice(0, 4000));
  assert.equal(r.status, 0, r.stdout.slice(0, 4000));
});

test('every html block uses only attributes its Telltale tags have', () => {
  type Decl = { tagName?: string; attributes?: { name: string }[] };
  const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8')) as { modules: { declarations?: Decl[] }[] };
  const attrs = new Map(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, new Set((d.attributes ?? []).map((a) => a.name))]));
  const GLOBAL = new Set(['class', 'style', 'id', 'slot', 'part', 'hidden', 'title', 'lang', 'dir', 'tabindex', 'role']);
  const bad: string[] = [];
  for (const b of checked(['html'])) {
    for (const m of b.code.matchAll(/<([a-z]+-[a-z-]+)((?:\s+[a-z-]+(?:="[^"]*"|='[^']*')?)*)\s*\/?>/g)) {
      const known = attrs.get(m[1]);
      if (!known) { bad.push(`${b.doc}:${b.line}: <${m[1]}> is not a Telltale tag`); continue; }
      for (const a of m[2].matchAll(/([a-z-]+)(?:=|\s|$)/g)) {
        if (!known.has(a[1]) && !GLOBAL.has(a[1]) && !a[1].startsWith('data-') && !a[1].startsWith('aria-')) bad.push(`${b.doc}:${b.line}: <${m[1]}> has no attribute ${a[1]}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('no vue block outside the example apps is checked by nothing', () => {
  assert.deepEqual(checked(['vue']).map((b) => `${b.doc}:${b.line}`), []);
});
