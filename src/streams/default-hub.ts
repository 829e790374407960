/**
 * Owns: the page's hub — one per realm, sharing connections across the origin's tabs, its
 * requests carrying the access token of the page's settings (Settings → Access token), and
 * reconnecting when that token changes.
 */
import { Hub } from './hub.js';
import { pageSettings$, settingsFetch } from './settings-store.js';

const DEFAULT_HUB = Symbol.for('telltale.defaultHub');

/**
 * The page's hub (one per realm, shared even by several copies of this module). In a browser
 * it shares connections across the origin's tabs, unless the page says
 * `<html data-telltale-cross-tab="off">` (read when the hub is first created).
 */
export function getDefaultHub(): Hub {
  const g = globalThis as { [DEFAULT_HUB]?: Hub };
  if (g[DEFAULT_HUB]) return g[DEFAULT_HUB];
  // Its requests carry the settings' access token; a new token reconnects everything.
  const hub = new Hub({ crossTab: defaultCrossTab(), fetch: settingsFetch });
  let token = pageSettings$.value.token ?? '';
  pageSettings$.subscribe((s) => {
    if ((s.token ?? '') === token) return;
    token = s.token ?? '';
    hub.reconnect();
  });
  return (g[DEFAULT_HUB] = hub);
}

function defaultCrossTab(): boolean {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc?.documentElement) return false;
  return doc.documentElement.getAttribute('data-telltale-cross-tab') !== 'off';
}
