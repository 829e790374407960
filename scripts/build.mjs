// `npm run build`: the library — ES modules and .d.ts per source file (tsc), and
// custom-elements.json (the analyzer), which Storybook's docs and IDEs read.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
run('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json']);
run('node_modules/.bin/cem', ['analyze', '--config', 'custom-elements-manifest.config.mjs']);
console.log('built dist/ and custom-elements.json');
