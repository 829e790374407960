/**
 * Programs a test starts and stops: a free loopback port, and a child process waited for until
 * it says (or shows) it is up, its output kept for the failure message and read without colour
 * codes (tools colour their banners when CI is set, TTY or not).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { stripVTControlCharacters } from 'node:util';

/** A TCP port nothing listens on at the moment (on 127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Program {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), colour codes removed. */
  output(): string;
  /** SIGTERM, and wait for it to exit (nothing if it already has). */
  stop(): Promise<void>;
}

/**
 * Start `command args` and wait until `ready(output)` holds; fails with what it printed when it
 * exits first or `timeoutMs` passes (and stops it then).
 */
export async function startProgram(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions & { ready: (output: string) => boolean | Promise<boolean>; timeoutMs: number },
): Promise<Program> {
  const { ready, timeoutMs, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
  let raw = '';
  child.stdout!.on('data', (c) => (raw += c));
  child.stderr!.on('data', (c) => (raw += c));
  const program: Program = {
    child,
    output: () => stripVTControlCharacters(raw),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
  const end = Date.now() + timeoutMs;
  while (!(await ready(program.output()))) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${program.output()}`);
    if (Date.now() > end) {
      await program.stop();
      throw new Error(`${name} did not start within ${timeoutMs / 1000} s: ${program.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return program;
}
