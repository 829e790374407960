// `npm start`: builds the dashboard when its sources changed since the last build, then runs
// the reference server serving it and every API on one port (PORT, default 8080).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'server' && dir === 'demo') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// `npm start -- --help` only asks the server for its options: no build first.
const helpOnly = process.argv.slice(2).some((a) => a === '--help' || a === '-h');
const built = helpOnly ? Infinity : existsSync('demo-dist/index.html') ? statSync('demo-dist/index.html').mtimeMs : 0;
const sources = Math.max(newestMtime('demo'), newestMtime('src'));
if (sources > built) {
  console.log('Building the dashboard…');
  const r = spawnSync(process.execPath, ['scripts/build-demo.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts', '--static', 'demo-dist', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
