/**
 * What the end-to-end tests share: the built dashboard (rebuilt as `npm start` would when it is
 * missing or older than its sources), the reference server serving it, and Debian's Chromium.
 */
import { execFileSync } from 'node:child_process';
import { after, before } from 'node:test';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, root } from '../bench/harness.js';
import { createServer, type RunningServer } from '../../demo/server/index.js';

/** Newest modification time under a directory (the demo's and the library's sources). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'server' || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Build `demo-dist/` when it is missing or older than its sources (the demo, the library, the
 * build scripts: scripts/bundle.mjs makes its bundle/); start the server and Chromium.
 */
export async function startBuiltDashboard(o: { seed: number; warmupMs: number }): Promise<{ server: RunningServer; browser: Browser }> {
  const index = join(root, 'demo-dist/index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const scripts = ['build-demo.mjs', 'bundle.mjs', 'minify-css-templates.mjs'].map((f) => statSync(join(root, 'scripts', f)).mtimeMs);
  if (built < Math.max(newest(join(root, 'demo')), newest(join(root, 'src')), ...scripts)) {
    execFileSync(process.execPath, ['scripts/build-demo.mjs'], { cwd: root, stdio: 'inherit' });
  }
  const server = await createServer({ port: 0, staticDir: join(root, 'demo-dist'), seed: o.seed, warmupMs: o.warmupMs });
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_ARGS });
  return { server, browser };
}

/**
 * For a test file: the built dashboard, its server and Chromium started before its tests
 * (`use` receives them) and closed after them.
 */
export function builtDashboardPerFile(o: { seed: number; warmupMs: number }, use: (d: { server: RunningServer; browser: Browser }) => void): void {
  let d: { server: RunningServer; browser: Browser } | null = null;
  before(async () => {
    d = await startBuiltDashboard(o);
    use(d);
  });
  after(async () => {
    await d?.browser.close();
    await d?.server.close();
  });
}
