/**
 * Seed 001's task-event feed: validators send tasks to a miner, which reports each step.
 * snake_case and epoch seconds, as that system speaks.
 */
import type { ActiveTask, TaskEvent, TaskEventType, TaskFeedStatus } from '../../../src/streams/models.js';
import type { Channel } from '../../../src/server/channel.js';
import { foldTaskEvent } from '../../../src/streams/decoders/tasks.js';
import type { Rng } from './rng.js';
import type { LogSink, Rates, Simulator } from './types.js';

const VALIDATORS = ['45.22.240.79', '84.247.180.192', '161.97.152.73', '38.242.199.5', '213.199.48.12'];
const PROMPTS = [
  'Login to example.com',
  'Search for jobs',
  'Add the cheapest USB-C cable to the cart',
  'Book a table for two at 7pm',
  'Find the contact email on the about page',
  'Subscribe to the newsletter with test@example.org',
  'Compare the prices of the first three laptops',
];
const STEPS = ['parsing', 'loading page', 'processing', 'planning', 'generating actions', 'validating'];
const MAX_ACTIVE = 20;

interface TaskSim {
  task: ActiveTask;
  steps: string[];
  nextAt: number;
  success: boolean;
}

export class TaskSimulator implements Simulator {
  readonly active = new Map<string, TaskSim>();
  /** Tasks started by admin injects and not yet completed: the status lists them too, as a real server would. */
  private injected: ActiveTask[] = [];
  private now: number;

  constructor(
    readonly channel: Channel,
    private readonly rng: Rng,
    private readonly rates: Rates,
    private readonly logs: LogSink,
    startTime: number,
  ) {
    this.now = startTime;
  }

  private emit(type: TaskEventType, taskId: string | null, validator: string | null, details: Record<string, unknown>): void {
    const ev: TaskEvent = {
      id: this.channel.lastId + 1,
      type,
      timestamp: this.now / 1000,
      task_id: taskId,
      validator_ip: validator,
      details,
    };
    this.channel.append(undefined, JSON.stringify(ev));
  }

  /** Admin inject: the event as given, with the feed's next id (and now, unless given). */
  inject(data: Partial<TaskEvent>): void {
    const ev = { timestamp: this.now / 1000, task_id: null, validator_ip: null, details: {}, type: 'task_step', ...data, id: this.channel.lastId + 1 };
    this.channel.append(undefined, JSON.stringify(ev));
    if (typeof ev.task_id === 'string' && !this.active.has(ev.task_id)) {
      this.injected = foldTaskEvent({ last_id: 0, active_tasks: this.injected, recent_events: [] }, ev as TaskEvent, 1).active_tasks;
    }
  }

  tick(now: number, dt: number): void {
    this.now = now;
    if (this.rng.poisson(1 / 30, dt) > 0) {
      this.emit('validator_connection', null, this.rng.pick(VALIDATORS), { action: 'connected', version: '1.4.2' });
    }
    const n = this.rng.poisson(this.rates.tasks, dt);
    for (let i = 0; i < n && this.active.size < MAX_ACTIVE; i++) this.start();
    for (const t of [...this.active.values()]) if (now >= t.nextAt) this.advance(t);
  }

  private start(): void {
    const task: ActiveTask = {
      task_id: `${this.rng.hex(8)}-${this.rng.hex(4)}-${this.rng.hex(4)}-${this.rng.hex(4)}-${this.rng.hex(12)}`,
      prompt: this.rng.pick(PROMPTS),
      validator_ip: this.rng.pick(VALIDATORS),
      started_at: this.now / 1000,
      current_step: 'received',
      actions: null,
    };
    const steps = STEPS.slice(0, this.rng.int(2, STEPS.length));
    const sim: TaskSim = { task, steps, nextAt: this.now + this.rng.int(300, 2000), success: this.rng.chance(0.85) };
    this.active.set(task.task_id, sim);
    this.emit('task_start', task.task_id, task.validator_ip, { prompt: task.prompt, url: 'https://example.com/' });
    this.logs.log('tasks', 'info', `task ${task.task_id.slice(0, 8)} started: ${task.prompt}`, task.task_id.slice(0, 8));
  }

  private advance(t: TaskSim): void {
    const task = t.task;
    t.nextAt = this.now + this.rng.int(300, 2500);
    const step = t.steps.shift();
    if (step === 'generating actions') {
      if (this.rng.chance(0.3)) {
        this.emit('cache_hit', task.task_id, task.validator_ip, { key: this.rng.hex(16), age_seconds: this.rng.int(5, 3600) });
      }
      task.actions = this.rng.int(3, 24);
      task.current_step = `generated ${task.actions} actions`;
      this.emit('actions_generated', task.task_id, task.validator_ip, { count: task.actions });
      return;
    }
    if (step !== undefined) {
      task.current_step = step;
      this.emit('task_step', task.task_id, task.validator_ip, { step });
      return;
    }
    if (!t.success && this.rng.chance(0.5)) {
      this.emit('error', task.task_id, task.validator_ip, { message: 'TimeoutError: page did not load within 30s', step: task.current_step });
      this.logs.log('tasks', 'error', `task ${task.task_id.slice(0, 8)}: TimeoutError: page did not load within 30s`, task.task_id.slice(0, 8));
    }
    const duration = Math.round((this.now / 1000 - task.started_at) * 10) / 10;
    this.emit('task_complete', task.task_id, task.validator_ip, {
      success: t.success,
      actions: task.actions ?? 0,
      duration_seconds: duration,
    });
    this.logs.log('tasks', t.success ? 'info' : 'warn', `task ${task.task_id.slice(0, 8)} ${t.success ? 'completed' : 'failed'} in ${duration}s`, task.task_id.slice(0, 8));
    this.active.delete(task.task_id);
  }

  status(since: number | null): TaskFeedStatus {
    const recent = this.channel.tail(50).map((e) => JSON.parse(e.data) as TaskEvent);
    const base: TaskFeedStatus = {
      last_id: this.channel.lastId,
      active_tasks: [...[...this.active.values()].map((t) => t.task), ...this.injected],
      recent_events: recent,
    };
    if (since === null) return base;
    const events = this.channel.since(since);
    if (!events) return { ...base, reset: true };
    return { ...base, events: events.map((e) => JSON.parse(e.data) as TaskEvent) };
  }
}
