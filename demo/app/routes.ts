/** The dashboard's pages: one per navigation entry, routed by URL path (history API). */
export const PAGES = [
  { id: 'activity', title: 'Activity', blurb: 'Every upload, download, client call and execution on the cluster, live.' },
  { id: 'workers', title: 'Workers', blurb: 'Each worker’s status, load and the actions assigned to it.' },
  { id: 'storage', title: 'Storage', blurb: 'Content-addressable and action-cache stores: usage, hit rate, evictions.' },
  { id: 'clients', title: 'Clients', blurb: 'Build clients connected to the scheduler and what they are doing.' },
  // Not `/logs`: that path is the log protocol's stream list on the same origin.
  { id: 'logs', path: 'log-streams', title: 'Logs', blurb: 'The scheduler’s and workers’ log streams, tailed live.' },
  // Seed 001's task monitor: what validators send the miner, step by step.
  { id: 'tasks', title: 'Tasks', blurb: 'Tasks validators send to the miner: each one’s steps, actions and outcome, live.' },
  { id: 'rollouts', title: 'Rollouts', blurb: 'Agent-lightning rollouts with their latest attempts.' },
  { id: 'resources', title: 'Resources', blurb: 'Versioned resource snapshots the trainer publishes to its runners.' },
  { id: 'traces', title: 'Traces', blurb: 'Spans of a rollout attempt, on a time axis and as a table.' },
  { id: 'settings', title: 'Settings', blurb: 'Backend address, access token, auto-refresh and theme, for every page. Remembered in this browser.' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

export const NAV_GROUPS: { label: string; pages: PageId[] }[] = [
  { label: 'Cluster', pages: ['activity', 'workers', 'storage', 'clients', 'logs'] },
  { label: 'Task runner', pages: ['tasks'] },
  { label: 'Agent-lightning', pages: ['rollouts', 'resources', 'traces'] },
  { label: '', pages: ['settings'] },
];

export const DEFAULT_PAGE: PageId = 'activity';

export interface Route {
  page: PageId | null;
  params: URLSearchParams;
}

/** `/rollouts?rollout=ro-1` → { page: 'rollouts', params }; unknown paths → page null. */
export function parseRoute(loc: { pathname: string; search: string }): Route {
  const seg = loc.pathname.replace(/^\/+|\/+$/g, '').split('/')[0] ?? '';
  const params = new URLSearchParams(loc.search);
  if (seg === '' || seg === 'index.html') return { page: DEFAULT_PAGE, params };
  const page = PAGES.find((p) => pathOf(p.id) === seg)?.id ?? null;
  return { page, params };
}

/** The URL path segment of a page (its id, except where that would shadow an API path). */
export function pathOf(page: PageId): string {
  const p = PAGES.find((x) => x.id === page) as { id: PageId; path?: string } | undefined;
  return p?.path ?? page;
}

export function href(page: PageId, params?: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  const s = q.toString();
  return `/${pathOf(page)}${s ? `?${s}` : ''}`;
}
