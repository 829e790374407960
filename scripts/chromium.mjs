// Finds Debian's Chromium (CHROME_PATH or /usr/bin/chromium). When it is missing and we are
// root with apt-get, installs Debian's package; otherwise (or with TELLTALE_NO_INSTALL=1) says
// exactly what to run.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

export function ensureChromium() {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return path;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt && !process.env.CHROME_PATH && process.env.TELLTALE_NO_INSTALL !== '1') {
    console.log('Chromium is missing: installing Debian\'s package (apt-get install -y chromium)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    if (existsSync(path)) return path;
  }
  console.error(
    `Chromium not found at ${path}.\n` +
      `Install Debian's package:  sudo apt-get update && sudo apt-get install -y chromium\n` +
      `or point CHROME_PATH at a Chromium/Chrome binary:  CHROME_PATH=/path/to/chrome npm test`,
  );
  process.exit(1);
}
