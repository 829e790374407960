/**
 * `telltale tail`: the terminal viewer against the reference server — the replayed lines
 * first, then live ones, with the level and text filters applied; coloured levels on demand.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '../../demo/server/index.js';
import { sandbox, sleep, start, type Sandbox } from './helpers.js';

const bin = fileURLToPath(new URL('../../bin/telltale.mjs', import.meta.url));

let server: RunningServer;
before(async () => {
  server = await start();
});
after(() => server.close());

class Cli {
  out = '';
  err = '';
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  constructor(args: string[]) {
    this.child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    this.child.stdout!.on('data', (c) => (this.out += c));
    this.child.stderr!.on('data', (c) => (this.err += c));
    this.exited = new Promise((r) => this.child.on('exit', (code) => r(code)));
  }
  async until(pred: () => boolean, what: string, ms = 15000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nstdout:\n${this.out}\nstderr:\n${this.err}`);
      await sleep(50);
    }
  }
  lines(): string[] {
    return this.out.split('\n').filter(Boolean);
  }
  async stop(): Promise<number | null> {
    this.child.kill('SIGINT');
    return this.exited;
  }
}

const inject = async (sb: Sandbox, level: string, text: string) => {
  const r = await sb.admin('inject', { stream: 'logs/scheduler', line: { level, text } });
  assert.equal(r.status, 200, await r.text());
};

describe('telltale tail', () => {
  it('prints the replayed lines, then live ones, filtered by level and text', async () => {
    const sb = await sandbox(server);
    await inject(sb, 'warn', 'replayed warn disk-7 \u001b[33mfull\u001b[0m');
    await inject(sb, 'info', 'replayed info disk-7 (below the level)');
    await inject(sb, 'error', 'replayed error net-2 (no match)');
    await inject(sb, 'error', 'replayed error disk-7 -- noisy');
    const cli = new Cli(['tail', `${sb.base}/logs/scheduler`, '--level', 'warn', '--grep', 'disk', '--grep', '-noisy']);
    await cli.until(() => cli.out.includes('replayed warn'), 'the replay');
    assert.match(cli.err, /● live/);
    await inject(sb, 'error', 'live error disk-9');
    await inject(sb, 'debug', 'live debug disk-9 (below the level)');
    await inject(sb, 'warn', 'live warn cpu (no match)');
    await inject(sb, 'warn', 'live warn disk-10');
    await cli.until(() => cli.out.includes('live warn disk-10'), 'the live lines');
    assert.equal(await cli.stop(), 0);
    const lines = cli.lines();
    assert.deepEqual(
      lines.map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d{3} /, '')),
      ['WARN  replayed warn disk-7 full', 'ERROR live error disk-9', 'WARN  live warn disk-10'],
    );
    assert.ok(!cli.out.includes('\u001b'), 'no escapes without colour');
  });

  it('colours levels on demand and prints NDJSON', async () => {
    const sb = await sandbox(server);
    await inject(sb, 'error', 'boom');
    const coloured = new Cli(['tail', `${sb.base}/logs/scheduler`, '--color', '--level', 'error', '--tail', '5']);
    await coloured.until(() => coloured.out.includes('boom'), 'a coloured line');
    await coloured.stop();
    assert.match(coloured.out, /\u001b\[31;1mERROR\u001b\[0m boom/);

    const json = new Cli(['tail', `${sb.base}/logs/scheduler`, '--json', '--grep', 'boom']);
    await json.until(() => json.out.includes('boom'), 'an NDJSON line');
    await json.stop();
    const record = JSON.parse(json.lines()[0]);
    assert.equal(record.text, 'boom');
    assert.equal(record.level, 'error');
    assert.equal(typeof record.id, 'number');
  });

  it('reconnects after the server drops the connection, without gaps or duplicates', async () => {
    const sb = await sandbox(server);
    const cli = new Cli(['tail', `${sb.base}/logs/scheduler`, '--grep', 'seq-', '--tail', '0']);
    await cli.until(() => cli.err.includes('● live'), 'live');
    await inject(sb, 'info', 'seq-1');
    await cli.until(() => cli.out.includes('seq-1'), 'seq-1');
    await sb.admin('restart', {});
    await inject(sb, 'info', 'seq-2');
    await inject(sb, 'info', 'seq-3');
    await cli.until(() => cli.out.includes('seq-3'), 'lines after the reconnect', 20000);
    await cli.stop();
    assert.deepEqual(
      cli.lines().map((l) => l.replace(/^.*INFO  /, '')),
      ['seq-1', 'seq-2', 'seq-3'],
    );
  });

  it('fails with a message for a missing stream and explains its usage', async () => {
    const sb = await sandbox(server);
    const missing = new Cli(['tail', `${sb.base}/logs/no-such-stream`]);
    assert.equal(await missing.exited, 1);
    assert.match(missing.err, /cannot read .*no-such-stream.*404/);
    const bad = new Cli(['tail', 'http://localhost/not-a-log']);
    assert.equal(await bad.exited, 2);
    assert.match(bad.err, /not a log stream URL/);
    const help = new Cli(['tail', '--help']);
    assert.equal(await help.exited, 0);
    assert.match(help.out, /--level <level>/);
  });
});
