/**
 * What a newcomer runs first: the reference server's `--help`, and `npm test`'s own output
 * (progress while it runs, and the closing line the README promises).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../..');

interface Run {
  code: number | null;
  stdout: string;
  /** When each stdout chunk arrived, ms after the start, with the text so far. */
  chunks: { at: number; text: string }[];
  exitAt: number;
}

function run(args: string[], cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((done, fail) => {
    const t0 = Date.now();
    // Without NODE_TEST_CONTEXT: a `node --test` started from here must report as if run by hand.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
    const r: Run = { code: null, stdout: '', chunks: [], exitAt: 0 };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      r.stdout += c;
      r.chunks.push({ at: Date.now() - t0, text: r.stdout });
    });
    child.stderr.resume();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`still running after ${timeoutMs} ms; output: ${r.stdout.slice(0, 400)}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      r.code = code;
      r.exitAt = Date.now() - t0;
      done(r);
    });
  });
}

function runCmd(cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (e) => done({ code: -1, stdout, stderr: String(e) }));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('first run', () => {
  it('the reference server --help prints its options and exits 0 without starting', async () => {
    const r = await run(['--import', 'tsx', 'demo/server/main.ts', '--help'], root, 20_000);
    assert.equal(r.code, 0);
    for (const flag of ['--port', '--host', '--seed', '--cors', '--static', '--fault', '--help']) assert.ok(r.stdout.includes(flag), `mentions ${flag}`);
    assert.doesNotMatch(r.stdout, /listening on http:\/\/\d/, "it did not start a server");
    const short = await run(['--import', 'tsx', 'demo/server/main.ts', '-h'], root, 20_000);
    assert.equal(short.code, 0);
    assert.equal(short.stdout, r.stdout);
  });

  it('npm ci has no install script left unsettled (package.json allowScripts covers them all)', async (t) => {
    // In the clone, as a user asks it (.ci/run gives its copy its own npm ci: a linked
    // node_modules made npm report the denied scripts as unreviewed).
    const npm = await runCmd('npm', ['install-scripts', 'ls'], root);
    if (npm.code !== 0 && /Unknown command/i.test(npm.stdout + npm.stderr)) {
      t.skip(`this npm has no install-scripts command (npm 11 has): ${npm.stderr.trim().split('\n')[0]}`);
      return;
    }
    assert.equal(npm.code, 0, npm.stderr);
    assert.match(npm.stdout, /No packages with unreviewed install scripts/, npm.stdout);
  });

  it('npm test -- unit runs the unit tests and counts them (one step by name, as the README says)', async () => {
    // The unit step was started without waiting for it: alone, the script printed its closing
    // line at once and exited, killing the tests (`0 passed, 0 failed, 0 skipped`).
    const dir = mkdtempSync(join(tmpdir(), 'telltale-test-unit-'));
    try {
      mkdirSync(join(dir, 'test/unit'), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      writeFileSync(join(dir, 'test/unit/slow.test.ts'), `import { test } from 'node:test';\ntest('slow', () => new Promise((r) => setTimeout(r, 1500)));\n`);
      const r = await run([join(root, 'scripts/test.mjs'), 'unit'], dir, 60_000);
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /✔ slow/, r.stdout);
      assert.equal(r.stdout.trim().split('\n').at(-1), '1 passed, 0 failed, 0 skipped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('npm test -- with a step that does not exist fails and names the steps there are', async () => {
    const child = await runCmd(process.execPath, [join(root, 'scripts/test.mjs'), 'units'], root);
    assert.equal(child.code, 2, `exit ${child.code}: ${child.stdout}`);
    assert.match(child.stderr, /no step "units"/);
    for (const step of ['typecheck', 'server', 'unit', 'browser', 'e2e']) assert.ok(child.stderr.includes(step), `names ${step}: ${child.stderr}`);
    assert.doesNotMatch(child.stdout, /passed/, 'no closing line that looks like a result');
  });

  it('npm test says which real programs its server tests need before running them, and finds nginx off a user’s PATH', async () => {
    // On a fresh machine the server step failed minutes in with "spawn redis-server ENOENT";
    // and a Debian user's PATH has no /usr/sbin, where nginx is, so wire.test.ts could not run it.
    const dir = mkdtempSync(join(tmpdir(), 'telltale-test-programs-'));
    try {
      mkdirSync(join(dir, 'test/server'), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      writeFileSync(
        join(dir, 'test/server/nginx.test.ts'),
        `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
test('nginx runs', () => assert.equal(spawnSync(process.env.NGINX ?? 'nginx', ['-v']).status, 0));
`,
      );
      const env: NodeJS.ProcessEnv = { ...process.env, TELLTALE_NO_INSTALL: '1' };
      delete env.NODE_TEST_CONTEXT;
      delete env.NGINX;
      // Nothing on PATH: every program is missing; npm test names them and the packages, and runs nothing.
      const none = await runCmd(process.execPath, [join(root, 'scripts/test.mjs'), 'server'], dir, { ...env, PATH: join(dir, 'empty') });
      assert.equal(none.code, 1, none.stdout + none.stderr);
      assert.match(none.stderr, /not found: redis-server, prometheus-node-exporter, bazel/);
      assert.match(none.stderr, /apt-get install -y redis-server prometheus-node-exporter bazel-bootstrap/);
      assert.doesNotMatch(none.stdout, /━━ server/, 'no step started');
      // A Debian user's PATH (no /usr/sbin): the tests still get nginx.
      const user = await runCmd(process.execPath, [join(root, 'scripts/test.mjs'), 'server'], dir, { ...env, PATH: '/usr/local/bin:/usr/bin:/bin' });
      assert.equal(user.code, 0, user.stdout + user.stderr);
      assert.equal(user.stdout.trim().split('\n').at(-1), '1 passed, 0 failed, 0 skipped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the dashboard build npm start runs first prints no warning', async () => {
    // A newcomer's first screen: Vite warned about the classic theme script and about the
    // dashboard importing <json-view> both ways, both on purpose; a slow machine added a
    // "plugin timings" warning.
    const out = mkdtempSync(join(tmpdir(), 'telltale-demo-build-'));
    try {
      const r = await runCmd(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'], root);
      assert.equal(r.code, 0, r.stderr);
      assert.equal((r.stdout + r.stderr).trim(), '', 'vite build --logLevel warn printed something');
      assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /<script src="\/theme\.js"\s*>/, 'the theme script is left as it is');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('npm test shows a step’s output while it runs, and ends with the line the README promises', async () => {
    // scripts/test.mjs in a scratch project whose only server test takes a while after its first result.
    const dir = mkdtempSync(join(tmpdir(), 'telltale-test-script-'));
    try {
      mkdirSync(join(dir, 'test/server'), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      writeFileSync(
        join(dir, 'test/server/slow.test.ts'),
        `import { test } from 'node:test';
test('quick', () => {});
test('slow', () => new Promise((r) => setTimeout(r, 2500)));
test.skip('skipped', () => {});
`,
      );
      const r = await run([join(root, 'scripts/test.mjs'), 'server'], dir, 60_000);
      assert.equal(r.code, 0, r.stdout);
      const quick = r.chunks.find((c) => /✔ quick/.test(c.text));
      assert.ok(quick, `the first result was printed: ${r.stdout}`);
      assert.ok(r.exitAt - quick.at > 1500, `the first result came ${r.exitAt - quick.at} ms before the end, not at the end`);

      // README: "It ends with a line `N passed, N failed, N skipped`."
      const readme = readFileSync(join(root, 'README.md'), 'utf8');
      const promised = /ends with a line `([^`]+)`/.exec(readme)?.[1];
      assert.ok(promised, 'the README says how npm test ends');
      const pattern = new RegExp(`^${promised.replace(/N/g, '\\d+')}$`);
      const last = r.stdout.trim().split('\n').at(-1)!;
      assert.match(last, pattern, `last line "${last}" has the README's form "${promised}"`);
      assert.equal(last, '2 passed, 0 failed, 1 skipped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
