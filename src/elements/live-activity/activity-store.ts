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

/**
 * The task feed's facets: its events fall into the same buckets under names that fit them —
 * the task lifecycle (task_start, task_step, actions_generated, task_complete and a task's
 * errors) in `execution`, validator connections in `client`, cache hits in `download` (a read
 * of stored results), anything else in `other`. Uploads mean nothing there, nor do queued or
 * canceled tasks: those options are not offered.
 */
export const TASK_TYPE_FILTERS = ['all', 'execution', 'client', 'download', 'other'] as const satisfies readonly TypeFilter[];
export const TASK_TYPE_FILTER_LABELS: Partial<Record<TypeFilter, string>> = {
  all: 'All',
  execution: 'Tasks',
  client: 'Validators',
  download: 'Cache hits',
  other: 'Other',
};
export const TASK_STATUS_FILTERS = ['all', 'success', 'in_progress', 'failed'] as const satisfies readonly StatusFilter[];

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
  /** Display text, built the first time the row is drawn (rows are redrawn every frame). */
  display?: { title: string; sub: string; iso: string; time: string };
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
      type = 'download';
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

/** Counts of items by type × status, maintained as items come, change and go. */
export type CountMatrix = Record<ActivityType, Record<ActivityStatus, number>>;

const emptyMatrix = (): CountMatrix =>
  Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, 0]))])) as CountMatrix;

/**
 * The faceted counts of {@link applyFilter} without a search or client filter, read from the
 * type × status matrix: O(types × statuses), whatever the number of items.
 */
export function countsFromMatrix(m: CountMatrix, type: TypeFilter, status: StatusFilter): Pick<FilterResult, 'typeCounts' | 'statusCounts'> {
  const typeCounts = zero(TYPE_FILTERS);
  const statusCounts = zero(STATUS_FILTERS);
  for (const t of ACTIVITY_TYPES) {
    for (const s of ACTIVITY_STATUSES) {
      const n = m[t][s];
      if (!n) continue;
      if (status === 'all' || status === s) {
        typeCounts.all += n;
        typeCounts[t] += n;
      }
      if (type === 'all' || type === t) {
        statusCounts.all += n;
        statusCounts[s] += n;
      }
    }
  }
  return { typeCounts, statusCounts };
}

/** A position in the store's order; the map points at it, so an update replaces `item` in O(1). */
interface Slot {
  item: ActivityItem;
}

/** Newest first: later start time, then later arrival. */
const newer = (a: ActivityItem, b: ActivityItem) => a.time > b.time || (a.time === b.time && a.seq > b.seq);

/**
 * A circular buffer of slots ordered oldest → newest, indexed newest-first. Adding at the
 * newest end and dropping the oldest are O(1); an item that arrives out of time order is
 * inserted at its place, moving only the slots newer than it.
 */
class SlotRing {
  private buf: (Slot | undefined)[];
  private head = 0; // index in buf of the oldest
  length = 0;

  constructor(private cap: number) {
    this.buf = new Array(Math.max(1, cap));
  }

  /** The i-th newest (0 = newest). */
  at(i: number): Slot | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return this.buf[(this.head + this.length - 1 - i) % this.cap];
  }

  /** Insert by order (grows the buffer when full; the store evicts right after). */
  insert(slot: Slot): void {
    if (this.length === this.cap) this.grow(this.cap * 2);
    // Walk from the newest end: almost every arrival is the newest, so this is one compare.
    let i = 0;
    while (i < this.length && newer(this.at(i)!.item, slot.item)) i++;
    // Shift the i newer slots one place towards the newest end.
    const base = this.head + this.length;
    for (let k = 0; k < i; k++) this.buf[(base - k) % this.cap] = this.buf[(base - k - 1) % this.cap];
    this.buf[(base - i) % this.cap] = slot;
    this.length++;
  }

  popOldest(): Slot | undefined {
    if (this.length === 0) return undefined;
    const s = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) % this.cap;
    this.length--;
    return s;
  }

  /** Remove one slot (O(n); removals are rare). */
  remove(slot: Slot): boolean {
    const all = this.toArray().filter((s) => s !== slot);
    if (all.length === this.length) return false;
    this.reset(all.reverse());
    return true;
  }

  /** Newest first. */
  toArray(): Slot[] {
    const out = new Array<Slot>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i)!;
    return out;
  }

  clear(): void {
    this.buf = new Array(this.cap);
    this.head = 0;
    this.length = 0;
  }

  private grow(cap: number): void {
    const all = this.toArray().reverse();
    this.cap = cap;
    this.reset(all);
  }

  /** Replace the content with slots given oldest first. */
  private reset(oldestFirst: Slot[]): void {
    this.buf = new Array(this.cap);
    oldestFirst.forEach((s, k) => (this.buf[k] = s));
    this.head = 0;
    this.length = oldestFirst.length;
  }
}

/**
 * The bounded, keyed state of the feed. Each event is O(1): the map finds an item's slot by id
 * and an update replaces the slot's item (a new object, so a frozen view keeps the old one);
 * new items go in at the newest end of a ring; past `max` the oldest (by start time) go and
 * are counted in `dropped`. Counts by type × status and the set of items in progress are kept
 * up to date as items change, so nothing is recomputed over the whole list per frame.
 */
