/** Types for scripts/minify-css-templates.mjs (see there). */
export interface PieceOptions {
  first?: boolean;
  last?: boolean;
  keepLines?: boolean;
}
export function minifyCssPiece(src: string, options?: PieceOptions): string;
export function minifyCssTemplates(code: string, options?: { fileName?: string; keepLines?: boolean }): string;
export function minifyHtmlPieces(pieces: string[], options?: { keepLines?: boolean }): string[] | null;
export function minifyHtmlTemplates(code: string, options?: { fileName?: string; keepLines?: boolean }): string;
export function minifyTemplates(code: string, options?: { fileName?: string; keepLines?: boolean }): string;
export function minifyCssTemplatesEsbuild(): { name: string; setup(build: any): void };
export function minifyCssTemplatesVite(): {
  name: string;
  enforce: 'pre';
  apply: 'build';
  transform(code: string, id: string): { code: string; map: null } | null;
};
