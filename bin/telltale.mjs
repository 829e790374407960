#!/usr/bin/env node
// The `telltale` command. Runs the built CLI (dist/cli) when the package is built, else the
// TypeScript sources through tsx (a development checkout).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/cli/main.js');
let cli;
if (existsSync(built)) {
  cli = await import(pathToFileURL(built).href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  cli = await tsImport(pathToFileURL(join(root, 'src/cli/main.ts')).href, import.meta.url);
}
const code = await cli.main(process.argv.slice(2));
process.exit(code);
