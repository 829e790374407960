/**
 * Telltale's domain models: what decoders produce and elements render.
 *
 * Value lists are `const` arrays with the type derived from them, so a list and its type
 * never drift (the Spectrum 2nd-gen pattern). Times in Telltale models are epoch
 * milliseconds; the Agent-lightning wire models (`agl.ts`) keep the wire's epoch seconds.
 * This file has no DOM and no runtime dependencies: the reference server imports it too.
 */

// ── Activities (seed 000 live activity monitor, seed 001 tasks) ─────────────────────────

export const ACTIVITY_TYPES = ['upload', 'download', 'client', 'execution', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATUSES = ['queued', 'in_progress', 'success', 'failed', 'canceled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Stages an execution moves through; other activity types use a subset or their own names. */
export const EXECUTION_STAGES = [
  'cache_check',
  'queued',
  'downloading_inputs',
  'executing',
  'uploading_outputs',
  'completed',
] as const;

export interface ActivityStage {
  name: string;
  startedAt: number;
  endedAt: number | null;
}

export interface Activity {
  id: string;
  type: ActivityType;
  status: ActivityStatus;
  /** Current stage or step name, free text (e.g. `executing`). */
  stage: string;
  title: string;
  detail: string;
  worker: string | null;
  client: string | null;
  createdAt: number;
  updatedAt: number;
  stages: ActivityStage[];
  exitCode?: number | null;
  /** Sizes of the captured output; the text itself is fetched lazily. */
  stdoutBytes?: number;
  stderrBytes?: number;
  /** Bytes moved, for uploads and downloads. */
  bytes?: number;
  digest?: string;
  /** Why a failed activity failed (e.g. an RPC's status and message), when the server says. */
  error?: string | null;
}

// ── Workers ──────────────────────────────────────────────────────────────────────────

export const WORKER_STATUSES = ['idle', 'working', 'unavailable', 'offline', 'draining', 'paused'] as const;
export type WorkerStatus = (typeof WORKER_STATUSES)[number];

export const WORKER_SUB_STATUSES = ['downloading', 'executing', 'uploading'] as const;
export type WorkerSubStatus = (typeof WORKER_SUB_STATUSES)[number];

export interface UsedTotal {
  used: number;
  total: number;
}

/** `null` means "not reported" — never shown as zero. */
export interface WorkerMetrics {
  /** 0..1 */
  cpu: number | null;
  memory: UsedTotal | null;
  disk: UsedTotal | null;
  network: { rxBps: number; txBps: number } | null;
}

export interface AssignedAction {
  id: string;
  title: string;
  stage: string;
  startedAt: number;
}

export interface WorkerInfo {
  id: string;
  status: WorkerStatus;
  subStatus: WorkerSubStatus | null;
  metrics: WorkerMetrics;
  actions: AssignedAction[];
  /** Epoch ms of the last heartbeat the server saw; null when never reported. */
  lastHeartbeat: number | null;
  platform: Record<string, string>;
  /**
   * `false` when the worker's source cannot tell which actions run on it (a machine scraped
   * by `prom:` with no BEP / NativeLink source naming its host): `actions` is then empty
   * because unknown, not because idle. Absent (or true): the actions are reported.
   */
  actionsReported?: boolean;
}

// ── Stores ───────────────────────────────────────────────────────────────────────────

export const STORE_STATUSES = ['ok', 'degraded', 'offline'] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

export interface StoreInfo {
  id: string;
  name: string;
  /** `cas`, `ac` (action cache), or a tier kind: `memory`, `filesystem`, `s3`, `fast_slow`… */
  kind: string;
  /** Parent store id for nested tiers; null at the top. */
  parent: string | null;
  config: Record<string, string | number | boolean>;
  usedBytes: number;
  limitBytes: number | null;
  entries: number;
  hits: number;
  misses: number;
  evictions: number;
  status: StoreStatus;
}

// ── Clients ──────────────────────────────────────────────────────────────────────────

export const CLIENT_STATUSES = ['active', 'idle', 'disconnected'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

export interface ClientInfo {
  id: string;
  address: string;
  tool: string;
  status: ClientStatus;
  executions: number;
  bytesSent: number;
  bytesReceived: number;
  connectedAt: number;
  lastSeen: number;
  /** Ids of the client's most recent activities, newest first. */
  recent: string[];
}

// ── The live protocol's events ───────────────────────────────────────────────────────

export const ENTITY_KINDS = ['activity', 'worker', 'store', 'client'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface ClusterSnapshot {
  activities: Activity[];
  workers: WorkerInfo[];
  stores: StoreInfo[];
  clients: ClientInfo[];
}

export type LiveEvent =
  | { id: number; kind: 'activity'; data: Activity }
  | { id: number; kind: 'worker'; data: WorkerInfo }
  | { id: number; kind: 'store'; data: StoreInfo }
  | { id: number; kind: 'client'; data: ClientInfo }
  | { id: number; kind: 'remove'; data: { kind: EntityKind; id: string } }
  | { id: number; kind: 'reset'; data: ClusterSnapshot };

export type LiveEventKind = LiveEvent['kind'];

// ── Logs ─────────────────────────────────────────────────────────────────────────────

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogLine {
  /** Per-stream monotonic sequence number. */
  id: number;
  /** Epoch ms. */
  time: number;
  level: LogLevel;
  source: string;
  /** May contain ANSI SGR escape sequences. Untrusted: render as text. */
  text: string;
}

export interface LogStreamInfo {
  id: string;
  title: string;
  lastId: number;
}

// ── Seed 001: the task-event feed (snake_case, epoch seconds, as that system speaks) ──

export const TASK_EVENT_TYPES = [
  'task_start',
  'task_step',
  'actions_generated',
  'task_complete',
  'validator_connection',
  'cache_hit',
  'error',
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

export interface TaskEvent {
  id: number;
  type: TaskEventType;
  /** Epoch seconds (float). */
  timestamp: number;
  task_id: string | null;
  validator_ip: string | null;
  /** Free-form details; shown as text. */
  details: Record<string, unknown>;
}

export interface ActiveTask {
  task_id: string;
  prompt: string;
  validator_ip: string;
  /** Epoch seconds. */
  started_at: number;
  current_step: string;
  actions: number | null;
}

export interface TaskFeedStatus {
  last_id: number;
  active_tasks: ActiveTask[];
  recent_events: TaskEvent[];
  /** Events after `since`; omitted (and `reset: true`) when the cursor is too old. */
  events?: TaskEvent[];
  reset?: boolean;
}
