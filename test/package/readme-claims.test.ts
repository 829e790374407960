// README.md's claims checked against where they come from: the closing line `npm test` prints
// (run for real), the dashboard's pages (demo/app/routes.ts), the defaults the programs print in
// their --help, the hub's liveness timings, the framework versions the example apps build with,
// and package.json. (The element list is checked against the manifest in manifest.test.ts.)
// A README edited away from the code, or code changed under the README, fails here.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PAGES } from '../../demo/app/routes.js';
import { silenceLimitMs } from '../../src/streams/transports/sse.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(/\s*\n\s*/g, ' ');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const json = (p: string) => JSON.parse(read(p)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** The one capture of `re` in the README (it must be there). */
function claim(re: RegExp): string {
  const m = re.exec(readme);
  assert.ok(m, `README.md no longer says ${re}`);
  return m[1]!;
}
const tsx = (args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, TELLTALE_QUIET: '1' } });

test('the closing line npm test prints is the one the README states', () => {
  const stated = claim(/It ends with a line `([^`]+)`/);
  const dir = mkdtempSync(join(tmpdir(), 'telltale-readme-'));
  try {
    // No step selected: the script's own summary only (the steps' counts are tested elsewhere).
    const out = execFileSync(process.execPath, ['scripts/test.mjs', 'none'], { cwd: root, encoding: 'utf8', env: { ...process.env, TEST_SUMMARY: join(dir, 'summary.json') } });
    const last = out.trimEnd().split('\n').at(-1)!;
    assert.match(last, new RegExp(`^${stated.replaceAll('N', '\\d+')}$`), `npm test ends with "${last}", the README says "${stated}"`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the dashboard's pages, in the README's order", () => {
  const list = claim(/you see the dashboard: ([^.]+?), with the connection state/);
  const named = list.replace(/ \([^)]*\)/g, '').split(/, | and /);
  assert.deepEqual(named, PAGES.map((p) => p.title));
});

test('the ports and defaults it quotes are the programs’ own', () => {
  const server = tsx(['demo/server/main.ts', '--help']);
  assert.equal(claim(/the dashboard against the simulated cluster: http:\/\/localhost:(\d+)/), /--port N .*\(default (\d+)\)/.exec(server)?.[1]);
  const relay = execFileSync(process.execPath, ['bin/telltale.mjs', 'relay', '--help'], { cwd: root, encoding: 'utf8' });
  const relayPort = /--port N .*\(default (\d+)\)/.exec(relay)?.[1];
  assert.equal(claim(/then open http:\/\/localhost:(\d+)/), relayPort);
  assert.equal(claim(/It listens on 127\.0\.0\.1:(\d+)/), relayPort);
  assert.equal(claim(/the last `--keep` lines \((\d+)\)/), /--keep N .*\(default (\d+)\)/.exec(relay)?.[1]);
  const vite = read('vite.config.ts');
  assert.equal(claim(/hot reload on :(\d+)/), /port: (\d+)/.exec(vite)?.[1]);
  assert.equal(claim(/proxied to the reference server on :(\d+)/), /127\.0\.0\.1:(\d+)/.exec(vite)?.[1]);
});

test('a buffering proxy is named within the time the README states', () => {
  const seconds = Number(claim(/a buffering proxy is named within (\d+) s/));
  // The hub's defaults: no first byte within firstByteTimeoutMs, or silence past 1.5 heartbeats.
  const hub = read('src/streams/hub.ts');
  const heartbeat = Number(/heartbeatMs: options\.heartbeatMs \?\? (\d+)/.exec(hub)?.[1]);
  const firstByte = Number(/firstByteTimeoutMs: o\.firstByteTimeoutMs \?\? (\d+)/.exec(hub)?.[1]);
  assert.ok(heartbeat > 0 && firstByte > 0, 'the hub defaults moved: update this test');
  const worst = Math.max(firstByte, silenceLimitMs(heartbeat));
  assert.ok(worst <= seconds * 1000, `detected after up to ${worst} ms, the README says within ${seconds} s`);
  assert.ok(worst > (seconds - 5) * 1000, `detected within ${worst} ms: the README's ${seconds} s undersells it`);
});

