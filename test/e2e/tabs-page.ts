/**
 * The page test/e2e/tabs.test.ts opens in many tabs: it follows `hub.live(server)` through
 * the page's default hub (cross-tab sharing on, as the dashboard has it) and records what a
 * user's elements would receive. `?mode=hidden` uses a hub with a small frame buffer (100
 * events) so that a hidden tab's bound shows quickly. `window.__setHidden(bool)` simulates a
 * visibility change.
 */
import { createHub, getDefaultHub } from '../../src/streams/hub.js';

const params = new URLSearchParams(location.search);
const server = params.get('server')!;
const hub = params.get('mode') === 'hidden' ? createHub({ crossTab: true, frame: { maxEvents: 100 } }) : getDefaultHub();
const w = window as any;
w.__ids = [] as number[];
w.__batches = [] as { at: number; reset: boolean; n: number; hidden: boolean }[];
w.__statuses = [] as { at: number; role: string; state: string; dropped: number }[];
w.__renders = 0;
const out = document.getElementById('out')!;
const src = hub.live(server);
src.batches$.subscribe((b) => {
  w.__batches.push({ at: Date.now(), reset: b.reset !== null, n: b.events.length, hidden: document.hidden });
  for (const e of b.events) w.__ids.push(e.id);
  // The rendering work an element would do.
  w.__renders++;
  out.textContent = `${w.__ids.length} events, last ${w.__ids.at(-1) ?? '—'}`;
});
// When each event reached this tab's source (before frame batching, which waits for a frame).
w.__arrivals = [] as { id: number; at: number }[];
src.items$.subscribe((item) => {
  if (item.type === 'event' && w.__arrivals.length < 100_000) w.__arrivals.push({ id: item.id, at: Date.now() });
});
src.status$.subscribe((s) => w.__statuses.push({ at: Date.now(), role: s.role, state: s.state, dropped: s.counters.dropped }));
w.__status = () => src.status;
w.__role = () => hub.role;
w.__setHidden = (hidden: boolean) => {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange'));
};
