// `npm test`: typecheck, server tests (node:test), unit tests of pure modules (node:test), browser tests (web-test-runner in Debian's
// Chromium against the reference server) and end-to-end tests (playwright-core over
// `npm start`). Each step's output is shown as it comes (a step can take minutes). Ends with
// one plain line: `N passed, N failed, N skipped`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';
import { ensurePrograms } from './programs.mjs';

// One step by name (`npm test -- unit`); `none` runs no step (only the closing line).
const only = process.argv[2];
const STEPS = ['typecheck', 'server', 'unit', 'browser', 'e2e', 'storybook', 'none'];
if (only && !STEPS.includes(only)) {
  console.error(`npm test: there is no step "${only}". Steps: ${STEPS.slice(0, -1).join(', ')} (e.g. npm test -- unit); no name runs all but storybook.`);
  process.exit(2);
}

process.env.CHROME_PATH = ensureChromium();
// redis-server, node_exporter, Bazel, nginx: before any step, not as ENOENT failures minutes in.
if (!only || only === 'server' || only === 'e2e') ensurePrograms();
mkdirSync('test-results', { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
const parts = [];

/** Run a command, passing its output through as it comes while keeping a copy to count from. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (err) => resolve({ status: 1, stdout: `${stdout}\n${err.message}\n` }));
    child.on('close', (status) => resolve({ status: status ?? 1, stdout }));
  });
}

async function step(name, cmd, args, count) {
  console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = await run(cmd, args);
  const result = count(r);
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped ?? 0;
  for (const f of result.failures ?? []) totals.failures.push(`${name}: ${f}`);
  parts.push(`${name}: ${result.passed} passed, ${result.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const exitOnly = (r) => (r.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });

function nodeTestCounts(r) {
  const out = r.stdout ?? '';
  const pass = Number(/^ℹ pass (\d+)/m.exec(out)?.[1] ?? 0);
  const fail = Number(/^ℹ fail (\d+)/m.exec(out)?.[1] ?? 0);
  const skip = Number(/^ℹ skipped (\d+)/m.exec(out)?.[1] ?? 0);
  // Names of failed tests (spec reporter: `✖ name (…ms)`), minus the suites that only contain them.
  const failures = [...out.matchAll(/^\s*✖ (.+?)(?: \(\d+(?:\.\d+)?ms\))?$/gm)].map((m) => (m[1].length > 300 ? `${m[1].slice(0, 300)}…` : m[1]));
  const listed = [...new Set(failures.filter((n) => n !== 'failing tests:'))];
  // A crash before any summary still counts as a failure.
  return { passed: pass, failed: fail || (r.status !== 0 ? 1 : 0), skipped: skip, failures: listed.length ? listed : (r.status !== 0 ? [`exit ${r.status}`] : []) };
}


if (!only || only === 'typecheck') await step('typecheck', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.json'], exitOnly);

// Node tests: the server's, and the package's own (exports, SSR) in test/package.
const nodeTestsIn = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => `${dir}/${f}`) : []);
const serverTests = [...nodeTestsIn('test/server'), ...nodeTestsIn('test/package')];
if ((!only || only === 'server') && serverTests.length) {
  await step('server', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...serverTests], nodeTestCounts);
}

if (!only || only === 'browser') {
  await step('browser', 'node_modules/.bin/wtr', [], (r) => {
    try {
      const s = JSON.parse(readFileSync('test-results/wtr.json', 'utf8'));
      return { passed: s.passed, failed: s.failed || (r.status !== 0 && s.failed === 0 ? 1 : 0), skipped: s.skipped, failures: s.failures?.length ? s.failures : (r.status !== 0 ? [`exit ${r.status}`] : []) };
    } catch {
      return { passed: 0, failed: 1 };
    }
  });
}

// Unit tests of pure modules (node:test, no server, no browser): milliseconds each.
const unitTests = existsSync('test/unit') ? readdirSync('test/unit').filter((f) => f.endsWith('.test.ts')).map((f) => `test/unit/${f}`) : [];
if ((!only || only === 'unit') && unitTests.length) {
  await step('unit', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...unitTests], nodeTestCounts);
}

const e2eTests = existsSync('test/e2e') ? readdirSync('test/e2e').filter((f) => f.endsWith('.test.ts')).map((f) => `test/e2e/${f}`) : [];
if ((!only || only === 'e2e') && e2eTests.length) {
  await step('e2e', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...e2eTests], nodeTestCounts);
}

if (only === 'storybook') {
  // The built Storybook's every story, and `npm run storybook` (the dev server) as a newcomer meets it.
  await step('storybook', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', 'test/storybook/smoke.test.ts', 'test/storybook/dev.test.ts'], nodeTestCounts);
}

console.log('\n' + parts.join('\n'));
if (totals.failures.length) console.log(`failed:\n${totals.failures.map((f) => `  ✖ ${f}`).join('\n')}`);
writeFileSync(process.env.TEST_SUMMARY || 'test-results/summary.json', JSON.stringify(totals));
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