test('Node, frameworks and install scripts: as package.json and the example apps have them', () => {
  const pkg = json('package.json');
  assert.equal(`>=${claim(/with Node (\d+\.\d+)\+/)}`, pkg.engines.node);
  const major = (app: string, dep: string) => String(json(`examples/${app}/package.json`).dependencies[dep]).replace(/^\D*/, '').split('.')[0];
  assert.equal(claim(/\| React (\d+) \|/), major('react', 'react'));
  assert.equal(claim(/\| Vue (\d+) \|/), major('vue', 'vue'));
  assert.equal(claim(/\| Angular (\d+) \|/), major('angular', '@angular/core'));
  const denied = claim(/\(`"allowScripts"`: ([^)]+?) denied\)/).replace(/`/g, '').split(/, | and /);
  assert.deepEqual(denied.sort(), Object.entries(pkg.allowScripts).filter(([, v]) => v === false).map(([k]) => k).sort());
});

test('the npm test steps it names are the ones scripts/test.mjs runs one at a time', () => {
  const named = [...readme.matchAll(/`npm test -- (\w+)`/g)].map((m) => m[1]!);
  const steps = JSON.parse(/const STEPS = (\[[^\]]*\])/.exec(read('scripts/test.mjs'))![1]!.replaceAll("'", '"')) as string[];
  assert.ok(named.length, 'the README names a step to run first');
  for (const n of named) assert.ok(steps.includes(n), `the README names "npm test -- ${n}", scripts/test.mjs has ${steps.join(', ')}`);
  // Every step a plain `npm test` runs is named (storybook runs apart; none runs nothing).
  assert.deepEqual([...new Set(named)].sort(), steps.filter((s) => s !== 'storybook' && s !== 'none').sort());
});

test('the relay example follows a file that is there, and telltale tail reads the stream it names', async () => {
  // It named /var/log/syslog, which Debian 12 does not have: the first thing a newcomer saw was
  // "does not exist yet".
  const [, source, name, path] = /npx telltale relay (file:(\w+)=(\S+))/.exec(readme) ?? [];
  assert.ok(source, 'the README shows a file source');
  assert.ok(existsSync(path!), `${path} is not on this (Debian) machine`);
  assert.equal(claim(/npx telltale tail http:\/\/localhost:\d+\/logs\/(\w+)/), name, 'tail reads the stream the relay makes');
  const relay = spawn(process.execPath, ['bin/telltale.mjs', 'relay', source!, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((done, fail) => {
      let out = '';
      relay.stdout.on('data', (c) => {
        out += c;
        const m = /Telltale relay on (http:\S+)/.exec(out);
        if (m) done(m[1]!);
      });
      relay.once('exit', (code) => fail(new Error(`relay exited ${code}: ${out}`)));
    });
    const res = await fetch(`${url}/logs/${name}?tail=3`, { signal: AbortSignal.timeout(15_000) });
    const reader = res.body!.getReader();
    let text = '';
    while (!/^data: /m.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    const first = JSON.parse(/^data: (.*)$/m.exec(text)![1]!) as { level: string; text: string };
    assert.doesNotMatch(first.text, /does not exist/, `the first line a newcomer sees: ${first.text}`);
  } finally {
    if (relay.exitCode === null && relay.signalCode === null) {
      const exited = new Promise((r) => relay.once('exit', r));
      relay.kill('SIGTERM');
      await exited;
    }
  }
});

test('the install commands install what npm pack makes (telltale is not on the npm registry)', () => {
  // `npm install telltale` answered 404 Not Found: a newcomer's dead end.
  const pkg = json('package.json');
  const tarball = `${pkg.name}-${pkg.version}.tgz`;
  for (const doc of ['README.md', 'docs/integration/react.md', 'docs/integration/vue.md', 'docs/integration/angular.md']) {
    const installs = [...read(doc).matchAll(/^npm install (\S+)/gm)].map((m) => m[1]!);
    assert.ok(installs.length, `${doc} says how to install`);
    for (const what of installs) assert.ok(what.endsWith(`/${tarball}`), `${doc}: "npm install ${what}" is not the tarball npm pack makes (${tarball})`);
  }
  assert.match(readme, new RegExp(`npm pack .*${tarball.replaceAll('.', '\\.')}`), 'the README says npm pack makes it');
});
