// custom-elements.json: what IDEs, Storybook's docs and framework tooling read about each tag.
// The shared base (telltale-element.ts) is analysed so that `.hub` is listed as inherited on
// every element; the other shared helpers are not public API.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: [
    'src/**/*.stories.ts', 'src/**/*.samples.ts', 'src/**/*-samples.ts', 'src/elements/worker-board/story-hub.ts',
    'src/elements/shared/!(telltale-element).ts',
  ],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [trimForConsumers()],
};

/**
 * Consumers read the public face of each tag: keep the modules that declare an element (or its
 * base class), and drop private and protected members, which no consumer can use and which
 * were a quarter of the file.
 */
function trimForConsumers() {
  const isPublic = (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name?.startsWith('#');
  return {
    name: 'telltale-trim-for-consumers',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules = customElementsManifest.modules.filter((mod) =>
        (mod.declarations ?? []).some((d) => d.customElement || d.name === 'TelltaleElement'));
      // A stable order (the analyzer's varies from run to run), so the committed copy diffs cleanly.
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      for (const mod of customElementsManifest.modules) {
        mod.declarations = (mod.declarations ?? []).filter((d) => d.kind === 'class');
        for (const d of mod.declarations) if (d.members) d.members = d.members.filter((m) => isPublic(m) && declaredIn(mod.path, m));
        for (const d of mod.declarations) if (d.tagName) d.events = trueEvents(mod.path, d.events ?? []);
        for (const d of mod.declarations) for (const p of d.cssProperties ?? []) p.default ??= cssDefault(mod.path, p.name);
        mod.exports = (mod.exports ?? []).filter((e) => mod.declarations.some((d) => d.name === e.declaration?.name));
      }
    },
  };
}

/** Event class name → event name, from the element's *.events.ts (`static readonly eventName`). */
function eventClasses(elementPath) {
  const dir = dirname(elementPath);
  const names = new Map();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.events.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    for (const m of src.matchAll(/export class (\w+) extends \w*Event\b[^{]*\{[\s\S]*?static readonly (?:eventName|type) = '([^']+)'/g)) names.set(m[1], m[2]);
  }
  return names;
}

/**
 * The analyzer reads `dispatchEvent(new X(...))` as an event named after a nearby identifier
 * (`on`, `line`, `detail`) or with no name, beside the @event docs. Keep one entry per event the
 * element's event classes define, with the class as its type and the @event description.
 */
function trueEvents(elementPath, events) {
  const classes = eventClasses(elementPath);
  if (classes.size === 0) return events;
  const byName = new Map();
  for (const e of events) {
    const name = (e.type?.text && classes.get(e.type.text)) || e.name;
    if (![...classes.values()].includes(name)) continue; // a phantom
    const prev = byName.get(name) ?? { name };
    byName.set(name, { ...prev, ...(e.description ? { description: e.description } : {}), ...(e.type?.text && classes.has(e.type.text) ? { type: e.type } : {}) });
  }
  for (const [cls, name] of classes) {
    const e = byName.get(name) ?? { name };
    byName.set(name, { ...e, type: { text: cls } });
  }
  return [...byName.values()];
}

/** The fallback the element's styles give a public custom property: `var(--name, <this>)`. */
export function cssDefault(elementPath, name) {
  const dir = dirname(elementPath);
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('.stories.'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    const at = src.indexOf(`var(${name},`);
    if (at < 0) continue;
    let depth = 1;
    let i = at + `var(${name},`.length;
    const start = i;
    for (; i < src.length && depth > 0; i++) {
      if (src[i] === '(') depth++;
      else if (src[i] === ')') depth--;
    }
    return src.slice(start, i - 1).trim();
  }
  return undefined;
}

/**
 * The analyzer also lists assignments like `this.window.onUserScroll = …` as members of the
 * element. Keep a member only when the class declares it (field, accessor or method) or
 * inherits it.
 */
function declaredIn(path, member) {
  if (member.inheritedFrom) return true;
  const src = readFileSync(path, 'utf8');
  const name = member.name.replace(/[$]/g, '\\$');
  return new RegExp(`^\\s*(?:@[^\\n]*\\n\\s*|@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|readonly|override|declare|accessor|static|async)\\s+)*(?:get\\s+|set\\s+)?${name}\\b\\s*[?!]?\\s*[:=(;<]`, 'm').test(src);
}
