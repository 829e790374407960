/** The reference server's page at `/` when the dashboard is not built (`npm run build` writes demo-dist/). */
export const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Telltale reference server</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
  code { background: #f2f4f7; padding: 0.1em 0.3em; border-radius: 4px; }
  @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } code { background: #262c36; } }
</style>
</head>
<body>
<h1>Telltale reference server</h1>
<p>The server is running, but the dashboard is not built. Build it with <code>npm run build</code>
(it writes <code>demo-dist/</code>), then reload this page.</p>
<p>Every API is live already:</p>
<ul>
  <li><a href="live/status">live/status</a> (the live protocol, polling) and <code>curl -N …/live</code> (SSE)</li>
  <li><a href="logs">logs</a> (log streams)</li>
  <li><a href="api/dashboard/live/status">api/dashboard/live/status</a> (seed 001 task feed)</li>
  <li><a href="v1/agl/rollouts?limit=20">v1/agl/rollouts</a> (Agent-lightning store API)</li>
  <li><a href="admin/stats">admin/stats</a></li>
</ul>
<p>The protocols are described in <code>docs/protocol.md</code>.</p>
</body>
</html>
`;
