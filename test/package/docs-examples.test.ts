// Each framework guide shows its example app's code, file for file: every source file of
// examples/<app> appears verbatim as a fenced block of docs/integration/<app>.md, so the guide
// cannot drift from the app CI builds and runs (examples/run.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SHOWN: Record<string, string[]> = {
  react: ['src/main.tsx', 'src/TrainingPage.tsx'],
  vue: ['src/main.ts', 'vite.config.ts', 'src/shims.d.ts', 'src/App.vue'],
  angular: ['src/main.ts', 'src/app/training.component.ts'],
};

const blocks = (md: string) => [...md.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1].replace(/\n$/, ''));

for (const [app, files] of Object.entries(SHOWN)) {
  test(`docs/integration/${app}.md shows examples/${app}'s code verbatim`, () => {
    const shown = blocks(readFileSync(`${root}docs/integration/${app}.md`, 'utf8'));
    for (const file of files) {
      const code = readFileSync(`${root}examples/${app}/${file}`, 'utf8').replace(/\n$/, '');
      assert.ok(shown.includes(code), `examples/${app}/${file} is not shown verbatim in docs/integration/${app}.md`);
    }
  });
}
