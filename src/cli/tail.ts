/**
 * `telltale tail <url-of-a-log-stream>`: the terminal viewer of seed 002 — the recent lines,
 * then the live tail, through the same hub the elements use (it runs in Node: no DOM), so it
 * reconnects and resumes without gaps or duplicates. Filters are the console's: `--level`
 * (this level and above) and `--grep` (text, /regex/, -exclude; repeatable, all must hold).
 *
 * No Node typings here (the library build has none): the process is reached through a
 * minimal interface, so this module also type-checks as part of the library.
 */
import type { Subscription } from 'rxjs';
import { createHub } from '../streams/hub.js';
import { LOG_LEVELS, type LogLevel, type LogLine } from '../streams/models.js';
import type { HubLike, LogGap, SourceStatus } from '../streams/types.js';
import { stripAnsi } from '../elements/shared/ansi.js';
import { compileFilter, testFilter } from '../elements/log-console/log-filter.js';

export interface TextSink {
  write(text: string): unknown;
}

export interface TailOptions {
  /** Full URL of a log stream: `{base}/logs/{stream}`. */
  url: string;
  /** Lowest level shown. */
  level?: LogLevel;
  /** Filter terms (text, /regex/, -exclude); all must hold. */
  grep?: string[];
  /** Lines of history to start with (default 1000). */
  tail?: number;
  /** Colour output (levels and the lines' own ANSI); default: when stdout is a terminal. */
  color?: boolean;
  /** Print NDJSON records instead of text. */
  json?: boolean;
  /** Sent as `Authorization: Bearer <token>` (a relay started with --token). */
  token?: string;
  out: TextSink;
  err: TextSink;
  hub?: HubLike;
}

export const USAGE = `Usage: telltale tail <url-of-a-log-stream> [options]

  Prints the stream's recent lines, then follows it live (reconnecting as needed).
  The URL is {base}/logs/{stream}, e.g. http://localhost:8080/logs/scheduler

Options:
  --level <level>   show this level and above: ${LOG_LEVELS.join(', ')}
  --grep <terms>    text, /regex/flags, "a phrase", -exclude (repeatable; all must hold)
  --tail <n>        lines of history to start with (default 1000)
  --json            print NDJSON (one LogLine per line)
  --token <token>   send Authorization: Bearer <token> (a relay started with --token;
                    also TELLTALE_TOKEN)
  --color, --no-color
  -h, --help
`;

/** Split `{base}/logs/{stream}` into the hub's base and stream id. */
export function splitLogUrl(url: string): { base: string; stream: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`not a URL: ${url}`);
  }
  const m = /^(.*)\/logs\/([^/]+)\/?$/.exec(u.pathname);
  if (!m) throw new Error(`not a log stream URL (expected …/logs/<stream>): ${url}`);
  return { base: `${u.origin}${m[1]}`, stream: decodeURIComponent(m[2]) };
}

const SGR = (code: string, text: string, on: boolean) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
const LEVEL_SGR: Record<LogLevel, string> = { trace: '2', debug: '36', info: '34', warn: '33;1', error: '31;1' };
const pad2 = (n: number) => String(n).padStart(2, '0');

function clock(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** One line as the terminal shows it. */
export function formatLine(line: LogLine, color: boolean): string {
  const level = SGR(LEVEL_SGR[line.level] ?? '0', line.level.toUpperCase().padEnd(5), color);
  const text = color ? line.text + '\u001b[0m' : stripAnsi(line.text);
  return `${SGR('2', clock(line.time), color)} ${level} ${text}`;
}

export function formatGap(gap: LogGap, color: boolean): string {
  const n = gap.to - gap.from + 1;
  const msg = gap.from <= 0 ? '── the server restarted the stream; earlier lines may be missing ──' : `── ${n} ${n === 1 ? 'line' : 'lines'} not received (${gap.from}–${gap.to}) ──`;
  return SGR('33', msg, color);
}

export interface ParsedArgs {
  url?: string;
  level?: LogLevel;
  grep: string[];
  tail?: number;
  color?: boolean;
  json: boolean;
  help: boolean;
  token?: string;
}

export function parseTailArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { grep: [], json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (name === '--level') {
      const v = value() as LogLevel;
      if (!LOG_LEVELS.includes(v)) throw new Error(`--level must be one of ${LOG_LEVELS.join(', ')}`);
      out.level = v;
    } else if (name === '--grep') out.grep.push(value());
    else if (name === '--tail') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error('--tail must be a whole number');
      out.tail = n;
    } else if (name === '--token') out.token = value();
    else if (a === '--json') out.json = true;
    else if (a === '--color') out.color = true;
    else if (a === '--no-color') out.color = false;
    else if (a === '-h' || a === '--help') out.help = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else if (!out.url) out.url = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  return out;
}

