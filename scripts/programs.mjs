// The real programs the server and end-to-end tests run (redis-server, node_exporter, Bazel,
// nginx; see test/server/cluster-programs.ts and wire.test.ts). Before those steps start:
// when one is missing and we are root with apt-get, installs Debian's packages as .ci/run
// does; otherwise (or with TELLTALE_NO_INSTALL=1) says exactly what to run and stops, instead
// of a page of "spawn redis-server ENOENT" failures minutes later.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Each program: its command, Debian's package, and where Debian puts it off a user's PATH. */
export const PROGRAMS = [
  { cmd: 'redis-server', pkg: 'redis-server' },
  { cmd: 'prometheus-node-exporter', pkg: 'prometheus-node-exporter' },
  { cmd: 'bazel', pkg: 'bazel-bootstrap' },
  { cmd: 'nginx', pkg: 'nginx', env: 'NGINX', also: '/usr/sbin/nginx' },
];

const onPath = (cmd, env) => (env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, cmd)));

/** The programs that cannot be found; sets NGINX when nginx is only in /usr/sbin (a user's PATH lacks it). */
export function missingPrograms(env = process.env) {
  const missing = [];
  for (const p of PROGRAMS) {
    if (p.env && env[p.env] && existsSync(env[p.env])) continue;
    if (onPath(p.cmd, env)) continue;
    if (p.also && existsSync(p.also)) {
      env[p.env] = p.also;
      continue;
    }
    missing.push(p);
  }
  return missing;
}

export function ensurePrograms() {
  let missing = missingPrograms();
  if (!missing.length) return;
  const pkgs = missing.map((p) => p.pkg).join(' ');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get') && process.env.TELLTALE_NO_INSTALL !== '1') {
    console.log(`The tests run real ${missing.map((p) => p.cmd).join(', ')}: installing Debian's packages (apt-get install -y ${pkgs})…`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkgs}`, { stdio: 'inherit' });
    // Debian starts the packaged services; the tests start their own on free loopback ports.
    for (const svc of ['redis-server', 'prometheus-node-exporter']) {
      if (pkgs.includes(svc)) execSync(`command -v systemctl >/dev/null && systemctl stop ${svc} >/dev/null 2>&1 || true`, { shell: '/bin/sh' });
    }
    missing = missingPrograms();
    if (!missing.length) return;
  }
  console.error(
    `The server and end-to-end tests run real programs; not found: ${missing.map((p) => p.cmd).join(', ')}.\n` +
      `Install Debian's packages:  sudo apt-get update && sudo apt-get install -y ${missing.map((p) => p.pkg).join(' ')}\n` +
      `(npm test -- unit, typecheck and browser run without them.)`,
  );
  process.exit(1);
}
