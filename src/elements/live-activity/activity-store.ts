/**
 * The view model of <live-activity>: both feeds (the Telltale live protocol and the seed-001
 * task-event feed) mapped into one list of items keyed by id, plus the "active now" entries.
 * No DOM here, so the mapping is easy to test and to reuse.
 * The item mapping lives in activity-item.ts, the filters in activity-filter.ts and the ring
 * in slot-ring.ts; this module re-exports them so callers keep one import.
 */
import type { Activity, ActiveTask, ClusterSnapshot, LiveEvent, TaskEvent, TaskFeedStatus } from '../../streams/models.js';
import { ACTIVITY_TYPES } from '../../streams/models.js';
import { emptyMatrix, ITEM_STATUSES, type CountMatrix, type ItemStatus } from './activity-filter.js';
import { finite, itemFromActivity, itemFromTaskEvent, short, str, type ActiveEntry, type ActivityItem } from './activity-item.js';
import { SlotRing, type Slot } from './slot-ring.js';

export * from './activity-filter.js';
export * from './activity-item.js';

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
  /** task_id → ids of its progress rows, whose status is the task's state (restated when it changes). */
  private readonly taskRows = new Map<string, Set<string>>();
  /** task_id → outcome of a task seen completing (the newest `max` kept). */
  private readonly outcomes = new Map<string, 'success' | 'failed'>();
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
    this.taskRows.clear();
    this.outcomes.clear();
    this.inProgress.clear();
    for (const t of ACTIVITY_TYPES) for (const s of ITEM_STATUSES) this.matrix[t][s] = 0;
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
    if (task && item.followsTask) {
      let rows = this.taskRows.get(task);
      if (!rows) this.taskRows.set(task, (rows = new Set()));
      rows.add(item.id);
    }
  }

  private drop(slot: Slot): void {
    const it = slot.item;
    this.slots.delete(it.id);
    this.count(it, -1);
    const task = it.taskEvent?.task_id;
    if (task && this.taskItems.get(task) === it.id) this.taskItems.delete(task);
    const rows = task ? this.taskRows.get(task) : undefined;
    if (rows?.delete(it.id) && rows.size === 0) this.taskRows.delete(task!);
  }

  /**
   * A task's latest known state: in progress while it is active, then its outcome; `ended`
   * when it is not active and its outcome is not known (a snapshot without its completion, or
   * events without their task's start).
   */
  private taskState(id: string | null): ItemStatus {
    if (!id) return 'ended';
    if (this.tasks.has(id)) return 'in_progress';
    return this.outcomes.get(id) ?? 'ended';
  }

  /** The task's state changed: its progress rows (new objects, as every update) say so. */
  private restate(id: string): void {
    const rows = this.taskRows.get(id);
    if (!rows) return;
    const status = this.taskState(id);
    for (const rowId of rows) {
      const it = this.slots.get(rowId)?.item;
      if (it && it.status !== status) this.put({ ...it, status });
    }
  }

  private setOutcome(id: string, ok: boolean): void {
    this.outcomes.delete(id);
    this.outcomes.set(id, ok ? 'success' : 'failed');
    if (this.outcomes.size > this.max) this.outcomes.delete(this.outcomes.keys().next().value!);
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
    // The tasks' states first, so each row is born with its task's.
    for (const t of Array.isArray(status?.active_tasks) ? status.active_tasks : []) {
      if (t && typeof t.task_id === 'string') this.tasks.set(t.task_id, { ...t });
    }
    for (const e of recent) if (e?.type === 'task_complete' && e.task_id && !this.tasks.has(e.task_id)) this.setOutcome(e.task_id, e.details?.success === true);
    for (const e of recent) this.put(itemFromTaskEvent(e, this.seq++, this.taskState(e.task_id)));
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
      // The snapshot's active tasks are already as of last_id; only later events move them.
      // Tracked first, so the row is born with its task's state.
      if (e.id > this.lastTaskId) {
        this.lastTaskId = e.id;
        this.trackTask(e);
      }
      if (!this.slots.has(key)) {
        this.put(itemFromTaskEvent(e, this.seq++, this.taskState(e.task_id)));
        this.received++;
        if (this.ring.length > this.max) this.evict();
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
        this.outcomes.delete(id);
        this.restate(id);
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
        this.setOutcome(id, d.success === true);
        this.restate(id);
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