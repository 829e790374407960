/**
 * `telltale relay [options] SOURCE...`: options, `--help`, `--config FILE` (validated, naming
 * the bad key), then the relay until SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { createRelay, type RelayOptions } from './relay.js';
import { parseSource, sourceKinds, type SourceSpec } from './sources/registry.js';
import './sources/all.js';
import { parseStoreTree } from './sources/cluster/stores.js';
import { redactCredentials } from './redact.js';

export function usage(): string {
  return `Usage: telltale relay [options] SOURCE...

  Reads each SOURCE once and broadcasts its lines to every viewer: the dashboard at the
  relay's address, <log-console base-url=…>, telltale tail. A viewer gets the last lines,
  then the live tail, and resumes where it left off after a reconnect (docs/protocol.md).

Sources (KIND:NAME=TARGET; NAME is the stream's id in /logs/NAME):
${sourceKinds()
  .map((k) => `  ${k.usage}`)
  .join('\n')}

Options:
  --port N             port to listen on (default 8090)
  --host H             address to bind (default 127.0.0.1, this machine only); any other
                       address needs --token or --no-auth
  --keep N             lines kept per stream, and the backlog a file starts with (default 1000)
  --token T            require "Authorization: Bearer T" on every route (a browser opens
                       /?token=T once; telltale tail --token T); also TELLTALE_TOKEN
  --no-auth            serve without a token on a non-loopback address (a trusted network)
  --allow-origin O     let pages from origin O read the relay (CORS); repeatable, or *
  --redis URL          share streams through Redis Streams (redis://host:6379): several relays,
                       one reader per source (a lease), viewers resume on any relay
  --store-tree SPEC    nest store sources as tiers of one store: PARENT=FAST,SLOW;… (e.g.
                       cas=hot,disk for redis-info:hot=… dir:disk=…)
  --agl URL            serve an Agent-lightning store (its /v1/agl) to the dashboard: one
                       upstream reader for every viewer, answers cached 5 s
  --tasks URL          serve a seed-001 task feed (/api/dashboard/live): one upstream connection
  --config FILE        JSON with the same options and "sources": [...] (flags win)
  --static DIR         the built dashboard to serve (default: the package's demo-dist/)
  -h, --help           this help

Examples:
  npx telltale relay file:syslog=/var/log/syslog
  kubectl logs -f deploy/api | npx telltale relay stdin:api
  npx telltale relay 'cmd:build=make -j8' docker:* --port 9000
  npx telltale relay bep:ci=/tmp/bep.json prom:this-machine=http://127.0.0.1:9100/metrics redis-info:cache=redis://127.0.0.1:6379
  npx telltale relay --host 0.0.0.0 --token "$(openssl rand -hex 16)" --redis redis://cache:6379 journal:nginx=nginx.service
`;
}

interface Parsed {
  options: Omit<RelayOptions, 'sources'> & { noAuth?: boolean };
  sources: string[];
  config?: string;
  help: boolean;
}

const CONFIG_KEYS: Record<string, 'number' | 'string' | 'boolean' | 'strings'> = {
  port: 'number',
  host: 'string',
  keep: 'number',
  token: 'string',
  noAuth: 'boolean',
  allowOrigin: 'strings',
  redis: 'string',
  static: 'string',
  sources: 'strings',
  storeTree: 'string',
  agl: 'string',
  tasks: 'string',
};

function wholeNumber(name: string, v: unknown, min: number, max: number): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return n;
}

export function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { options: {}, sources: [], help: false };
  const origins: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    if (name === '-h' || name === '--help') p.help = true;
    else if (name === '--port') p.options.port = wholeNumber('--port', value(), 0, 65535);
    else if (name === '--host') p.options.host = value();
    else if (name === '--keep') p.options.keep = wholeNumber('--keep', value(), 1, 1_000_000);
    else if (name === '--token') p.options.token = value();
    else if (name === '--no-auth') p.options.noAuth = true;
    else if (name === '--allow-origin') origins.push(value());
    else if (name === '--redis') p.options.redis = value();
    else if (name === '--config') p.config = value();
    else if (name === '--store-tree') p.options.storeTree = value();
    else if (name === '--agl') p.options.agl = value();
    else if (name === '--tasks') p.options.tasks = value();
    else if (name === '--static') p.options.staticDir = value();
    else if (a.startsWith('-') && a !== '-') throw new Error(`unknown option ${a} (telltale relay --help lists them)`);
    else p.sources.push(a);
  }
  if (origins.length) p.options.allowOrigins = origins;
  return p;
}

/** Read and check a config file; every problem names its key. */
export function readConfig(path: string): { options: Parsed['options']; sources: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`--config ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`--config ${path}: not valid JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`--config ${path}: expected a JSON object`);
  const options: Parsed['options'] = {};
  let sources: string[] = [];
  for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
    const type = CONFIG_KEYS[key];
    const where = `--config ${path}: "${key}"`;
    if (!type) throw new Error(`${where} is not an option (known: ${Object.keys(CONFIG_KEYS).join(', ')})`);
    if (type === 'number') {
      const n = wholeNumber(where, v, key === 'port' ? 0 : 1, key === 'port' ? 65535 : 1_000_000);
      if (key === 'port') options.port = n;
      else options.keep = n;
    } else if (type === 'string') {
      if (typeof v !== 'string' || !v) throw new Error(`${where} must be a non-empty string`);
      if (key === 'host') options.host = v;
      else if (key === 'token') options.token = v;
      else if (key === 'redis') options.redis = v;
      else if (key === 'storeTree') options.storeTree = v;
      else if (key === 'agl') options.agl = v;
      else if (key === 'tasks') options.tasks = v;
      else options.staticDir = v;
    } else if (type === 'boolean') {
      if (typeof v !== 'boolean') throw new Error(`${where} must be true or false`);
      options.noAuth = v;
    } else {
      const list = typeof v === 'string' && key === 'allowOrigin' ? [v] : v;
      if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) throw new Error(`${where} must be a list of strings`);
      if (key === 'sources') sources = list as string[];
      else options.allowOrigins = list as string[];
    }
  }
  return { options, sources };
}

