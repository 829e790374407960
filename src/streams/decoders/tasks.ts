/**
 * The seed-001 task-event feed → TaskEvent / TaskFeedStatus (snake_case, epoch seconds, kept
 * as that system speaks them).
 */
import { DecodeError } from '../errors.js';
import { TASK_EVENT_TYPES, type ActiveTask, type TaskEvent, type TaskFeedStatus } from '../models.js';
import type { FeedDecoder, PollResult } from './feed.js';
import { arr, decodeEach, eventId, num, numOrNull, obj, oneOf, str, strOrNull } from './validate.js';

export function decodeTaskEvent(v: unknown, path = 'task event'): TaskEvent {
  const o = obj(v, path);
  eventId(o.id as number, `${path}.id`);
  oneOf(o, 'type', TASK_EVENT_TYPES, path);
  num(o, 'timestamp', path);
  strOrNull(o, 'task_id', path);
  strOrNull(o, 'validator_ip', path);
  if (o.details === undefined || o.details === null) o.details = {};
  else obj(o.details, `${path}.details`);
  return o as unknown as TaskEvent;
}

export function decodeActiveTask(v: unknown, path = 'active task'): ActiveTask {
  const o = obj(v, path);
  str(o, 'task_id', path);
  if (typeof o.prompt !== 'string') o.prompt = o.prompt == null ? '' : String(o.prompt);
  if (typeof o.validator_ip !== 'string') o.validator_ip = o.validator_ip == null ? '' : String(o.validator_ip);
  num(o, 'started_at', path);
  if (typeof o.current_step !== 'string') o.current_step = o.current_step == null ? '' : String(o.current_step);
  numOrNull(o, 'actions', path);
  if (o.actions === undefined) o.actions = null;
  return o as unknown as ActiveTask;
}

/** The feed's status; its tasks and events record by record (the unreadable ones go to `unreadable`). */
export function decodeTaskFeedStatus(v: unknown, path = 'status', unreadable: Error[] = []): TaskFeedStatus {
  const o = obj(v, path);
  const status: TaskFeedStatus = {
    last_id: eventId(o.last_id as number, `${path}.last_id`),
    active_tasks: decodeEach(arr(o.active_tasks, `${path}.active_tasks`), `${path}.active_tasks`, decodeActiveTask, unreadable),
    recent_events: decodeEach(arr(o.recent_events, `${path}.recent_events`), `${path}.recent_events`, decodeTaskEvent, unreadable),
  };
  if (o.events !== undefined) status.events = arr(o.events, `${path}.events`).map((e, i) => decodeTaskEvent(e, `${path}.events[${i}]`));
  if (o.reset === true) status.reset = true;
  return status;
}

/** Fold one task event into a status (bounded: 50 recent events), as the server would. */
export function foldTaskEvent(status: TaskFeedStatus, ev: TaskEvent, recent = 50): TaskFeedStatus {
  const d = ev.details ?? {};
  let active = status.active_tasks;
  const idx = ev.task_id === null ? -1 : active.findIndex((t) => t.task_id === ev.task_id);
  switch (ev.type) {
    case 'task_start':
      if (ev.task_id !== null && idx < 0)
        active = [
          ...active,
          {
            task_id: ev.task_id,
            prompt: typeof d.prompt === 'string' ? d.prompt : '',
            validator_ip: ev.validator_ip ?? '',
            started_at: ev.timestamp,
            current_step: typeof d.step === 'string' ? d.step : 'started',
            actions: null,
          },
        ];
      break;
    case 'task_step':
      if (idx >= 0) {
        active = active.slice();
        const step = typeof d.step === 'string' ? d.step : typeof d.current_step === 'string' ? d.current_step : active[idx].current_step;
        active[idx] = { ...active[idx], current_step: step };
      }
      break;
    case 'actions_generated':
      if (idx >= 0) {
        active = active.slice();
        const n = typeof d.actions === 'number' ? d.actions : typeof d.count === 'number' ? d.count : active[idx].actions;
        active[idx] = { ...active[idx], actions: n };
      }
      break;
    case 'task_complete':
      if (idx >= 0) active = active.filter((_, i) => i !== idx);
      break;
  }
  const events = status.recent_events.length >= recent ? status.recent_events.slice(-(recent - 1)) : status.recent_events.slice();
  events.push(ev);
  return { last_id: Math.max(status.last_id, ev.id), active_tasks: active, recent_events: events };
}

export const taskDecoder: FeedDecoder<TaskEvent, TaskFeedStatus> = {
  event(name, data, id) {
    if (name === 'reset') {
      const unreadable: Error[] = [];
      const status = decodeTaskFeedStatus(data, 'reset', unreadable);
      return { type: 'reset', id: id ?? status.last_id, snapshot: { last_id: status.last_id, active_tasks: status.active_tasks, recent_events: status.recent_events }, unreadable };
    }
    if (name !== undefined && name !== 'message') throw new DecodeError('event', 'an unnamed (message) event', name);
    const ev = decodeTaskEvent(data);
    if (id !== null && ev.id !== id) throw new DecodeError('task event.id', `the SSE id ${id}`, ev.id);
    return { type: 'event', id: ev.id, event: ev };
  },
  poll(json): PollResult<TaskEvent, TaskFeedStatus> {
    const o = obj(json, 'status');
    const raw = { ...o, events: undefined };
    const unreadable: Error[] = [];
    const status = decodeTaskFeedStatus(raw, 'status', unreadable);
    const res: PollResult<TaskEvent, TaskFeedStatus> = { cursor: status.last_id, reset: null, events: [], malformed: [], more: o.more === true };
    if (o.events === undefined || o.reset === true) {
      res.reset = { id: status.last_id, snapshot: { last_id: status.last_id, active_tasks: status.active_tasks, recent_events: status.recent_events }, unreadable };
    }
    if (o.events !== undefined && o.reset !== true) {
      const events = arr(o.events, 'status.events');
      for (let i = 0; i < events.length; i++) {
        try {
          const ev = decodeTaskEvent(events[i], `status.events[${i}]`);
          res.events.push({ id: ev.id, event: ev });
        } catch (err) {
          const maybe = (events[i] as { id?: unknown } | null)?.id;
          res.malformed.push({ id: typeof maybe === 'number' ? maybe : null, error: err as Error });
        }
      }
    }
    return res;
  },
};
