/**
 * `npm start`: the reference server on one port (8080 by default). Flags win over env; `--help`
 * lists them (and starts nothing).
 */
import { existsSync } from 'node:fs';
import type { FaultSpec } from './faults.js';
import { createServer, type ServerOptions } from './index.js';
import { DEFAULT_RATES } from './simulator/types.js';

const HELP = `Telltale reference server: a simulated cluster, its log streams, the seed-001 task feed and
the Agent-lightning store API, with fault injection; serves the built dashboard on the same port.

Usage: npm start -- [options]     (or: npx tsx demo/server/main.ts [options])

Options (environment variable in brackets; a flag wins):
  --port N              port to listen on, 0 = any free port [PORT] (default 8080)
  --host H              address to listen on [HOST] (default 127.0.0.1)
  --seed N              seed of the simulated world; same seed, same world [SEED] (default 1)
  --workers N           simulated cluster workers
  --heartbeat-ms N      SSE heartbeat interval in ms (default 5000)
  --cors[=ORIGIN]       CORS on the Agent-lightning routes for ORIGIN (default *); off without it,
                        as on the real store
  --static DIR          directory of the built dashboard (default demo-dist/)
  --paused              start the simulation paused (tests step it through /admin)
  --rate-activities N   new cluster activities per second (default ${DEFAULT_RATES.activities})
  --rate-logs N         background log lines per second per stream (default ${DEFAULT_RATES.logLines})
  --rate-tasks N        new seed-001 tasks per second (default ${DEFAULT_RATES.tasks})
  --rate-rollouts N     new Agent-lightning rollouts per second (default ${DEFAULT_RATES.rollouts})
  --resources-every S   seconds between Agent-lightning resource versions (default ${DEFAULT_RATES.resourcesEverySec})
  --fault JSON          inject a fault from the start, e.g. '{"mode":"cut","afterEvents":5}'
                        (repeatable; modes and parameters: docs/protocol.md, "Faults")
  -h, --help            print this help and exit

It prints one line, "Telltale reference server listening on http://HOST:PORT", and runs until
interrupted. Routes and the test API: docs/protocol.md.`;

if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
  console.log(HELP);
  process.exit(0);
}

function parseArgs(argv: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    let value = eq > 0 ? arg.slice(eq + 1) : 'true';
    if (eq < 0 && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--') && name !== 'cors' && name !== 'paused' && name !== 'dev') {
      value = argv[++i]!;
    }
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const args = parseArgs(process.argv.slice(2));
const one = (name: string, env?: string): string | undefined => args.get(name)?.at(-1) ?? (env ? process.env[env] : undefined);
const number = (name: string, env?: string): number | undefined => {
  const v = one(name, env);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} must be a non-negative number, got "${v}"`);
  return n;
};

const port = number('port', 'PORT') ?? 8080;
const cors = one('cors');
const rates: NonNullable<ServerOptions['rates']> = {};
for (const [flag, key] of [
  ['rate-activities', 'activities'],
  ['rate-logs', 'logLines'],
  ['rate-tasks', 'tasks'],
  ['rate-rollouts', 'rollouts'],
  ['resources-every', 'resourcesEverySec'],
] as const) {
  const v = number(flag);
  if (v !== undefined) rates[key] = v;
}
const faults: FaultSpec[] = (args.get('fault') ?? []).map((text) => {
  try {
    return JSON.parse(text) as FaultSpec;
  } catch {
    return fail(`--fault takes JSON, e.g. --fault '{"mode":"status","status":503,"forMs":5000}'`);
  }
});

const staticDir = one('static');
if (staticDir !== undefined && !existsSync(staticDir)) fail(`--static ${staticDir}: no such directory`);

try {
  const server = await createServer({
    port,
    host: one('host', 'HOST') ?? '127.0.0.1',
    seed: number('seed', 'SEED') ?? 1,
    workers: number('workers'),
    heartbeatMs: number('heartbeat-ms'),
    corsOrigin: cors === undefined ? null : cors === 'true' ? '*' : cors,
    staticDir: staticDir ?? undefined,
    paused: one('paused') === 'true',
    rates,
    faults,
  });
  console.log(`Telltale reference server listening on ${server.url}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') fail(`Port ${port} is in use. Start on another port with PORT=${port + 1} npm start`);
  if (e.code === 'EACCES') fail(`Not allowed to listen on port ${port}. Pick a port above 1024 with PORT=8081 npm start`);
  if (e instanceof Error && e.message) fail(e.message);
  throw err;
}