const isLoopback = (host: string): boolean => host === 'localhost' || /^127\./.test(host) || host === '::1';

/** Everything the relay needs, checked; throws an Error whose message is for the user. */
export function resolveOptions(argv: string[], env: Record<string, string | undefined>): RelayOptions | 'help' {
  const parsed = parseArgs(argv);
  if (parsed.help) return 'help';
  const fromFile = parsed.config ? readConfig(parsed.config) : { options: {}, sources: [] };
  const o = { ...fromFile.options, ...parsed.options };
  o.token ??= env.TELLTALE_TOKEN || undefined;
  const raw = parsed.sources.length ? parsed.sources : fromFile.sources;
  if (!raw.length && !o.agl && !o.tasks) throw new Error('no SOURCE given, e.g. telltale relay file:syslog=/var/log/syslog');
  for (const [flag, v] of [['--agl', o.agl], ['--tasks', o.tasks]] as const) {
    if (v !== undefined && !/^https?:\/\/[^/]/.test(v)) throw new Error(`${flag} ${v}: expected the server's http(s) address, e.g. http://127.0.0.1:4747`);
  }
  if (o.storeTree) parseStoreTree(o.storeTree);
  const sources: SourceSpec[] = raw.map(parseSource);
  const seen = new Set<string>();
  for (const s of sources) {
    const key = `${s.kind}:${s.name}`;
    if (s.name !== '*' && seen.has(s.name)) throw new Error(`two sources are named "${s.name}": each NAME is a stream and must be unique`);
    seen.add(key === `${s.kind}:*` ? key : s.name);
  }
  const host = o.host ?? '127.0.0.1';
  if (host && !isLoopback(host) && isIP(host) === 0 && host !== '0.0.0.0' && !/^[A-Za-z0-9.-]+$/.test(host)) throw new Error(`--host ${host}: not an address`);
  if (!isLoopback(host) && !o.token && !o.noAuth) {
    throw new Error(`--host ${host} lets other machines in: pass --token T (viewers then send it) or --no-auth (a network you trust)`);
  }
  if (o.token && o.noAuth) throw new Error('--token and --no-auth together: pick one');
  if (o.redis && !/^rediss?:\/\//.test(o.redis)) throw new Error(`--redis ${o.redis}: expected a URL such as redis://localhost:6379`);
  const { noAuth: _noAuth, ...rest } = o;
  return { ...rest, host, sources };
}

interface ProcessLike {
  stdout: { write(t: string): unknown };
  stderr: { write(t: string): unknown };
  env: Record<string, string | undefined>;
  on(event: 'SIGINT' | 'SIGTERM', cb: () => void): unknown;
}

export async function relayCommand(argv: string[], proc: ProcessLike): Promise<number> {
  let options: RelayOptions | 'help';
  try {
    options = resolveOptions(argv, proc.env);
  } catch (e) {
    proc.stderr.write(`telltale relay: ${redactCredentials((e as Error).message)}\n`);
    return 2;
  }
  if (options === 'help') {
    proc.stdout.write(usage());
    return 0;
  }
  const say = (m: string): void => void proc.stderr.write(`telltale relay: ${redactCredentials(m)}\n`);
  let relay: Awaited<ReturnType<typeof createRelay>>;
  try {
    relay = await createRelay({ ...options, say });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const port = options.port ?? 8090;
    if (err.code === 'EADDRINUSE') say(`port ${port} is in use; pick another with --port ${port + 1}`);
    else if (err.code === 'EACCES') say(`not allowed to listen on port ${port}; pick one above 1024 with --port`);
    else say(err.message);
    return 1;
  }
  const names = redactCredentials(options.sources.map((s) => s.raw).join(', '));
  proc.stdout.write(`Telltale relay on ${relay.url} (${names})${options.redis ? ' via Redis' : ''}\n`);
  return new Promise<number>((done) => {
    const stop = (): void => void relay.close().then(() => done(0));
    proc.on('SIGINT', stop);
    proc.on('SIGTERM', stop);
  });
}
