// The consumer apps, as a user gets Telltale: pack the library (npm pack, which builds it
// through prepack), then for each app in examples/: npm ci, install the tarball, type-check
// under strict, check that a typo'd prop and a wrong event type FAIL the type check (the
// type-errors/ files), build, serve the build from the reference server and open it in
// Chromium: live data shown, one typed event received. Prints each step's seconds.
//
//   node examples/run.mjs [react|vue|angular|html…]      (default: all four)
//   TELLTALE_TARBALL=examples/.pack/telltale-0.1.0.tgz node examples/run.mjs   (reuse a pack)
//   TELLTALE_BUILT=1 node examples/run.mjs   (dist/ was just built: pack without prepack's build)
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ex = (...p) => join(root, 'examples', ...p);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];

/** Each app: how to type-check it, which errors its type-errors/ files must produce, how to build it. */
const APPS = {
  react: {
    typecheck: [npm, 'run', 'typecheck'],
    bad: { cmd: ['node_modules/.bin/tsc', '--noEmit', '-p', 'tsconfig.bad.json'], expect: [/Property 'pageSise' does not exist/, /is not assignable to type '\(event: RolloutViewTracesEvent\) => void'/] },
    build: [npm, 'run', 'build'],
    serve: 'dist',
    // Node resolves the same specifiers (and the elements construct there).
    node: 'node-imports.mjs',
  },
  vue: {
    typecheck: [npm, 'run', 'typecheck'],
    bad: { cmd: ['node_modules/.bin/vue-tsc', '--noEmit', '-p', 'tsconfig.bad.json'], expect: [/'pageSise' does not exist/, /is not assignable to type '\(event: RolloutViewTracesEvent\) => void'/] },
    build: [npm, 'run', 'build'],
    serve: 'dist',
  },
  angular: {
    // `ng build` type-checks the templates itself (strictTemplates); a separate ngc run would
    // double the time.
    typecheck: null,
    // CUSTOM_ELEMENTS_SCHEMA leaves property names on custom elements unchecked: only the event.
    bad: { name: 'a wrong event type fails the template type check', cmd: ['node_modules/.bin/ngc', '-p', 'tsconfig.bad.json'], expect: [/Argument of type 'RolloutViewTracesEvent' is not assignable to parameter of type 'SpanSelectEvent'/] },
    build: [npm, 'run', 'build'],
    serve: 'dist/browser',
  },
  // index.html loads the one file; split.html the split build (bundle/: telltale.js and engine.js).
  html: { serve: '.', pages: ['', 'split.html'] },
};

const timings = [];
let failures = 0;
function run(cwd, cmd, { expectFail = false } = {}) {
  const started = Date.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NG_CLI_ANALYTICS: 'false' }, maxBuffer: 64 * 1024 * 1024 });
  const secs = (Date.now() - started) / 1000;
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (!expectFail && r.status !== 0) throw new Error(`${cmd.join(' ')} (in ${cwd}) exited ${r.status}:\n${out.slice(-4000)}`);
  return { out, status: r.status, secs };
}
async function step(app, name, fn) {
  const started = Date.now();
  try {
    await fn();
    const secs = (Date.now() - started) / 1000;
    timings.push({ app, name, secs });
    console.log(`✔ ${app}: ${name} (${secs.toFixed(1)} s)`);
  } catch (e) {
    failures++;
    console.log(`✖ ${app}: ${name}\n${String(e instanceof Error ? e.message : e).replace(/^/gm, '    ')}`);
    throw e;
  }
}

/** The reference server on a free port, serving `dir` as its static site (same origin: no CORS). */
function startServer(dir) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts', '--port', '0', '--seed', '7', '--static', dir], {
    cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TELLTALE_QUIET: '1' },
  });
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`reference server did not start:\n${out}`)), 30000);
    child.stdout.on('data', (c) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); res({ url: m[1], stop: () => child.kill('SIGTERM') }); }
    });
    child.on('exit', (code) => rej(new Error(`reference server exited with ${code}:\n${out}`)));
  });
}

/** Live data shown, one typed event received: what a user of each app sees. */
async function inBrowser(browser, url, app) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(url);
    await page.locator('rollout-table').getByText(/ro-[0-9a-f]{12}/).first().waitFor({ timeout: 20000 });
    await page.locator('log-console .row .msg').filter({ hasText: /\S/ }).first().waitFor({ timeout: 20000 });
    // The typed event: "View traces" on the first rollout; the app shows what e.detail carried.
    const first = (await page.locator('rollout-table').getByText(/ro-[0-9a-f]{12}/).first().innerText()).trim();
    await page.locator('rollout-table [data-action=traces]').first().click();
    await page.locator('#picked').getByText(/Traces of ro-[0-9a-f]{12}/).waitFor({ timeout: 10000 });
    const picked = await page.locator('#picked').innerText();
    if (!picked.includes(first)) throw new Error(`${app}: clicked traces of ${first}, the app shows "${picked}"`);
    await page.locator('trace-view').waitFor({ timeout: 10000 });
    // split.html: the engine from the split build's engine entry (runFeed, liveDecoder, LiveFolder).
    if (url.endsWith('split.html')) await page.locator('#engine').getByText(/^runFeed: \d+ workers$/).waitFor({ timeout: 20000 });
    await page.screenshot({ path: join(ex('.pack'), `${app}${url.endsWith('split.html') ? '-split' : ''}.png`), fullPage: true });
    if (errors.length) throw new Error(`${app}: console errors:\n${errors.join('\n')}`);
  } finally {
    await page.close();
  }
}

