// What a page first loads from an entry, bundled as a browser loads it (esbuild, code splitting):
// the source files in the entry chunk and the chunks it imports statically, the ones only in
// chunks imported dynamically (fetched when used), and the entry's exports. `alongside`: other
// entries built with it (sharing chunks, as the split build's engine entry is); the files only
// they reach are in neither set.
import { build, type Metafile } from 'esbuild';

export async function firstLoad(entry: string, outdir: string, alongside: string[] = []): Promise<{ first: Set<string>; later: Set<string>; exports: string[] }> {
  const r = await build({ entryPoints: [entry, ...alongside], bundle: true, splitting: true, format: 'esm', outdir, write: false, metafile: true, logLevel: 'error', tsconfig: 'tsconfig.json', conditions: ['es2015'] });
  const outs: Metafile['outputs'] = r.metafile.outputs;
  const entryOut = Object.keys(outs).find((k) => outs[k]!.entryPoint === entry)!;
  const reach = (kinds: string[]) => {
    const seen = new Set<string>();
    const stack = [entryOut];
    while (stack.length) {
      const k = stack.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      for (const i of outs[k]!.imports) if (kinds.includes(i.kind) && outs[i.path]) stack.push(i.path);
    }
    return seen;
  };
  const seen = reach(['import-statement']);
  const reached = reach(['import-statement', 'dynamic-import']);
  const first = new Set<string>();
  const later = new Set<string>();
  for (const [k, o] of Object.entries(outs)) {
    if (!reached.has(k)) continue;
    for (const input of Object.keys(o.inputs)) (seen.has(k) ? first : later).add(input);
  }
  return { first, later, exports: outs[entryOut]!.exports };
}
