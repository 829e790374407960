// The split everything bundle as it ships (scripts/bundle.mjs: esbuild, then terser over each
// output file): its files still find each other — every file another one imports, statically or
// with import(), was emitted and exports every name imported from it — and terser earns its
// place: the first load (the entry and what it imports statically) is smaller in brotli than
// esbuild's output alone. That the files also run is the portal test's (test/e2e/dashboard.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import ts from 'typescript';
import { BUNDLE_OPTIONS, SPLIT_ENTRIES, SPLIT_OPTIONS, buildSplitBundle, rxjsNativeAsync } from '../../scripts/bundle.mjs';
import { minifyCssTemplatesEsbuild } from '../../scripts/minify-css-templates.mjs';

interface Links {
  /** Static imports (and re-exports): specifier → names taken from it (`*` for a namespace). */
  imports: { spec: string; names: string[] }[];
  /** import('…') with a string literal. */
  dynamic: string[];
  exports: Set<string>;
}

/** What one ES module imports and exports, read with the TypeScript parser. */
function links(file: string, code: string): Links {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  const out: Links = { imports: [], dynamic: [], exports: new Set() };
  const exported = (n: ts.Node) => ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      const names: string[] = [];
      const b = s.importClause?.namedBindings;
      if (s.importClause?.name) names.push('default');
      if (b && ts.isNamespaceImport(b)) names.push('*');
      if (b && ts.isNamedImports(b)) for (const e of b.elements) names.push((e.propertyName ?? e.name).text);
      out.imports.push({ spec: s.moduleSpecifier.text, names });
    } else if (ts.isExportDeclaration(s)) {
      const from = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : null;
      const named = s.exportClause && ts.isNamedExports(s.exportClause) ? s.exportClause.elements : [];
      for (const e of named) out.exports.add(e.name.text);
      if (from) out.imports.push({ spec: from, names: named.length ? named.map((e) => (e.propertyName ?? e.name).text) : ['*'] });
    } else if (exported(s)) {
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) out.exports.add(d.name.text);
      } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) {
        out.exports.add(s.name.text);
      }
    }
  }
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) {
      out.dynamic.push(n.arguments[0].text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The entry and the files it reaches by static imports, concatenated in path order. */
function firstLoad(files: Map<string, Buffer>, parsed: Map<string, Links>, entry: string): Buffer {
  const seen = new Set([entry]);
  for (const queue = [entry]; queue.length; ) {
    const f = queue.shift()!;
    for (const { spec } of parsed.get(f)!.imports) {
      const target = normalize(join(dirname(f), spec));
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return Buffer.concat([...files.keys()].filter((k) => seen.has(k)).sort().map((k) => files.get(k)!));
}

test('the shipped split bundle links up after terser, and its first load is smaller than esbuild alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'telltale-split-'));
  try {
    await buildSplitBundle(dir);
    const files = new Map<string, Buffer>();
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) if (f.endsWith('.js')) files.set(normalize(f), readFileSync(join(dir, f)));
    assert.ok(files.has('telltale.js') && files.has('engine.js') && files.size > 10, [...files.keys()].join(' '));
    const parsed = new Map([...files].map(([f, b]) => [f, links(f, b.toString('utf8'))]));

    const broken: string[] = [];
    let dynamicCount = 0;
    for (const [f, l] of parsed) {
      for (const { spec, names } of l.imports) {
        const target = parsed.get(normalize(join(dirname(f), spec)));
        if (!target) broken.push(`${f} imports ${spec}, which was not emitted`);
        else for (const n of names) if (n !== '*' && !target.exports.has(n)) broken.push(`${f} imports ${n} from ${spec}, which does not export it`);
      }
      for (const spec of l.dynamic) {
        dynamicCount++;
        if (!spec.startsWith('./') && !spec.startsWith('../')) broken.push(`${f}: import('${spec}') is not relative to the module`);
        else if (!parsed.has(normalize(join(dirname(f), spec)))) broken.push(`${f}: import('${spec}') names no emitted file`);
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(dynamicCount >= 8, `the lazy parts are loaded with import(): ${dynamicCount} found`);

    // esbuild's own output of the same build, before terser.
    const raw = await build({
      ...BUNDLE_OPTIONS, entryPoints: SPLIT_ENTRIES, ...SPLIT_OPTIONS, outdir: dir, write: false,
      plugins: [rxjsNativeAsync, minifyCssTemplatesEsbuild()],
    });
    const rawFiles = new Map(raw.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [normalize(f.path.slice(dir.length + 1)), Buffer.from(f.contents)]));
    assert.deepEqual([...rawFiles.keys()].sort(), [...files.keys()].sort(), 'terser leaves the file names (esbuild\'s content hashes) as they are');
    const rawParsed = new Map([...rawFiles].map(([f, b]) => [f, links(f, b.toString('utf8'))]));
    const shipped = brotli(firstLoad(files, parsed, 'telltale.js'));
    const esbuildOnly = brotli(firstLoad(rawFiles, rawParsed, 'telltale.js'));
    // About 2.6 KiB (95.6 -> 93.0 KiB) when terser was added; below 1 KiB it no longer pays for its build time.
    assert.ok(esbuildOnly - shipped >= 1024, `first load brotli: esbuild ${esbuildOnly} B, shipped ${shipped} B`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
