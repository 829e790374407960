/**
 * Agent-lightning store wire models, exactly as the real server speaks them (snake_case,
 * epoch seconds). See docs/protocol.md and the OpenAPI document (test/fixtures/agent-lightning/). Elements keep
 * the wire objects as received so that "View raw JSON" shows the wire JSON, not a remapped copy.
 */

export const ROLLOUT_STATUSES = [
  'queuing',
  'preparing',
  'running',
  'failed',
  'succeeded',
  'cancelled',
  'requeuing',
] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

export const ATTEMPT_STATUSES = ['preparing', 'running', 'failed', 'succeeded', 'unresponsive', 'timeout'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export const ROLLOUT_MODES = ['train', 'val', 'test'] as const;
export type RolloutMode = (typeof ROLLOUT_MODES)[number];

export const AGL_WORKER_STATUSES = ['idle', 'busy', 'unknown'] as const;
export type AglWorkerStatus = (typeof AGL_WORKER_STATUSES)[number];

export interface RolloutConfig {
  timeout_seconds: number | null;
  unresponsive_seconds: number | null;
  max_attempts: number;
  retry_condition: AttemptStatus[];
}

export interface Attempt {
  rollout_id: string;
  attempt_id: string;
  sequence_id: number;
  start_time: number;
  end_time: number | null;
  status: AttemptStatus;
  worker_id: string | null;
  last_heartbeat_time: number | null;
  metadata: Record<string, unknown> | null;
}

export interface Rollout {
  rollout_id: string;
  input: unknown;
  start_time: number;
  end_time: number | null;
  mode: RolloutMode | null;
  resources_id: string | null;
  status: RolloutStatus;
  config: RolloutConfig;
  metadata: Record<string, unknown> | null;
  /** Latest attempt. Absent (no key at all) when the rollout was never attempted. */
  attempt?: Attempt;
}

export interface Paginated<T> {
  items: T[];
  limit: number;
  offset: number;
  total: number;
}

export interface SpanStatus {
  status_code: 'UNSET' | 'OK' | 'ERROR';
  description: string | null;
}

export interface Span {
  rollout_id: string;
  attempt_id: string;
  sequence_id: number;
  trace_id: string;
  span_id: string;
  parent_id: string | null;
  name: string;
  status: SpanStatus;
  attributes: Record<string, unknown>;
  events: unknown[];
  links: unknown[];
  start_time: number | null;
  end_time: number | null;
  context: unknown;
  parent: unknown;
  resource: unknown;
}

export interface ResourcesUpdate {
  resources_id: string;
  create_time: number;
  update_time: number;
  version: number;
  resources: Record<string, { resource_type: 'llm' | 'proxy_llm' | 'prompt_template'; [key: string]: unknown }>;
}

export interface AglWorker {
  worker_id: string;
  status: AglWorkerStatus;
  heartbeat_stats: Record<string, unknown> | null;
  last_heartbeat_time: number | null;
  last_dequeue_time: number | null;
  last_busy_time: number | null;
  last_idle_time: number | null;
  current_rollout_id: string | null;
  current_attempt_id: string | null;
}
