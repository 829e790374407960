/**
 * What the relay says about an API path it does not serve: a JSON 404 whose `error` names what
 * is missing and which source or flag would feed it (the dashboard shows that text). Without
 * this, such a path fell through to the dashboard's HTML page, and a reader of JSON failed on it.
 */

/** The part of `/relay/info` these messages read. */
export interface ServedInfo {
  feeds: string[];
  kinds: { kind: string; feeds: string[] }[];
}

/** Path prefixes that are APIs (never the dashboard's pages): they answer JSON, also when not served. */
const API_ROOTS = new Set(['api', 'v1', 'logs', 'live', 'relay']);

export const isApiPath = (segments: readonly string[]): boolean => API_ROOTS.has(segments[0] ?? '');

/**
 * A request for data, not a page or a file: it accepts JSON or an event stream and not HTML
 * (a browser's navigation accepts text/html; its scripts and styles have a file extension).
 */
export function asksForData(req: { headers: { accept?: string } }, url: URL): boolean {
  const accept = req.headers.accept ?? '';
  return /application\/(?:[\w.-]+\+)?json|text\/event-stream/.test(accept) && !accept.includes('text/html') && !/\.[^/]*$/.test(url.pathname);
}

const SERVES = 'it serves /logs (log streams), /live (cluster activity) and /relay/info; `telltale relay --help` lists every source and option';

/** The `error` of the 404 for `path` (segments of an API path nobody answered). */
export function notServed(segments: readonly string[], info: Partial<ServedInfo>): string {
  const feeds = info.feeds ?? [];
  const path = '/' + segments.join('/');
  const [a, b, c] = segments;
  // `/rollouts`: the seed's Agent-lightning route (rollout-table's fallback when /v1/agl is missing).
  if ((a === 'v1' && b === 'agl') || (a === 'rollouts' && segments.length === 1)) {
    return `this relay serves no Agent-lightning store (${path}): start it with --agl URL, the store's address (e.g. --agl http://127.0.0.1:4747)`;
  }
  if (a === 'api' && b === 'dashboard' && c === 'live') {
    return `this relay serves no task feed (${path}): start it with --tasks URL, a seed-001 task feed's server (e.g. --tasks http://127.0.0.1:8080)`;
  }
  if (a === 'live' && !feeds.includes('live')) {
    const kinds = (info.kinds ?? []).filter((k) => k.feeds.includes('live')).map((k) => `${k.kind}:`);
    return `this relay has no cluster source, only logs (${path}): cluster activity, workers and stores come from ${kinds.join(' ')} sources (\`telltale relay --help\`)`;
  }
  if (a === 'logs') return `this relay does not serve ${path}: GET /logs lists its log streams, /logs/NAME streams one`;
  if (a === 'relay') return `this relay does not serve ${path}: /relay/info describes it`;
  return `this relay does not serve ${path}: ${SERVES}`;
}