/**
 * Follow a stream until `stop()` is called or the source fails for good.
 * Resolves with the exit code (0 stopped, 1 fatal error).
 */
export function runTail(options: TailOptions): { done: Promise<number>; stop(): void } {
  const { base, stream } = splitLogUrl(options.url);
  const hub = options.hub ?? createHub();
  const color = options.color ?? false;
  const minLevel = LOG_LEVELS.indexOf(options.level ?? 'trace');
  const filter = compileFilter((options.grep ?? []).join(' '));
  if (filter.error) throw new Error(filter.error);
  const source = hub.logs(base, stream, {
    ...(options.tail !== undefined ? { tail: options.tail } : {}),
    ...(options.token ? { headers: { Authorization: `Bearer ${options.token}` } } : {}),
  });
  let lastState: SourceStatus['state'] | null = null;
  let resolve!: (code: number) => void;
  const done = new Promise<number>((r) => (resolve = r));
  const subs: Subscription[] = [];
  const stop = (code = 0) => {
    for (const s of subs) s.unsubscribe();
    subs.length = 0;
    resolve(code);
  };
  subs.push(
    source.batches$.subscribe((batch) => {
      let chunk = '';
      if (batch.reset) chunk += (options.json ? JSON.stringify({ gap: batch.reset }) : formatGap(batch.reset, color)) + '\n';
      for (const line of batch.events) {
        if (LOG_LEVELS.indexOf(line.level) < minLevel) continue;
        if (!filter.empty && !testFilter(filter, stripAnsi(line.text))) continue;
        chunk += (options.json ? JSON.stringify(line) : formatLine(line, color)) + '\n';
      }
      if (chunk) options.out.write(chunk);
    }),
  );
  subs.push(
    source.status$.subscribe((s) => {
      if (s.state === lastState) return;
      lastState = s.state;
      const reason = s.reason ? ` (${s.reason})` : '';
      if (s.state === 'live' || s.state === 'polling') options.err.write(SGR('32', `● ${s.state} ${options.url}`, color) + '\n');
      else if (s.state === 'reconnecting' || s.state === 'offline') options.err.write(SGR('33', `○ ${s.state}${reason}`, color) + '\n');
      else if (s.state === 'error') {
        // A relay started with --token answers 401: say what to pass.
        const hint = s.reason && /\b401\b/.test(s.reason) ? (options.token ? ' — the token was refused' : ' — pass --token T (or set TELLTALE_TOKEN)') : '';
        options.err.write(SGR('31', `✖ cannot read ${options.url}${reason}${hint}`, color) + '\n');
        stop(1);
      }
    }),
  );
  return { done, stop: () => stop(0) };
}

interface ProcessLike {
  argv: string[];
  stdout: TextSink & { isTTY?: boolean };
  stderr: TextSink;
  env: Record<string, string | undefined>;
  on(event: 'SIGINT' | 'SIGTERM', cb: () => void): unknown;
}

/** `telltale tail …` */
export async function tailCommand(argv: string[], proc: ProcessLike): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseTailArgs(argv);
  } catch (e) {
    proc.stderr.write(`telltale tail: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help || !args.url) {
    (args.help ? proc.stdout : proc.stderr).write(USAGE);
    return args.help ? 0 : 2;
  }
  const color = args.color ?? (Boolean(proc.stdout.isTTY) && !proc.env.NO_COLOR);
  let run: ReturnType<typeof runTail>;
  try {
    const token = args.token ?? (proc.env.TELLTALE_TOKEN || undefined);
    run = runTail({ url: args.url, level: args.level, grep: args.grep, tail: args.tail, json: args.json, token, color, out: proc.stdout, err: proc.stderr });
  } catch (e) {
    proc.stderr.write(`telltale tail: ${(e as Error).message}\n`);
    return 2;
  }
  proc.on('SIGINT', () => run.stop());
  proc.on('SIGTERM', () => run.stop());
  return run.done;
}
