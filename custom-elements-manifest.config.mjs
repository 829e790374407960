// custom-elements.json: what IDEs, Storybook's docs and framework tooling read about each tag.
// The shared base (telltale-element.ts) is analysed so that `.hub` is listed as inherited on
// every element; the other shared helpers are not public API.
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
        for (const d of mod.declarations) if (d.members) d.members = d.members.filter(isPublic);
        mod.exports = (mod.exports ?? []).filter((e) => mod.declarations.some((d) => d.name === e.declaration?.name));
      }
    },
  };
}
