// `npm run dev`: the dashboard from source with Vite's hot reload on PORT (default 5173),
// proxying every API to the reference server, which runs on API_PORT (default 8787).
import { spawn } from 'node:child_process';

const apiPort = process.env.API_PORT || '8787';
const api = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts', '--port', apiPort, ...process.argv.slice(2)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
api.stdout.on('data', (chunk) => process.stdout.write(chunk));
const vite = spawn('node_modules/.bin/vite', ['--port', process.env.PORT || '5173', '--strictPort'], {
  stdio: 'inherit',
  env: { ...process.env, TELLTALE_API: `http://127.0.0.1:${apiPort}` },
});
const stop = () => {
  api.kill('SIGTERM');
  vite.kill('SIGTERM');
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, stop);
api.on('exit', (code) => { if (code) { console.error(`reference server exited (${code})`); stop(); process.exit(code); } });
vite.on('exit', (code) => { stop(); process.exit(code ?? 0); });
