/**
 * What a rollout row shows, derived from the wire objects: the columns and their labels, status
 * words and tones, times and durations, the input's JSON, the text each text column sorts by, and
 * where each wire shape keeps its lists. Pure (no DOM): the cells, the model and the tests share it.
 */
import { ROLLOUT_MODES, type Attempt, type AttemptStatus, type Rollout, type RolloutStatus } from '../../streams/agl.js';
import type { Tone } from '../../styles/tokens.js';
import { safeJson } from '../shared/format.js';

export const WIRE_SHAPES = ['auto', 'envelope', 'array'] as const;
export type WireShape = (typeof WIRE_SHAPES)[number];
export type DetectedShape = Exclude<WireShape, 'auto'>;

export const COLUMNS = [
  'rollout',
  'attempt',
  'input',
  'status',
  'resources',
  'mode',
  'start',
  'duration',
  'heartbeat',
  'worker',
] as const;
export type ColumnId = (typeof COLUMNS)[number];

export const COLUMN_LABELS: Record<ColumnId, string> = {
  rollout: 'Rollout',
  attempt: 'Attempt',
  input: 'Input',
  status: 'Status',
  resources: 'Resources ID',
  mode: 'Mode',
  start: 'Start Time',
  duration: 'Duration',
  heartbeat: 'Last Heartbeat',
  worker: 'Worker ID',
};

export type SortDir = 'asc' | 'desc';
export interface SortSpec {
  column: ColumnId;
  dir: SortDir;
}

/** "No mode" is a filterable value of its own. */
export const MODE_FILTER_VALUES = [...ROLLOUT_MODES, 'none'] as const;
export type ModeFilterValue = (typeof MODE_FILTER_VALUES)[number];

export const INPUT_PREVIEW_CHARS = 35;

/** One meaning, one colour, everywhere (table rows, nested rows, drawers). */
export function statusTone(status: RolloutStatus | AttemptStatus | string): Tone {
  switch (status) {
    case 'succeeded':
      return 'ok';
    case 'running':
      return 'info';
    case 'preparing':
      return 'cyan';
    case 'failed':
      return 'error';
    case 'timeout':
    case 'unresponsive':
      return 'orange';
    case 'requeuing':
      return 'warn';
    case 'queuing':
      return 'purple';
    default:
      return 'neutral';
  }
}

/** Seed 003's status rule for a rollout row (a nested row shows the attempt's status). */
export function rolloutStatusLabel(rollout: Rollout): string {
  const a = rollout.attempt;
  return a && a.status !== rollout.status ? `${rollout.status} - ${a.status}` : rollout.status;
}

const BAD_ATTEMPT = new Set(['failed', 'timeout', 'unresponsive']);
export function rolloutStatusTone(rollout: Rollout): Tone {
  const a = rollout.attempt;
  // A rollout still "running" whose attempt went unresponsive should look like trouble.
  if (a && a.status !== rollout.status && BAD_ATTEMPT.has(a.status)) return statusTone(a.status);
  return statusTone(rollout.status);
}

/** Times on the wire are epoch seconds. */
export const secToMs = (s: number | null | undefined): number | null => (s == null || !Number.isFinite(s) ? null : s * 1000);

/** Start (s): the attempt's start when there is an attempt, else the rollout's. */
export function startOf(rollout: Rollout, attempt: Attempt | null | undefined): number | null {
  return attempt ? attempt.start_time : (rollout.start_time ?? null);
}

/** Duration in seconds; running ones count up to `nowSec`. */
export function durationOf(rollout: Rollout, attempt: Attempt | null | undefined, nowSec: number): number | null {
  const start = attempt ? attempt.start_time : rollout.start_time;
  if (start == null || !Number.isFinite(start)) return null;
  const end = attempt ? attempt.end_time : rollout.end_time;
  return Math.max(0, (end ?? nowSec) - start);
}

/** True when the duration counts up (no end yet). */
export function isOpen(rollout: Rollout, attempt: Attempt | null | undefined): boolean {
  return (attempt ? attempt.end_time : rollout.end_time) == null;
}

export function inputJson(input: unknown): string {
  return typeof input === 'string' ? JSON.stringify(input) : safeJson(input);
}

/** Does this rollout have earlier attempts to show? */
export const isExpandable = (r: Rollout): boolean => (r.attempt?.sequence_id ?? 0) > 1;

// ───────────────────────── wire shapes ─────────────────────────

/** Where the list lives for each shape. `base` has no trailing slash. */
export function rolloutsUrl(base: string, shape: DetectedShape): string {
  if (shape === 'array') return `${base}/rollouts`;
  return `${aglBase(base)}/rollouts?limit=-1`;
}

export function attemptsUrl(base: string, shape: DetectedShape, rolloutId: string): string {
  const id = encodeURIComponent(rolloutId);
  if (shape === 'array') return `${base}/rollouts/${id}/attempts`;
  return `${aglBase(base)}/rollouts/${id}/attempts?limit=-1`;
}

/** A base that already names the API (`…/v1/agl`) is used as is. */
export function aglBase(base: string): string {
  return /\/v1\/agl$/.test(base) ? base : `${base}/v1/agl`;
}

const NUMERIC: ReadonlySet<ColumnId> = new Set(['start', 'duration', 'heartbeat']);

export function isNumericColumn(c: ColumnId): boolean {
  return NUMERIC.has(c);
}

/** The text a text column sorts by (null = missing, sorted last). */
export function textOf(column: ColumnId, r: Rollout): string | null {
  switch (column) {
    case 'rollout':
      return r.rollout_id;
    case 'attempt':
      return r.attempt?.attempt_id ?? null;
    case 'input':
      return inputJson(r.input);
    case 'status':
      return rolloutStatusLabel(r);
    case 'resources':
      return r.resources_id ?? null;
    case 'mode':
      return r.mode ?? null;
    case 'worker':
      return r.attempt?.worker_id ?? null;
    default:
      return null;
  }
}
