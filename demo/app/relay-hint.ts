/**
 * When the dashboard is served by `telltale relay`: which feeds its sources fill
 * (`GET /relay/info`), and for a page whose feed no source fills, what to pass instead of an
 * error or an empty skeleton. Elsewhere (the reference server, any other backend) there is no
 * /relay/info and nothing changes.
 */
import { html, type TemplateResult } from 'lit';
import type { PageId } from './routes.js';

export interface RelayInfo {
  relay: true;
  feeds: string[];
  kinds: { kind: string; usage: string; feeds: string[] }[];
  sources: { source: string }[];
}

/** The feed a page reads: the live protocol, log streams, or the Agent-lightning API. */
export const PAGE_FEED: Partial<Record<PageId, string>> = {
  activity: 'live',
  workers: 'live',
  storage: 'live',
  clients: 'live',
  logs: 'logs',
  rollouts: 'agl',
  resources: 'agl',
  traces: 'agl',
  tasks: 'tasks',
};

export async function loadRelayInfo(base: string): Promise<RelayInfo | null> {
  try {
    const res = await fetch(`${base}/relay/info`, { headers: { accept: 'application/json' } });
    if (!res.ok) return null;
    const json = (await res.json()) as Partial<RelayInfo>;
    return json.relay === true && Array.isArray(json.feeds) && Array.isArray(json.kinds) ? (json as RelayInfo) : null;
  } catch {
    return null;
  }
}

/** The feed `page` lacks on this relay, or null when it is there (or this is no relay). */
export function missingFeed(info: RelayInfo | null, page: PageId): string | null {
  const feed = PAGE_FEED[page];
  return info && feed && !info.feeds.includes(feed) ? feed : null;
}

const FEED_NAME: Record<string, string> = { live: 'cluster activity', logs: 'log', agl: 'Agent-lightning', tasks: 'task feed' };

/** The page body saying what to pass (text only: usage lines come from the server). */
export function relayHint(info: RelayInfo, feed: string): TemplateResult {
  const kinds = info.kinds.filter((k) => k.feeds.includes(feed));
  const running = info.sources.map((s) => s.source).join(', ') || 'none';
  return html`<div class="relay-hint" role="note">
    <p><strong>This relay has no ${FEED_NAME[feed] ?? feed} source.</strong> It was started with: <code>${running}</code>.</p>
    ${kinds.length
      ? html`<p>Start it with a source that feeds this page, for example:</p>
          <ul>
            ${kinds.map((k) => html`<li><code>${k.usage.split('\n')[0]}</code></li>`)}
          </ul>`
      : html`<p>None of this relay's source kinds feeds this page yet; the Logs page shows what it relays.</p>`}
    <p><code>npx telltale relay --help</code> lists every source and option.</p>
  </div>`;
}
