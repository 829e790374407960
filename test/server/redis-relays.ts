/**
 * Real redis-server and real `telltale relay` processes (the CLI, as users run it) for the
 * relay's Redis tests: a free loopback port, starting each and waiting until it is ready,
 * `/relay/info`, waiting for a condition, and the takeover check every source kind shares
 * (kill -9 the reading relay mid-stream). Every child is in `children`, for cleanup.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { SseClient, sleep } from './helpers.js';

const bin = fileURLToPath(new URL('../../bin/telltale.mjs', import.meta.url));
export const children = new Set<ChildProcess>();

export { freePort } from '../helpers/programs.js';

export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  const end = Date.now() + 10000;
  while (!/Ready to accept connections/.test(out)) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`redis-server did not start:\n${out}`);
    await sleep(50);
  }
  return child;
}

export interface RelayProc {
  child: ChildProcess;
  url: string;
  err(): string;
}

export async function startRelay(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RelayProc> {
  const child = spawn(process.execPath, [bin, 'relay', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (err += c));
  const end = Date.now() + 20000;
  while (!/on (http:\/\/\S+)/.test(out)) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`relay did not start:\n${out}\n${err}`);
    await sleep(50);
  }
  return { child, url: /on (http:\/\/\S+)/.exec(out)![1]!, err: () => err };
}

export const info = async (url: string): Promise<{ sources: { reading: boolean }[]; redis: { state: string; held: number } }> =>
  (await fetch(`${url}/relay/info`)).json() as never;

export async function waitFor(what: string, pred: () => Promise<boolean> | boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const text = (e: { data?: string }): string => (JSON.parse(e.data!) as { text: string }).text;

/**
 * Two relays read `spec` through Redis at `url` while `write(n)` adds `line n` every 20 ms; the reader
 * is killed; returns after checking the viewer saw every line once with continuous ids.
 */
export async function killReaderMidStream(url: string, spec: string, stream: string, env: NodeJS.ProcessEnv, write: (n: number) => void, already: number): Promise<void> {
  let n = already;
  const a = await startRelay(['--redis', url, spec], env);
  const b = await startRelay(['--redis', url, spec], env);
  const writer = setInterval(() => write(++n), 20);
  const kids: ChildProcess[] = [a.child, b.child];
  try {
    let reader: RelayProc | null = null;
    await waitFor('one reader', async () => {
      const [ia, ib] = await Promise.all([info(a.url), info(b.url)]);
      const r = [ia.sources[0]!.reading, ib.sources[0]!.reading];
      if (r[0] && r[1]) throw new Error('both relays read the source');
      reader = r[0] ? a : r[1] ? b : null;
      return reader !== null;
    });
    const first = reader! as RelayProc;
    const other = first === a ? b : a;
    const v1 = new SseClient(`${first.url}/logs/${stream}?tail=5000`);
    await v1.until(() => v1.events.length >= already + 50, 15000, `${already + 50} lines`);
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await v1.until(() => v1.ended, 5000, 'the connection to drop');
    const seen = v1.events.map((e) => ({ id: Number(e.id), text: text(e) }));
    const cursor = seen[seen.length - 1]!.id;
    const v2 = new SseClient(`${other.url}/logs/${stream}`, { 'Last-Event-ID': String(cursor) });
    await waitFor('takeover', async () => (await info(other.url)).sources[0]!.reading, 10000);
    const tookMs = Date.now() - killedAt;
    assert.ok(tookMs < 10000, `takeover took ${tookMs} ms`);
    await sleep(500);
    clearInterval(writer);
    const total = n;
    await v2.until(() => v2.events.some((e) => text(e) === `line ${total}`), 15000, `line ${total} on the other relay`);
    await sleep(300); // anything after the last line (a duplicate) would show now
    v2.close();
    const all = [...seen, ...v2.events.map((e) => ({ id: Number(e.id), text: text(e) }))];
    assert.ok(!v2.events.some((e) => e.event === 'truncated' || e.event === 'reset'), 'nothing missing on resume');
    assert.deepEqual(
      all.map((l) => l.id),
      all.map((_, i) => all[0]!.id + i),
      'ids continuous across the two relays',
    );
    assert.deepEqual(
      all.map((l) => l.text),
      Array.from({ length: total }, (_, i) => `line ${i + 1}`),
      'every line once, in order',
    );
  } finally {
    clearInterval(writer);
    for (const k of kids) if (k.exitCode === null && k.signalCode === null) k.kill('SIGTERM');
  }
}
