/**
 * When the dashboard is served by `telltale relay`: which feeds its sources fill
 * (`GET /relay/info`), and for a page whose feed no source fills, what to pass instead of an
 * error or an empty skeleton. Elsewhere (the reference server, any other backend) there is no
 * /relay/info and nothing changes.
 */
import { html, type TemplateResult } from 'lit';
import { settingsFetch } from '../../src/streams/settings-store.js';
import type { PageId } from './routes.js';

export interface RelayInfo {
  relay: true;
  feeds: string[];
  kinds: { kind: string; usage: string; feeds: string[] }[];
  sources: { source: string; kind?: string }[];
}

/**
 * Within the live feed, the source kinds that fill each cluster page: a relay reading only a
 * Bazel build has activities and clients but no workers or stores to show.
 */
export const PAGE_KINDS: Partial<Record<PageId, string[]>> = {
  activity: ['bep', 'nativelink'],
  workers: ['prom', 'nativelink'],
  storage: ['redis-info', 'dir'],
  clients: ['bep'],
};

/** Feeds that come from a relay option rather than a source kind. */
const FEED_OPTION: Record<string, string> = {
  agl: '--agl http://127.0.0.1:4747   (an Agent-lightning store; the relay reads it once for every viewer)',
  tasks: '--tasks http://127.0.0.1:8080   (a seed-001 task feed)',
};

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
    const res = await settingsFetch(`${base}/relay/info`, { headers: { accept: 'application/json' } });
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
  if (!info || !feed) return null;
  if (!info.feeds.includes(feed)) return feed;
  // The live feed is there, but maybe not from a kind that fills this page.
  const kinds = PAGE_KINDS[page];
  const reading = new Set(info.sources.map((s) => s.kind));
  return kinds && info.sources.every((s) => s.kind !== undefined) && !kinds.some((k) => reading.has(k)) ? feed : null;
}

/** A password in a source URL (redis://:secret@host) is not for the page. */
const masked = (source: string): string => source.replace(/(\/\/[^/@\s]*?:)[^/@\s]*@/, '$1•••@');

const FEED_NAME: Record<string, string> = { live: 'cluster activity', logs: 'log', agl: 'Agent-lightning', tasks: 'task feed' };

/** The page body saying what to pass (text only: usage lines come from the server). */
export function relayHint(info: RelayInfo, feed: string, page?: PageId): TemplateResult {
  const forPage = page ? PAGE_KINDS[page] : undefined;
  const kinds = info.kinds.filter((k) => k.feeds.includes(feed) && (!forPage || forPage.includes(k.kind)));
  const running = info.sources.map((s) => masked(s.source)).join(', ') || 'none';
  const what = info.feeds.includes(feed) ? 'source for this page' : `${FEED_NAME[feed] ?? feed} source`;
  return html`<div class="relay-hint" role="note">
    <p><strong>This relay has no ${what}.</strong> It was started with: <code>${running}</code>.</p>
    ${FEED_OPTION[feed]
      ? html`<p>Start it with:</p>
          <ul>
            <li><code>${FEED_OPTION[feed]}</code></li>
          </ul>`
      : kinds.length
      ? html`<p>Start it with a source that feeds this page, for example:</p>
          <ul>
            ${kinds.map((k) => html`<li><code>${k.usage.split('\n')[0]}</code></li>`)}
          </ul>`
      : html`<p>None of this relay's source kinds feeds this page yet; the Logs page shows what it relays.</p>`}
    <p><code>npx telltale relay --help</code> lists every source and option.</p>
  </div>`;
}
