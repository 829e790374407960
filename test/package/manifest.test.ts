// custom-elements.json tells the truth about events, lists the inherited `.hub`, and is the
// committed output of the current source (IDEs, Storybook and framework tooling read it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TelltaleEventMaps, TelltaleTag } from '../../src/frameworks/tags.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
type Decl = { tagName?: string; name: string; cssParts?: { name: string }[]; cssProperties?: { name: string; default?: string }[]; events?: { name: string; type?: { text: string } }[]; members?: { name: string; inheritedFrom?: { name: string } }[] };
const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8')) as { modules: { path: string; declarations?: Decl[] }[] };
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => ({ path: m.path, d })));

/** The events an element's event classes really dispatch: imported and read at run time. */
async function realEvents(elementPath: string): Promise<Map<string, string>> {
  const dir = join(root, elementPath, '..');
  const found = new Map<string, string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.events.ts'))) {
    const mod = (await import(join(dir, f))) as Record<string, unknown>;
    for (const [cls, v] of Object.entries(mod)) {
      const name = typeof v === 'function' ? ((v as { eventName?: unknown; type?: unknown }).eventName ?? (v as { type?: unknown }).type) : undefined;
      if (typeof name === 'string' && (v as { prototype: unknown }).prototype instanceof Event) found.set(name, cls);
    }
  }
  return found;
}

test("every element is in the manifest, and in the README's list of elements", () => {
  assert.equal(elements.length, 12, elements.map((e) => e.d.tagName).join(', '));
  const list = /- \*\*Elements\*\* \(Lit\):([\s\S]*?)\n- /.exec(readFileSync(`${root}README.md`, 'utf8'))?.[1] ?? '';
  const listed = [...list.matchAll(/`<([a-z-]+)>`/g)].map((m) => m[1]).sort();
  assert.deepEqual(listed, elements.map((e) => e.d.tagName!).sort(), 'README.md lists other elements than the code has');
});

test('events: exactly the event classes each element has, each with its class as type (no phantoms, no nameless)', async () => {
  for (const { path, d } of elements) {
    const real = await realEvents(path);
    const listed = new Map((d.events ?? []).map((e) => [e.name, e.type?.text]));
    assert.deepEqual(listed, real, `<${d.tagName}>`);
  }
});

test('the inherited .hub is listed on every element built on TelltaleElement', () => {
  const src = (p: string) => readFileSync(join(root, p), 'utf8');
  for (const { path, d } of elements) {
    if (!/extends TelltaleElement\b/.test(src(path))) continue;
    const hub = d.members?.find((m) => m.name === 'hub');
    assert.equal(hub?.inheritedFrom?.name, 'TelltaleElement', `<${d.tagName}> lacks .hub`);
  }
});

test('the committed custom-elements.json is what the analyzer makes of the current source', () => {
  // The analyzer takes --outdir relative to the working directory.
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const out = mkdtempSync(join(root, 'test-results', 'cem-'));
  try {
    execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, out)], { cwd: root, stdio: 'pipe' });
    assert.ok(readFileSync(join(out, 'custom-elements.json'), 'utf8') === readFileSync(`${root}custom-elements.json`, 'utf8'), 'custom-elements.json is stale: run npm run analyze and commit it');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

/** The element's own source files (not stories or samples). */
function sourcesOf(elementPath: string): string {
  const dir = join(root, elementPath, '..');
  return readdirSync(dir).filter((f) => f.endsWith('.ts') && !/stories|samples/.test(f)).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

test('CSS custom properties: exactly the public --<tag>-… ones the styles read, each with the fallback they use as default', () => {
  for (const { path, d } of elements) {
    const src = sourcesOf(path);
    const used = new Set([...src.matchAll(new RegExp(`var\\((--${d.tagName}-[a-z0-9-]+)`, 'g'))].map((m) => m[1]));
    const listed = new Set((d.cssProperties ?? []).map((p) => p.name));
    assert.deepEqual([...listed].sort(), [...used].sort(), `<${d.tagName}>`);
    for (const p of d.cssProperties ?? []) {
      const at = src.indexOf(`var(${p.name},`);
      assert.ok(at >= 0 && p.default && src.slice(at).startsWith(`var(${p.name}, ${p.default}`), `<${d.tagName}> ${p.name}: default ${p.default}`);
    }
  }
});

test('parts: every literal part="…" an element renders is documented', () => {
  for (const { path, d } of elements) {
    const listed = new Set((d.cssParts ?? []).map((p) => p.name));
    const rendered = [...sourcesOf(path).matchAll(/\bpart="([a-z-]+)"/g)].map((m) => m[1]);
    assert.deepEqual(rendered.filter((p) => !listed.has(p)), [], `<${d.tagName}> renders undocumented parts`);
  }
});

// Compile-time (npm test's typecheck): the framework typings found the events of every element
// that has any (a module whose classes were not recognised would leave a tag with none).
type WithoutEvents = { [T in TelltaleTag]: keyof TelltaleEventMaps[T] extends never ? T : never }[TelltaleTag];
export const onlyTheProviderHasNoEvents: [WithoutEvents] extends ['telltale-provider'] ? true : false = true;
