/**
 * `cmd:NAME=COMMAND`: run COMMAND through `/bin/sh -c` (pipes, quotes and variables work as
 * in a terminal), stream its stdout and stderr (the line's `source` says which) and its exit
 * as a last line. The stream stays listed, with its status, after the command ends.
 * `stdin:NAME`: the relay's own standard input (`kubectl logs -f … | telltale relay stdin:api`).
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { LineSplitter } from '../lines.js';
import { detectLevel, detectStderrLevel } from '../levels.js';
import { registerSource, type StreamSink } from './registry.js';

/** Lines of `from` into `out`, tagged with `source`; the last partial line at the end. */
export function pipeLines(from: Readable, out: StreamSink, source: string | undefined, stderr = false): Promise<void> {
  const splitter = new LineSplitter();
  const emit = (text: string): void => void out.line({ text, source, level: stderr ? detectStderrLevel(text) : detectLevel(text) });
  return new Promise((done) => {
    from.on('data', (chunk: Buffer) => {
      for (const l of splitter.push(chunk)) emit(l.text);
    });
    const end = (): void => {
      for (const l of splitter.flush()) emit(l.text);
      done();
    };
    from.on('end', end);
    from.on('error', end);
  });
}

const EXIT_MEANING: Record<number, string> = {
  126: 'the command was found but could not be run (no permission, or not executable)',
  127: 'command not found',
};

registerSource({
  kind: 'cmd',
  usage: 'cmd:NAME=COMMAND     run COMMAND (sh -c), stream stdout and stderr, and its exit',
  validate(spec) {
    if (!spec.target.trim()) throw new Error(`source "${spec.raw}": cmd needs a COMMAND (cmd:NAME=COMMAND)`);
    if (spec.name === '*') throw new Error(`source "${spec.raw}": cmd needs a stream NAME, not *`);
  },
  start(spec, ctx) {
    const out = ctx.stream(spec.name, spec.target);
    const started = Date.now();
    const child = spawn('/bin/sh', ['-c', spec.target], { stdio: ['ignore', 'pipe', 'pipe'] });
    out.status('live', `running: ${spec.target}`);
    const piped = Promise.all([pipeLines(child.stdout, out, 'stdout'), pipeLines(child.stderr, out, 'stderr', true)]);
    let stopping = false;
    child.on('error', (e) => {
      out.line({ text: `cannot run ${spec.target}: ${e.message}`, level: 'error', source: 'relay' });
      out.status('error', `cannot run ${spec.target}: ${e.message}`);
    });
    child.on('close', (code, signal) => {
      void piped.then(() => {
        if (stopping) return;
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const meaning = code !== null && EXIT_MEANING[code] ? ` (${EXIT_MEANING[code]})` : '';
        const text = `── ${spec.target} ${how}${meaning} after ${secs} s ──`;
        out.line({ text, level: code === 0 ? 'info' : 'error', source: 'relay' });
        out.status(code === 0 ? 'ended' : 'error', text.slice(3, -3));
        ctx.say(`${spec.name}: ${text.slice(3, -3)}`);
      });
    });
    return {
      stop() {
        stopping = true;
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      },
    };
  },
});

registerSource({
  kind: 'stdin',
  usage: 'stdin:NAME           lines from standard input (… | telltale relay stdin:api)',
  validate(spec) {
    if (spec.target) throw new Error(`source "${spec.raw}": stdin takes no =TARGET (stdin:NAME)`);
    if (spec.name === '*') throw new Error(`source "${spec.raw}": stdin needs a stream NAME, not *`);
  },
  start(spec, ctx) {
    const out = ctx.stream(spec.name, 'standard input');
    out.status('live', 'reading standard input');
    void pipeLines(process.stdin, out, undefined).then(() => {
      out.status('ended', 'standard input was closed');
      ctx.say(`${spec.name}: standard input was closed; the stream stays with its lines`);
    });
    return {
      stop() {
        process.stdin.pause();
      },
    };
  },
});
