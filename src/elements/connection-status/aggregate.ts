/** Fold every source's status into the page's one: the worst state wins. */
import type { ConnectionState, SourceStatus } from '../../streams/types.js';

export type AggregateState = ConnectionState | 'idle';

/** Worst first. */
const SEVERITY: Record<AggregateState, number> = {
  error: 6,
  offline: 5,
  reconnecting: 4,
  connecting: 3,
  polling: 2,
  live: 1,
  idle: 0,
};

export interface AggregateStatus {
  state: AggregateState;
  /** Reasons of the sources in the worst state (and others not live), as `key: reason`. */
  reasons: string[];
  refreshing: boolean;
  /** Newest lastEventAt of any source (epoch ms). */
  lastEventAt: number | null;
  role: 'solo' | 'leader' | 'follower';
  sources: number;
  /** Sources per state. */
  counts: Partial<Record<AggregateState, number>>;
}

export function aggregate(statuses: readonly SourceStatus[]): AggregateStatus {
  // Sources closed because nobody listens are not a problem of the page.
  const active = statuses.filter((s) => !(s.state === 'offline' && /no subscribers/.test(s.reason ?? '')));
  let state: AggregateState = 'idle';
  let lastEventAt: number | null = null;
  let refreshing = false;
  let role: AggregateStatus['role'] = 'solo';
  const counts: AggregateStatus['counts'] = {};
  for (const s of active) {
    if (SEVERITY[s.state] > SEVERITY[state]) state = s.state;
    if (s.lastEventAt != null && (lastEventAt == null || s.lastEventAt > lastEventAt)) lastEventAt = s.lastEventAt;
    refreshing ||= s.refreshing;
    if (s.role === 'follower') role = 'follower';
    else if (s.role === 'leader' && role !== 'follower') role = 'leader';
    counts[s.state] = (counts[s.state] ?? 0) + 1;
  }
  const reasons = active
    .filter((s) => s.state !== 'live' && s.reason)
    .sort((a, b) => SEVERITY[b.state] - SEVERITY[a.state])
    .map((s) => `${s.key}: ${s.reason}`);
  return { state, reasons, refreshing, lastEventAt, role, sources: active.length, counts };
}

export const STATE_LABELS: Record<AggregateState, string> = {
  live: 'Live',
  polling: 'Polling',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  error: 'Error',
  idle: 'Idle',
};