/**
 * `npx telltale relay …` from the installed package (built CLI, shipped dashboard): it starts,
 * answers `/` with the dashboard (not the "dashboard not built" page) and lists its stream.
 */
async function relayServesDashboard(dir) {
  const log = join(dir, '.relay-check.log');
  writeFileSync(log, 'hello from the installed relay\n');
  const child = spawn(process.execPath, [join(dir, 'node_modules/telltale/bin/telltale.mjs'), 'relay', '--port', '0', `file:check=${log}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((ok, fail) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error(`the relay did not start: ${out}`)), 20000);
      const read = (b) => {
        out += b;
        const m = /https?:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (m) { clearTimeout(timer); ok(m[0]); }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => fail(new Error(`the relay exited (${code}): ${out}`)));
    });
    const page = await (await fetch(`${url}/`)).text();
    if (!/<telltale-dashboard/.test(page)) throw new Error(`/ is not the dashboard:\n${page.slice(0, 400)}`);
    const streams = await (await fetch(`${url}/logs`)).text();
    if (!streams.includes('"check"')) throw new Error(`/logs does not list the stream: ${streams.slice(0, 400)}`);
  } finally {
    child.kill();
    rmSync(log, { force: true });
  }
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(APPS);
for (const a of wanted) if (!APPS[a]) throw new Error(`unknown app ${a}; one of ${Object.keys(APPS).join(', ')}`);

mkdirSync(ex('.pack'), { recursive: true });
let tarball = process.env.TELLTALE_TARBALL && resolve(process.env.TELLTALE_TARBALL);
if (!tarball) {
  const built = process.env.TELLTALE_BUILT === '1';
  await step('library', built ? 'npm pack (dist/ already built)' : 'npm pack (prepack builds)', () => {
    for (const f of readdirSync(ex('.pack'))) if (f.endsWith('.tgz')) rmSync(ex('.pack', f));
    run(root, [npm, 'pack', '--pack-destination', ex('.pack'), ...quiet, ...(built ? ['--ignore-scripts'] : [])]);
    tarball = ex('.pack', readdirSync(ex('.pack')).find((f) => f.endsWith('.tgz')));
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
try {
  for (const app of wanted) {
    const cfg = APPS[app];
    const dir = ex(app);
    try {
      if (app === 'html') {
        // A portal with no bundler copies the one file the package ships, or its split build.
        await step(app, 'copy dist/telltale.bundle.js and dist/bundle/ out of the tarball', () => {
          rmSync(join(dir, 'bundle'), { recursive: true, force: true });
          run(dir, ['tar', '-xzf', tarball, '--strip-components=2', 'package/dist/telltale.bundle.js', 'package/dist/bundle']);
          if (!existsSync(join(dir, 'telltale.bundle.js'))) throw new Error('no telltale.bundle.js in the tarball');
          for (const f of ['bundle/telltale.js', 'bundle/engine.js']) if (!existsSync(join(dir, f))) throw new Error(`no ${f} in the tarball`);
        });
      } else {
        await step(app, 'npm ci + install the tarball', () => {
          run(dir, [npm, 'ci', ...quiet]);
          run(dir, [npm, 'install', tarball, '--no-save', ...quiet]);
        });
        if (cfg.typecheck) await step(app, 'type-check (strict)', () => run(dir, cfg.typecheck));
        await step(app, cfg.bad.name ?? 'typo\'d prop and wrong event type fail the type check', () => {
          const r = run(dir, cfg.bad.cmd, { expectFail: true });
          if (r.status === 0) throw new Error('type-errors/ type-checked cleanly');
          const missing = cfg.bad.expect.filter((re) => !re.test(r.out));
          if (missing.length) throw new Error(`expected errors ${missing.join(', ')} not reported:\n${r.out.slice(-3000)}`);
        });
        if (cfg.node) await step(app, 'Node imports the documented specifiers', () => run(dir, [process.execPath, cfg.node]));
        if (app === 'react') await step(app, 'the installed `telltale relay` serves the dashboard', () => relayServesDashboard(dir));
        await step(app, cfg.typecheck ? 'build' : 'build (type-checks under strictTemplates)', () => run(dir, cfg.build));
      }
      for (const p of cfg.pages ?? ['']) {
        await step(app, `in Chromium${p ? ` (${p})` : ''}: live data, one typed event`, async () => {
          const server = await startServer(join(dir, cfg.serve));
          try {
            await inBrowser(browser, `${server.url}/${p}`, app);
          } finally {
            server.stop();
          }
        });
      }
    } catch {
      // reported by step(); go on with the next app
    }
  }
} finally {
  await browser.close();
}

const total = timings.reduce((s, t) => s + t.secs, 0);
console.log(`\nconsumer apps: ${timings.length} steps passed, ${failures} failed, ${total.toFixed(0)} s`);
for (const app of new Set(timings.map((t) => t.app))) {
  console.log(`  ${app}: ${timings.filter((t) => t.app === app).map((t) => `${t.name} ${t.secs.toFixed(1)} s`).join('; ')}`);
}
process.exit(failures ? 1 : 0);
