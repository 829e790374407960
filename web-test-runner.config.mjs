// Browser tests: Debian's Chromium (headless) against the real reference server over HTTP.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { summaryReporter } from './scripts/summary-reporter.mjs';

export const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chromePath)) {
  throw new Error(`Chromium not found at ${chromePath}. Install it with: apt-get install -y chromium (or set CHROME_PATH).`);
}

/** Start the reference server on a free port as a child process; resolve with its URL. */
function startReferenceServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts', '--port', '0', '--seed', '7'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TELLTALE_QUIET: '1' },
  });
  const stop = () => child.kill('SIGTERM');
  process.on('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stop(); process.exit(130); });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`reference server did not start:\n${out}`)), 20000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => reject(new Error(`reference server exited with ${code}:\n${out}`)));
  });
}

const serverUrl = process.env.TELLTALE_SERVER || (await startReferenceServer());

export default {
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['test/streams/**/*.test.ts', 'test/elements/**/*.test.ts', 'test/security/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      // Every test page acts as the focused one, as Playwright's pages do: otherwise a page opened
      // after another test file's page gets no focus/focusin events from element.focus(), and a
      // focus test passes alone but fails in the full run (seen in CI: the Rollouts input tooltip,
      // the Activity feed's arrow keys).
      createPage: async ({ context }) => {
        const page = await context.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return page;
      },
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
          '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
      },
    }),
  ],
  testFramework: { config: { timeout: 20000 } },
  // A ResizeObserver notice logged as a bare `null` (seen with @lit-labs/virtualizer, gone since) is noise, not a failure.
  filterBrowserLogs: ({ args }) => !(args.length === 1 && args[0] === null),
  reporters: [defaultReporter(), summaryReporter()],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><head><meta charset="utf-8"></head><body>
<script>
  // Where the reference server runs; tests create their own sandboxes on it.
  window.__TELLTALE__ = { server: ${JSON.stringify(serverUrl)} };
  // A window re-measuring its rows in the frame they were drawn (ResizeObserver) can trigger this
  // harmless browser notice; mocha would count it as a failure.
  window.addEventListener('error', (e) => {
    if (e.message && e.message.includes('ResizeObserver loop')) { e.stopImmediatePropagation(); e.preventDefault(); }
  }, true);
</script>
<script type="module" src="${testFramework}"></script>
</body></html>`,
};
