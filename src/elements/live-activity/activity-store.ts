/**
 * The view model of <live-activity>: both feeds (the Telltale live protocol and the seed-001
 * task-event feed) mapped into one list of items keyed by id, plus the "active now" entries.
 * No DOM here, so the mapping is easy to test and to reuse.
 */
import type { Activity, ActivityStatus, ActivityType, ActiveTask, ClusterSnapshot, LiveEvent, TaskEvent, TaskEventType, TaskFeedStatus } from '../../streams/models.js';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from '../../streams/models.js';
import type { Tone } from '../../styles/tokens.js';
import { stripAnsi } from '../shared/ansi.js';
import { safeJson } from '../shared/format.js';

/** The filter choices, in the order the seed lists them ('all' first). */
export const TYPE_FILTERS = ['all', ...ACTIVITY_TYPES] as const;
export type TypeFilter = (typeof TYPE_FILTERS)[number];
export const STATUS_FILTERS = ['all', 'success', 'in_progress', 'queued', 'failed', 'canceled'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const TYPE_FILTER_LABELS: Record<TypeFilter, string> = {
  all: 'All',
  upload: 'Upload',
  download: 'Download',
  client: 'Clients',
  execution: 'Executions',
  other: 'Others',
};

export const STATUS_LABELS: Record<StatusFilter, string> = {
  all: 'All',
  success: 'Success',
  in_progress: 'In Progress',
  queued: 'Queued',
  failed: 'Failed',
  canceled: 'Canceled',
};

export const STATUS_TONES: Record<ActivityStatus, Tone> = {
  success: 'ok',
  in_progress: 'info',
  queued: 'warn',
  failed: 'error',
  canceled: 'neutral',
};

export type IconName =
  | 'upload'
  | 'download'
  | 'client'
  | 'execution'
  | 'other'
  | 'task_start'
  | 'task_step'
  | 'actions_generated'
  | 'task_ok'
  | 'task_failed'
  | 'validator_connection'
  | 'cache_hit'
  | 'error';

const TYPE_LOOK: Record<ActivityType, { label: string; tone: Tone; icon: IconName }> = {
  execution: { label: 'Execution', tone: 'info', icon: 'execution' },
  upload: { label: 'Upload', tone: 'purple', icon: 'upload' },
  download: { label: 'Download', tone: 'cyan', icon: 'download' },
  client: { label: 'Client call', tone: 'orange', icon: 'client' },
  other: { label: 'Other', tone: 'neutral', icon: 'other' },
};

/** Seed 001's colours, each with an icon and a text label so colour is never the only cue. */
const TASK_LOOK: Record<TaskEventType, { label: string; tone: Tone; icon: IconName }> = {
  task_start: { label: 'task_start', tone: 'ok', icon: 'task_start' },
  task_step: { label: 'task_step', tone: 'info', icon: 'task_step' },
  actions_generated: { label: 'actions_generated', tone: 'orange', icon: 'actions_generated' },
  task_complete: { label: 'task_complete', tone: 'ok', icon: 'task_ok' },
  validator_connection: { label: 'validator_connection', tone: 'purple', icon: 'validator_connection' },
  cache_hit: { label: 'cache_hit', tone: 'cyan', icon: 'cache_hit' },
  error: { label: 'error', tone: 'error', icon: 'error' },
};

/** One row of the feed, whichever feed it came from. */
export interface ActivityItem {
  /** Key: the activity id, or `event-<id>` for a task event. */
  id: string;
  /** The filter bucket. */
  type: ActivityType;
  status: ActivityStatus;
  /** Text label of the kind (activity type or task event type). */
  label: string;
  tone: Tone;
  icon: IconName;
  title: string;
  detail: string;
  stage: string;
  worker: string | null;
  client: string | null;
  /** Epoch ms the item began (sort key, newest first). */
  time: number;
  updatedAt: number;
  /** Insertion order, to keep ties stable. */
  seq: number;
  /** Lower-case text the keyword search looks in (id, title, detail, worker, client); built on first search. */
  haystack?: string;
  /** The raw parts of the haystack. */
  searchParts: (string | null | undefined)[];
  activity?: Activity;
  taskEvent?: TaskEvent;
}

/** One entry of the "Active now" panel. */
export interface ActiveEntry {
  id: string;
  title: string;
  stage: string;
  worker: string | null;
  client: string | null;
  /** What `client` means in this feed ("Client" or "Validator"). */
  clientLabel: string;
  startedAt: number;
  /** Id of the item the details panel opens for this entry. */
  itemId: string | null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : safeJson(v));
const finite = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

function haystackOf(parts: (string | null | undefined)[]): string {
  return parts
    .filter(Boolean)
    .map((p) => stripAnsi(p as string))
    .join('\u0000')
    .toLowerCase();
}

export function itemFromActivity(a: Activity, seq: number): ActivityItem {
  const type = (ACTIVITY_TYPES as readonly string[]).includes(a.type) ? a.type : 'other';
  const status = (ACTIVITY_STATUSES as readonly string[]).includes(a.status) ? a.status : 'queued';
  const look = TYPE_LOOK[type];
  const id = str(a.id);
  const title = str(a.title);
  const detail = str(a.detail);
  const worker = a.worker == null ? null : str(a.worker);
  const client = a.client == null ? null : str(a.client);
  const time = finite(a.createdAt, Date.now());
  return {
    id,
    type,
    status,
    label: look.label,
    tone: look.tone,
    icon: look.icon,
    title,
    detail,
    stage: str(a.stage),
    worker,
    client,
    time,
    updatedAt: finite(a.updatedAt, time),
    seq,
    searchParts: [id, title, detail, worker, client],
    activity: a,
  };
}

const short = (taskId: string | null) => (taskId ? (taskId.length > 8 ? `${taskId.slice(0, 8)}…` : taskId) : '');

/** A task event as one row: seed 001's type, colour, icon and a one-line detail. */
export function itemFromTaskEvent(e: TaskEvent, seq: number): ActivityItem {
  const d = (e.details && typeof e.details === 'object' ? e.details : {}) as Record<string, unknown>;
  const taskType = (Object.hasOwn(TASK_LOOK, e.type) ? e.type : 'task_step') as TaskEventType;
  let look = TASK_LOOK[taskType];
  let status: ActivityStatus = 'in_progress';
  let type: ActivityType = e.task_id ? 'execution' : 'other';
  let title = '';
  const task = short(e.task_id);
  switch (taskType) {
    case 'task_start':
      title = d.prompt != null ? str(d.prompt) : `Task ${task} received`;
      break;
    case 'task_step':
      title = d.step != null ? str(d.step) : 'step';
      break;
    case 'actions_generated':
      title = `${str(d.count ?? d.actions ?? '?')} actions`;
      break;
    case 'task_complete': {
      const ok = d.success === true;
      status = ok ? 'success' : 'failed';
      if (!ok) look = { label: 'task_complete', tone: 'error', icon: 'task_failed' };
      const secs = typeof d.duration_seconds === 'number' ? ` in ${d.duration_seconds}s` : '';
      title = `${ok ? 'Succeeded' : 'Failed'}: ${str(d.actions ?? 0)} actions${secs}`;
      break;
    }
    case 'validator_connection':
      type = 'client';
      status = 'success';
      title = `Validator ${str(e.validator_ip)} ${str(d.action ?? 'connected')}`;
      break;
    case 'cache_hit':
      status = 'success';
      title = `Cache hit${d.key != null ? ` ${str(d.key)}` : ''}`;
      break;
    case 'error':
      status = 'failed';
      title = d.message != null ? str(d.message) : 'Error';
      break;
  }
  const parts: string[] = [];
  if (e.task_id) parts.push(`Task: ${task}`);
  if (e.validator_ip) parts.push(`Validator: ${str(e.validator_ip)}`);
  const detail = parts.join(' · ');
  const time = finite(e.timestamp, Date.now() / 1000) * 1000;
  const id = `event-${e.id}`;
  const client = e.validator_ip == null ? null : str(e.validator_ip);
  return {
    id,
    type,
    status,
    label: look.label,
    tone: look.tone,
    icon: look.icon,
    title,
    detail,
    stage: taskType === 'task_step' ? title : taskType,
    worker: null,
    client,
    time,
    updatedAt: time,
    seq,
    searchParts: [id, e.task_id, title, detail, client, safeJson(d)],
    taskEvent: e,
  };
}

export interface Filter {
  type: TypeFilter;
  status: StatusFilter;
  /** Lower-cased, trimmed. */
  search: string;
  /** Only this client (or validator); '' = any. */
  client: string;
}

export interface FilterResult {
  items: ActivityItem[];
  typeCounts: Record<TypeFilter, number>;
  statusCounts: Record<StatusFilter, number>;
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Filter the (newest-first) list and count each option faceted: a type's count respects the
 * status filter and the search, a status's count respects the type filter and the search —
 * so each number is what the user would see after clicking that option.
 */
export function applyFilter(list: readonly ActivityItem[], f: Filter): FilterResult {
  const typeCounts = zero(TYPE_FILTERS);
  const statusCounts = zero(STATUS_FILTERS);
  const items: ActivityItem[] = [];
  const terms = f.search ? f.search.split(/\s+/).filter(Boolean) : [];
  for (const it of list) {
    if (f.client && it.client !== f.client) continue;
    if (terms.length) {
      // Built lazily: under a burst nobody searches, and most items never need it.
      const hay = (it.haystack ??= haystackOf(it.searchParts));
      if (!terms.every((t) => hay.includes(t))) continue;
    }
    const typeOk = f.type === 'all' || it.type === f.type;
    const statusOk = f.status === 'all' || it.status === f.status;
    if (statusOk) {
      typeCounts.all++;
      typeCounts[it.type]++;
    }
    if (typeOk) {
      statusCounts.all++;
      statusCounts[it.status]++;
    }
    if (typeOk && statusOk) items.push(it);
  }
  return { items, typeCounts, statusCounts };
}

/**
 * The bounded, keyed state of the feed. Upserts replace an item in place (a new object, so a
 * frozen view keeps the old one); new items go in at the top; past `max` the oldest go and are
 * counted in `dropped`.
 */
export class ActivityStore {
  private readonly items = new Map<string, ActivityItem>();
  private readonly tasks = new Map<string, ActiveTask>();
  private lastTaskId = -1;
  private sorted: ActivityItem[] | null = [];
  private seq = 0;
  /** Changes each time the content changes (cheap dirty check for views). */
  version = 0;
  /** Items evicted by the bound since creation. */
  dropped = 0;
  /** Events applied since creation (upserts, removals, task events). */
  received = 0;
  /** Whether any snapshot or event arrived yet (loading state). */
  loaded = false;
  feed: 'live' | 'tasks' = 'live';

  constructor(public max = 1000) {}

  get size(): number {
    return this.items.size;
  }

  clear(): void {
    this.items.clear();
    this.tasks.clear();
    this.lastTaskId = -1;
    this.sorted = [];
    this.version++;
  }

  setMax(max: number): void {
    this.max = Math.max(1, Math.floor(max) || 1000);
    this.evict();
  }

  private touch(): void {
    this.sorted = null;
    this.version++;
  }

  private put(item: ActivityItem): void {
    const had = this.items.get(item.id);
    if (had) item.seq = had.seq;
    this.items.set(item.id, item);
  }

  private evict(): void {
    // Map order is insertion order, which is arrival order: the oldest arrivals go first.
    let excess = this.items.size - this.max;
    if (excess <= 0) return;
    for (const key of this.items.keys()) {
      if (excess-- <= 0) break;
      this.items.delete(key);
      this.dropped++;
    }
    this.touch();
  }

  resetLive(snapshot: ClusterSnapshot | { activities?: Activity[] }): void {
    this.feed = 'live';
    this.clear();
    const list = Array.isArray(snapshot?.activities) ? [...snapshot.activities] : [];
    // Oldest first, so eviction order matches time order.
    list.sort((a, b) => finite(a.createdAt, 0) - finite(b.createdAt, 0));
    for (const a of list) if (a && typeof a.id === 'string') this.put(itemFromActivity(a, this.seq++));
    this.loaded = true;
    this.evict();
    this.touch();
  }

  applyLive(events: readonly LiveEvent[]): void {
    let changed = false;
    for (const ev of events) {
      if (ev.kind === 'activity') {
        if (!ev.data || typeof ev.data.id !== 'string') continue;
        this.put(itemFromActivity(ev.data, this.seq++));
        this.received++;
        changed = true;
      } else if (ev.kind === 'remove') {
        if (ev.data?.kind === 'activity' && this.items.delete(ev.data.id)) {
          this.received++;
          changed = true;
        }
      } else if (ev.kind === 'reset') {
        this.resetLive(ev.data);
        changed = true;
      }
    }
    if (changed) {
      this.loaded = true;
      this.evict();
      this.touch();
    }
  }

  /** Upsert activities directly (property/method data, benchmarks). */
  upsertActivities(list: readonly Activity[]): void {
    this.applyLive(list.map((data) => ({ id: 0, kind: 'activity', data }) as LiveEvent));
  }

  resetTasks(status: TaskFeedStatus): void {
    this.feed = 'tasks';
    this.clear();
    const recent = Array.isArray(status?.recent_events) ? [...status.recent_events] : [];
    recent.sort((a, b) => a.id - b.id);
    for (const e of recent) this.put(itemFromTaskEvent(e, this.seq++));
    for (const t of Array.isArray(status?.active_tasks) ? status.active_tasks : []) {
      if (t && typeof t.task_id === 'string') this.tasks.set(t.task_id, { ...t });
    }
    this.lastTaskId = finite(status?.last_id, recent.at(-1)?.id ?? -1);
    this.loaded = true;
    this.evict();
    this.touch();
  }

  applyTasks(events: readonly TaskEvent[]): void {
    if (events.length === 0) return;
    this.feed = 'tasks';
    for (const e of events) {
      if (!e || typeof e.id !== 'number') continue;
      const key = `event-${e.id}`;
      if (!this.items.has(key)) {
        this.put(itemFromTaskEvent(e, this.seq++));
        this.received++;
      }
      // The snapshot's active tasks are already as of last_id; only later events move them.
      if (e.id > this.lastTaskId) {
        this.lastTaskId = e.id;
        this.trackTask(e);
      }
    }
    this.loaded = true;
    this.evict();
    this.touch();
  }

  private trackTask(e: TaskEvent): void {
    const id = e.task_id;
    if (!id) return;
    const d = (e.details ?? {}) as Record<string, unknown>;
    const t = this.tasks.get(id);
    switch (e.type) {
      case 'task_start':
        this.tasks.set(id, {
          task_id: id,
          prompt: str(d.prompt),
          validator_ip: str(e.validator_ip),
          started_at: finite(e.timestamp, Date.now() / 1000),
          current_step: 'received',
          actions: null,
        });
        break;
      case 'task_step':
        if (t) this.tasks.set(id, { ...t, current_step: str(d.step) });
        break;
      case 'actions_generated': {
        const count = typeof d.count === 'number' ? d.count : null;
        if (t) this.tasks.set(id, { ...t, actions: count, current_step: `generated ${count ?? '?'} actions` });
        break;
      }
      case 'task_complete':
        this.tasks.delete(id);
        break;
    }
  }

  /** Newest first (by start time, then arrival). Cached until the next change. */
  list(): ActivityItem[] {
    if (!this.sorted) {
      this.sorted = [...this.items.values()].sort((a, b) => b.time - a.time || b.seq - a.seq);
    }
    return this.sorted;
  }

  get(id: string): ActivityItem | undefined {
    return this.items.get(id);
  }

  /** What "Active now" shows: the longest-running first. */
  active(): ActiveEntry[] {
    const out: ActiveEntry[] = [];
    if (this.feed === 'tasks') {
      for (const t of this.tasks.values()) {
        const start = this.findTaskStart(t.task_id);
        out.push({
          id: t.task_id,
          title: t.prompt || short(t.task_id),
          stage: t.actions != null && !/actions/.test(t.current_step) ? `${t.current_step} (${t.actions} actions)` : t.current_step,
          worker: null,
          client: t.validator_ip || null,
          clientLabel: 'Validator',
          startedAt: finite(t.started_at, Date.now() / 1000) * 1000,
          itemId: start,
        });
      }
    } else {
      for (const it of this.items.values()) {
        if (it.status !== 'in_progress') continue;
        out.push({
          id: it.id,
          title: it.title,
          stage: it.stage,
          worker: it.worker,
          client: it.client,
          clientLabel: 'Client',
          startedAt: it.time,
          itemId: it.id,
        });
      }
    }
    return out.sort((a, b) => a.startedAt - b.startedAt);
  }

  private findTaskStart(taskId: string): string | null {
    let found: string | null = null;
    for (const it of this.items.values()) {
      if (it.taskEvent?.task_id === taskId) {
        found = it.id;
        if (it.taskEvent.type === 'task_start') return found;
      }
    }
    return found;
  }
}
