/**
 * Stand-in hubs for the stories of <worker-board>, <storage-overview> and <client-list>: the
 * same code paths as a real feed (snapshot, upserts, status), without a server; and the
 * source status every element's stories show (live-activity, rollout-table too).
 */
import { concat, interval, map, NEVER, of, type Observable } from 'rxjs';
import type { ClusterSnapshot, LiveEvent } from '../../../streams/models.js';
import type { Batch, HubLike, SourceStatus } from '../../../streams/types.js';
import { initialStatus } from '../../../streams/source-status.js';

export const storyStatus = (state: SourceStatus['state'], extra: Partial<SourceStatus> = {}): SourceStatus => ({ ...initialStatus('story'), state, lastEventAt: Date.now(), ...extra });

/**
 * Point a story's element at a stand-in hub (and a made-up address) whose source is in
 * `status`, after `snapshot` when given: the Loading, Error and Stale stories.
 */
export function readStoryHub(el: { baseUrl?: string; hub?: HubLike }, status: SourceStatus, snapshot?: Partial<ClusterSnapshot>): void {
  el.baseUrl = 'https://cluster.example';
  el.hub = storyHub({ status, snapshot: snapshot ? { ...emptySnapshot(), ...snapshot } : null });
}

export const emptySnapshot = (): ClusterSnapshot => ({ activities: [], workers: [], stores: [], clients: [] });

/**
 * A hub whose live feed sends `snapshot` (when given) and then, every `everyMs`, the events
 * `tick(n)` returns; its status is `status` throughout.
 */
export function storyHub(options: {
  snapshot?: ClusterSnapshot | null;
  status?: SourceStatus;
  tick?: (n: number) => LiveEvent[];
  everyMs?: number;
}): HubLike {
  const { snapshot = null, status = storyStatus('live'), tick, everyMs = 1000 } = options;
  const first: Observable<Batch<LiveEvent, ClusterSnapshot>> = snapshot ? of({ reset: snapshot, events: [] }) : NEVER;
  const rest: Observable<Batch<LiveEvent, ClusterSnapshot>> = tick ? interval(everyMs).pipe(map((n) => ({ reset: null, events: tick(n) }))) : NEVER;
  const source = { key: 'story', batches$: snapshot ? concat(first, rest) : first, status$: of(status) };
  return { live: () => source } as unknown as HubLike;
}
