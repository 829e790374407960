/**
 * Page for the strict-CSP end-to-end test (test/e2e/csp.test.ts): every element of the
 * library on one page, pointed at the sandbox given in `?base=`. No inline script anywhere.
 */
import '../../src/all.js';

const base = new URLSearchParams(location.search).get('base')!;
// Built with createElement: the page itself must not use an HTML sink (Trusted Types would refuse it).
const make = (tag: string, attrs: Record<string, string> = {}) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
};
make('live-activity', { 'base-url': base, style: '--live-activity-height: 400px' });
make('live-activity', { feed: 'tasks', 'base-url': base, style: '--live-activity-height: 300px' });
make('worker-board', { 'base-url': base });
make('storage-overview', { 'base-url': base });
make('client-list', { 'base-url': base });
make('log-console', { 'base-url': base, streams: 'scheduler', style: '--log-console-height: 300px' });
make('rollout-table', { 'base-url': base });
make('resources-view', { 'base-url': base });
make('trace-view', { 'base-url': base });
make('json-view');
make('connection-status');
make('settings-panel');
(window as any).__ready = true;
