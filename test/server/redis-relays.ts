/**
 * Real redis-server and real `telltale relay` processes (the CLI, as users run it) for the
 * relay's Redis tests: a free loopback port, starting each and waiting until it is ready,
 * `/relay/info`, and waiting for a condition. Every child is in `children`, for cleanup.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sleep } from './helpers.js';

const bin = fileURLToPath(new URL('../../bin/telltale.mjs', import.meta.url));
export const children = new Set<ChildProcess>();

export function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

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

