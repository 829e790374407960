/**
 * Page for the soak benchmark: a <log-console> over five log streams and a <live-activity>
 * on the live feed, both reading through the page's default hub from the reference server
 * (the base URL is in the markup). Keeps the latest hub statuses in `window.__statuses` so
 * the driver can read delivered/malformed/dropped/reconnect counters without touching DOM.
 */
import '../../src/elements/log-console/log-console.define.js';
import '../../src/elements/live-activity/live-activity.define.js';
import { getDefaultHub } from '../../src/streams/hub.js';

const w = window as any;
w.__errors = [] as string[];
window.addEventListener('error', (e) => {
  if (!String(e.message).includes('ResizeObserver loop')) w.__errors.push(String(e.message));
});
window.addEventListener('unhandledrejection', (e) => w.__errors.push(`unhandled: ${String(e.reason)}`));
getDefaultHub().statuses$.subscribe((s) => (w.__statuses = s));
w.__ready = true;
