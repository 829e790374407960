/**
 * One row of <live-activity>'s feed from either wire: a live-protocol activity or a seed-001
 * task event mapped into an {@link ActivityItem} (kind, tone, icon, title, searchable parts),
 * and the "Active now" entry type. Pure and DOM-free (unit-tested in test/unit).
 */
import type { Activity, ActivityType, TaskEvent, TaskEventType } from '../../streams/models.js';
import type { ItemStatus } from './activity-filter.js';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from '../../streams/models.js';
import type { Tone } from '../../styles/tokens.js';
import { stripAnsi } from '../shared/ansi.js';
import { safeJson } from '../shared/format.js';

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

/** How a kind of row looks: its text label, colour and icon. */
type Look = { label: string; tone: Tone; icon: IconName };

const TYPE_LOOK: Record<ActivityType, Look> = {
  execution: { label: 'Execution', tone: 'info', icon: 'execution' },
  upload: { label: 'Upload', tone: 'purple', icon: 'upload' },
  download: { label: 'Download', tone: 'cyan', icon: 'download' },
  client: { label: 'Client call', tone: 'orange', icon: 'client' },
  other: { label: 'Other', tone: 'neutral', icon: 'other' },
};

/** Seed 001's colours, each with an icon and a text label so colour is never the only cue. */
const TASK_LOOK: Record<TaskEventType, Look> = {
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
  status: ItemStatus;
  /** A task event whose status is its task's state (progress events: start, step, actions). */
  followsTask?: boolean;
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


export const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : safeJson(v));
export const finite = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** The lower-case text a keyword search looks in. */
export function haystackOf(parts: (string | null | undefined)[]): string {
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
  return row(look, { id, type, status, title, detail, stage: str(a.stage), worker, client, time, updatedAt: finite(a.updatedAt, time), seq }, [id, title, detail, worker, client], { activity: a });
}

/** A task id shortened for a title. */
export const short = (taskId: string | null) => (taskId ? (taskId.length > 8 ? `${taskId.slice(0, 8)}…` : taskId) : '');

/**
 * A task event as one row: seed 001's type, colour, icon and a one-line detail. A progress
 * event (start, step, actions) takes `taskState`, its task's latest known state (the store
 * knows it); one naming no task is `ended`. An outcome, error, cache hit or connection keeps
 * its own status.
 */
export function itemFromTaskEvent(e: TaskEvent, seq: number, taskState: ItemStatus = 'in_progress'): ActivityItem {
  const d = (e.details && typeof e.details === 'object' ? e.details : {}) as Record<string, unknown>;
  const taskType = (Object.hasOwn(TASK_LOOK, e.type) ? e.type : 'task_step') as TaskEventType;
  let look = TASK_LOOK[taskType];
  let status: ItemStatus = e.task_id ? taskState : 'ended';
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
  const stage = taskType === 'task_step' ? title : taskType;
  const it = row(look, { id, type, status, title, detail, stage, worker: null, client, time, updatedAt: time, seq }, [id, e.task_id, title, detail, client, safeJson(d)], { taskEvent: e });
  if (e.task_id && (taskType === 'task_start' || taskType === 'task_step' || taskType === 'actions_generated')) it.followsTask = true;
  return it;
}

type RowFields = Pick<ActivityItem, 'id' | 'type' | 'status' | 'title' | 'detail' | 'stage' | 'worker' | 'client' | 'time' | 'updatedAt' | 'seq'>;

/** The one row builder both wires go through: fields, the kind's look, what search reads, the source record. */
function row(look: Look, f: RowFields, searchParts: ActivityItem['searchParts'], source: Pick<ActivityItem, 'activity' | 'taskEvent'>): ActivityItem {
  return { ...f, label: look.label, tone: look.tone, icon: look.icon, searchParts, ...source };
}