export class ActivityStore {
  private readonly slots = new Map<string, Slot>();
  private readonly ring: SlotRing;
  private readonly tasks = new Map<string, ActiveTask>();
  /** task_id → id of its task_start item (or of another of its events). */
  private readonly taskItems = new Map<string, string>();
  /** Items in progress (live feed), by id. */
  private readonly inProgress = new Map<string, ActivityItem>();
  private readonly matrix: CountMatrix = emptyMatrix();
  private lastTaskId = -1;
  private sorted: ActivityItem[] | null = [];
  private activeCache: { version: number; entries: ActiveEntry[] } = { version: -1, entries: [] };
  private activeVersion = 0;
  private seq = 0;
  /** Changes each time the content changes (cheap dirty check for views). */
  version = 0;
  /** Items evicted by the bound since creation. */
  dropped = 0;
  /** Events applied since creation (upserts, removals, task events). */
  received = 0;
  /** New items added since creation (not updates): views use it to keep a reading position. */
  inserted = 0;
  /** Whether any snapshot or event arrived yet (loading state). */
  loaded = false;
  feed: 'live' | 'tasks' = 'live';

  constructor(public max = 1000) {
    this.ring = new SlotRing(max + 1);
  }

  get size(): number {
    return this.slots.size;
  }

  /** Number of items in order (= size). */
  get length(): number {
    return this.ring.length;
  }

  /** The i-th newest item (0 = newest). O(1). */
  at(i: number): ActivityItem | undefined {
    return this.ring.at(i)?.item;
  }

  /** Counts by type × status (live; do not modify). */
  get counts(): CountMatrix {
    return this.matrix;
  }

  clear(): void {
    this.slots.clear();
    this.ring.clear();
    this.tasks.clear();
    this.taskItems.clear();
    this.inProgress.clear();
    for (const t of ACTIVITY_TYPES) for (const s of ACTIVITY_STATUSES) this.matrix[t][s] = 0;
    this.lastTaskId = -1;
    this.sorted = [];
    this.activeVersion++;
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

  private count(it: ActivityItem, d: 1 | -1): void {
    this.matrix[it.type][it.status] += d;
    if (it.status === 'in_progress' && !it.taskEvent) {
      if (d > 0) this.inProgress.set(it.id, it);
      else this.inProgress.delete(it.id);
      this.activeVersion++;
    }
  }

  private put(item: ActivityItem): void {
    const slot = this.slots.get(item.id);
    if (slot) {
      const had = slot.item;
      item.seq = had.seq;
      this.count(had, -1);
      this.count(item, 1);
      if (item.time === had.time) {
        slot.item = item;
        return;
      }
      // Its start time changed: it moves.
      this.ring.remove(slot);
      slot.item = item;
      this.ring.insert(slot);
      return;
    }
    const fresh = { item };
    this.inserted++;
    this.slots.set(item.id, fresh);
    this.ring.insert(fresh);
    this.count(item, 1);
    const task = item.taskEvent?.task_id;
    if (task && (item.taskEvent!.type === 'task_start' || !this.taskItems.has(task))) this.taskItems.set(task, item.id);
  }

  private drop(slot: Slot): void {
    const it = slot.item;
    this.slots.delete(it.id);
    this.count(it, -1);
    const task = it.taskEvent?.task_id;
    if (task && this.taskItems.get(task) === it.id) this.taskItems.delete(task);
  }

  private evict(): void {
    let evicted = false;
    while (this.ring.length > this.max) {
      const slot = this.ring.popOldest()!;
      this.drop(slot);
      this.dropped++;
      evicted = true;
    }
    if (evicted) this.touch();
  }

  resetLive(snapshot: ClusterSnapshot | { activities?: Activity[] }): void {
    this.feed = 'live';
    this.clear();
    const list = Array.isArray(snapshot?.activities) ? [...snapshot.activities] : [];
    // Oldest first: each insert is then at the newest end.
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
        // Bound as we go, so a huge batch never holds more than max + 1 items.
        if (this.ring.length > this.max) this.evict();
      } else if (ev.kind === 'remove') {
        const slot = ev.data?.kind === 'activity' ? this.slots.get(ev.data.id) : undefined;
        if (slot) {
          this.ring.remove(slot);
          this.drop(slot);
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
      if (!this.slots.has(key)) {
        this.put(itemFromTaskEvent(e, this.seq++));
        this.received++;
        if (this.ring.length > this.max) this.evict();
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
    this.activeVersion++;
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

  /** Newest first (by start time, then arrival) as an array: O(n), cached until the next change. */
  list(): ActivityItem[] {
    if (!this.sorted) {
      const n = this.ring.length;
      const out = new Array<ActivityItem>(n);
      for (let i = 0; i < n; i++) out[i] = this.ring.at(i)!.item;
      this.sorted = out;
    }
    return this.sorted;
  }

  get(id: string): ActivityItem | undefined {
    return this.slots.get(id)?.item;
  }

  /** What "Active now" shows: the longest-running first. Recomputed only when it changed. */
  active(): ActiveEntry[] {
    if (this.activeCache.version === this.activeVersion) return this.activeCache.entries;
    const out: ActiveEntry[] = [];
    if (this.feed === 'tasks') {
      for (const t of this.tasks.values()) {
        out.push({
          id: t.task_id,
          title: t.prompt || short(t.task_id),
          stage: t.actions != null && !/actions/.test(t.current_step) ? `${t.current_step} (${t.actions} actions)` : t.current_step,
          worker: null,
          client: t.validator_ip || null,
          clientLabel: 'Validator',
          startedAt: finite(t.started_at, Date.now() / 1000) * 1000,
          itemId: this.taskItems.get(t.task_id) ?? null,
        });
      }
    } else {
      for (const it of this.inProgress.values()) {
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
    out.sort((a, b) => a.startedAt - b.startedAt);
    this.activeCache = { version: this.activeVersion, entries: out };
    return out;
  }
}
