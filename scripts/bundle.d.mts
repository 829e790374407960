/** Types for scripts/bundle.mjs (see there). */
import type { BuildOptions, Metafile, Plugin } from 'esbuild';
import type { MinifyOptions } from 'terser';

export const BUNDLE_OPTIONS: BuildOptions;
export const SPLIT_OPTIONS: BuildOptions;
/** The split build's entries: output name → source. */
export const SPLIT_ENTRIES: { telltale: string; engine: string };
export const TERSER_OPTIONS: MinifyOptions;
/** rxjs's own source for its files that would bring tslib's async helpers (see bundle.mjs). */
export const rxjsNativeAsync: Plugin;
export function minifyOutput(code: string): Promise<string>;
export function bundleOutputs(options: BuildOptions): Promise<{ files: { path: string; contents: Buffer }[]; metafile: Metafile | undefined }>;
export function buildBundle(outfile: string): Promise<number>;
export function buildSplitBundle(outdir: string): Promise<number>;
