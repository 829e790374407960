// Every `telltale…` specifier the README and docs/integration/ show must resolve through the
// package's `exports` map (Node's resolver, by package self-reference) to a file the build
// emits from an existing source. The consumer apps in examples/ check the same specifiers in
// TypeScript (bundler and node16 resolution) and Vite from the packed tarball.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = ['README.md', ...readdirSync(`${root}docs/integration`).map((f) => `docs/integration/${f}`)];

function specifiers(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const doc of docs) {
    const text = readFileSync(`${root}${doc}`, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(?\s*)['"](telltale(?:\/[^'"]*)?)['"]/g)) {
      found.set(m[1], [...(found.get(m[1]) ?? []), doc]);
    }
  }
  return found;
}

/** dist/x/y.js (or .d.ts) → the source tsc emits it from. */
function sourceOf(distFile: string): string | null {
  const rel = relative(`${root}dist`, distFile).replace(/\.d\.ts$|\.js$/, '');
  if (rel === 'telltale.bundle') return `${root}src/all.ts`;
  return existsSync(`${root}src/${rel}.ts`) ? `${root}src/${rel}.ts` : null;
}

test('the docs show at least the bundler imports of the README and each framework guide', () => {
  const found = specifiers();
  assert.ok(found.has('telltale/elements/live-activity/live-activity.define.js'), [...found.keys()].join(', '));
  assert.ok(found.size >= 4, [...found.keys()].join(', '));
});

test('every telltale specifier in README.md and docs/integration/ resolves to a shipped file with a source', () => {
  const bad: string[] = [];
  for (const [spec, where] of specifiers()) {
    let file: string;
    try {
      file = fileURLToPath(import.meta.resolve(spec));
    } catch (e) {
      bad.push(`${spec} (${where.join(', ')}): ${(e as Error).message}`);
      continue;
    }
    if (!sourceOf(file)) bad.push(`${spec} (${where.join(', ')}) → ${relative(root, file)}, which no source in src/ builds`);
  }
  assert.deepEqual(bad, []);
});

test('the types condition of each exports entry points at the .d.ts beside its .js', () => {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, string | { types?: string; default: string }> };
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue;
    assert.ok(target.types, `${key} has no types condition`);
    assert.equal(target.types.replace(/\.d\.ts$/, '.js'), target.default, key);
  }
});
