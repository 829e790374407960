/**
 * An Agent-lightning training run, held as the LightningStore holds it: rollouts enqueued,
 * dequeued by runners (workers), attempts that succeed, fail, time out or go unresponsive and
 * are retried, spans per attempt, and new resource versions. Wire shapes of src/streams/agl.ts,
 * times in epoch seconds.
 */
import type {
  AglWorker,
  Attempt,
  AttemptStatus,
  ResourcesUpdate,
  Rollout,
  RolloutConfig,
  Span,
} from '../../../src/streams/agl.js';
import type { Rng } from './rng.js';
import type { LogSink, Rates, Simulator } from './types.js';

export const MAX_ROLLOUTS = 5000;
const MAX_RESOURCES = 100;
const HEARTBEAT_MS = 2000;

export interface RolloutRecord {
  rollout: Rollout;
  attempts: Attempt[];
  spans: Span[];
  spanSeq: number;
}

interface Run {
  record: RolloutRecord;
  attempt: Attempt;
  worker: AglWorker;
  outcome: AttemptStatus;
  /** When the attempt's outcome is decided (or it stops heart-beating). */
  endAt: number;
  nextSpanAt: number;
  nextHeartbeatAt: number;
  rootSpan: Span;
  traceId: string;
}

const QUESTIONS = [
  'What is the capital of Australia?',
  'Write a SQL query listing the ten largest orders.',
  'How many r letters are in "strawberry"?',
  'Summarise the attached support ticket in one sentence.',
  'Book the cheapest flight from Oslo to Rome next Friday.',
  'Fix the failing unit test in utils/date.py.',
];

const sec = (ms: number): number => Math.round(ms) / 1000;

export class AglSim implements Simulator {
  /** Insertion-ordered: the oldest rollouts first. */
  readonly rollouts = new Map<string, RolloutRecord>();
  readonly resources: ResourcesUpdate[] = [];
  readonly workers: AglWorker[] = [];
  private readonly runs = new Map<string, Run>();
  private nextResourcesAt: number;
  private now: number;
  totalAttempts = 0;

  constructor(
    private readonly rng: Rng,
    private readonly rates: Rates,
    private readonly logs: LogSink,
    startTime: number,
    workerCount = 4,
  ) {
    this.now = startTime;
    this.nextResourcesAt = startTime + rates.resourcesEverySec * 1000;
    this.newResources();
    for (let i = 0; i < workerCount; i++) {
      this.workers.push({
        worker_id: `Worker-${i}`,
        status: 'idle',
        heartbeat_stats: { cpu_percent: 3.5, memory_mb: 812, pid: 4100 + i },
        last_heartbeat_time: sec(startTime),
        last_dequeue_time: null,
        last_busy_time: null,
        last_idle_time: sec(startTime),
        current_rollout_id: null,
        current_attempt_id: null,
      });
    }
  }

  latestResources(): ResourcesUpdate | null {
    return this.resources[this.resources.length - 1] ?? null;
  }

  private newResources(): void {
    const version = (this.latestResources()?.version ?? 0) + 1;
    const t = sec(this.now);
    this.resources.push({
      resources_id: `rs-${this.rng.hex(12)}`,
      create_time: t,
      update_time: t,
      version,
      resources: {
        main_llm: {
          resource_type: 'llm',
          endpoint: 'http://127.0.0.1:8000/v1',
          model: `Qwen2.5-1.5B-Instruct-step-${(version - 1) * 64}`,
          api_key: null,
          sampling_parameters: { temperature: Math.round((1 - version * 0.05) * 100) / 100 || 0.1, top_p: 0.95 },
        },
        system_prompt: {
          resource_type: 'prompt_template',
          template: 'You are a helpful agent. Answer the question: {question}',
          engine: 'f-string',
        },
      },
    });
    if (this.resources.length > MAX_RESOURCES) this.resources.shift();
    this.logs.log('agl', 'info', `resources v${version} published (${this.latestResources()!.resources_id})`);
  }

  tick(now: number, dt: number): void {
    this.now = now;
    if (now >= this.nextResourcesAt) {
      this.nextResourcesAt = now + this.rates.resourcesEverySec * 1000;
      this.newResources();
    }
    const n = this.rng.poisson(this.rates.rollouts, dt);
    for (let i = 0; i < n; i++) this.enqueue();
    for (const run of [...this.runs.values()]) this.advance(run);
    this.cancelSomeQueued(dt);
    this.dequeue();
    this.trim();
  }

  enqueue(): RolloutRecord {
    const config: RolloutConfig = this.rng.chance(0.8)
      ? { timeout_seconds: 30, unresponsive_seconds: 8, max_attempts: 3, retry_condition: ['failed', 'timeout', 'unresponsive'] }
      : { timeout_seconds: null, unresponsive_seconds: null, max_attempts: 1, retry_condition: [] };
    const rollout: Rollout = {
      rollout_id: `ro-${this.rng.hex(12)}`,
      input: { question: this.rng.pick(QUESTIONS), index: this.rng.int(0, 9999) },
      start_time: sec(this.now),
      end_time: null,
      mode: this.rng.weighted([
        ['train', 70],
        ['val', 20],
        ['test', 8],
        [null, 2],
      ] as const),
      resources_id: this.latestResources()?.resources_id ?? null,
      status: 'queuing',
      config,
      metadata: this.rng.chance(0.5) ? { source: 'trainer', epoch: this.rng.int(0, 3) } : null,
    };
    const record: RolloutRecord = { rollout, attempts: [], spans: [], spanSeq: 0 };
    this.rollouts.set(rollout.rollout_id, record);
    return record;
  }

  /** A few queued rollouts are cancelled before any worker takes them: they never get an attempt. */
  private cancelSomeQueued(dt: number): void {
    if (this.rng.poisson(1 / 40, dt) === 0) return;
    for (const r of this.rollouts.values()) {
      if (r.rollout.status === 'queuing' && r.attempts.length === 0) {
        r.rollout.status = 'cancelled';
        r.rollout.end_time = sec(this.now);
        this.logs.log('agl', 'warn', `rollout ${r.rollout.rollout_id} cancelled before it was attempted`);
        return;
      }
    }
  }

  private dequeue(): void {
    for (const worker of this.workers) {
      if (worker.status !== 'idle') continue;
      const next = [...this.rollouts.values()].find((r) => r.rollout.status === 'queuing' || r.rollout.status === 'requeuing');
      if (!next) return;
      this.startAttempt(next, worker);
    }
  }

  private startAttempt(record: RolloutRecord, worker: AglWorker): void {
    const r = record.rollout;
    const t = sec(this.now);
    const attempt: Attempt = {
      rollout_id: r.rollout_id,
      attempt_id: `at-${this.rng.hex(8)}`,
      sequence_id: record.attempts.length + 1,
      start_time: t,
      end_time: null,
      status: 'preparing',
      worker_id: worker.worker_id,
      last_heartbeat_time: t,
      metadata: null,
    };
    record.attempts.push(attempt);
    this.totalAttempts++;
    r.status = 'preparing';
    Object.assign(worker, {
      status: 'busy',
      last_dequeue_time: t,
      last_busy_time: t,
      current_rollout_id: r.rollout_id,
      current_attempt_id: attempt.attempt_id,
    });
    const outcome = this.rng.weighted<AttemptStatus>([
      ['succeeded', 72],
      ['failed', 15],
      ['timeout', 7],
      ['unresponsive', 6],
    ]);
    const timeout = (r.config.timeout_seconds ?? 60) * 1000;
    const endAt = this.now + (outcome === 'timeout' ? timeout : this.rng.int(1500, Math.min(20_000, timeout - 500)));
    const traceId = this.rng.hex(32);
    const rootSpan = this.span(record, attempt, traceId, null, 'agentlightning.rollout', { 'agentlightning.rollout_id': r.rollout_id });
    this.runs.set(attempt.attempt_id, {
      record,
      attempt,
      worker,
      outcome,
      endAt,
      nextSpanAt: this.now + this.rng.int(200, 1200),
      nextHeartbeatAt: this.now + HEARTBEAT_MS,
      rootSpan,
      traceId,
    });
    this.logs.log('agl', 'info', `${worker.worker_id} dequeued ${r.rollout_id} (attempt ${attempt.sequence_id})`);
  }

  private span(record: RolloutRecord, attempt: Attempt, traceId: string, parent: Span | null, name: string, attributes: Record<string, unknown>): Span {
    const spanId = this.rng.hex(16);
    const span: Span = {
      rollout_id: record.rollout.rollout_id,
      attempt_id: attempt.attempt_id,
      sequence_id: ++record.spanSeq,
      trace_id: traceId,
      span_id: spanId,
      parent_id: parent?.span_id ?? null,
      name,
      status: { status_code: 'UNSET', description: null },
      attributes,
      events: [],
      links: [],
      start_time: sec(this.now),
      end_time: null,
      context: { trace_id: traceId, span_id: spanId, is_remote: false, trace_state: {} },
      parent: parent ? { trace_id: traceId, span_id: parent.span_id, is_remote: false, trace_state: {} } : null,
      resource: { attributes: { 'service.name': 'agentlightning.runner', 'agentlightning.worker_id': attempt.worker_id ?? '' }, schema_url: '' },
    };
    record.spans.push(span);
    return span;
  }

  private advance(run: Run): void {
    const { attempt, record } = run;
    const r = record.rollout;
    if (attempt.status === 'preparing' && this.now - attempt.start_time * 1000 > 300) {
      attempt.status = 'running';
      r.status = 'running';
    }
    const stopsBeating = run.outcome === 'unresponsive' && this.now > run.endAt;
    if (this.now >= run.nextHeartbeatAt && !stopsBeating) {
      run.nextHeartbeatAt = this.now + HEARTBEAT_MS;
      attempt.last_heartbeat_time = sec(this.now);
      run.worker.last_heartbeat_time = sec(this.now);
    }
    if (this.now >= run.nextSpanAt && this.now < run.endAt && attempt.status === 'running') {
      run.nextSpanAt = this.now + this.rng.int(400, 2500);
      const llm = this.span(record, attempt, run.traceId, run.rootSpan, 'openai.chat.completion', {
        'gen_ai.request.model': 'Qwen2.5-1.5B-Instruct',
        'gen_ai.usage.prompt_tokens': this.rng.int(80, 1500),
        'gen_ai.usage.completion_tokens': this.rng.int(5, 400),
      });
      llm.end_time = sec(this.now + this.rng.int(100, 380));
      llm.status.status_code = 'OK';
      if (this.rng.chance(0.4)) {
        const tool = this.span(record, attempt, run.traceId, llm, 'tool.call', { 'tool.name': this.rng.pick(['search', 'calculator', 'sql', 'browser']) });
        tool.end_time = sec(this.now + this.rng.int(20, 90));
        tool.status.status_code = 'OK';
      }
    }
    const unresponsiveAt = run.endAt + (r.config.unresponsive_seconds ?? 10) * 1000;
    if (run.outcome === 'unresponsive' ? this.now < unresponsiveAt : this.now < run.endAt) return;
    this.endAttempt(run);
  }

  private endAttempt(run: Run): void {
    const { attempt, record, worker } = run;
    const r = record.rollout;
    const t = sec(this.now);
    attempt.status = run.outcome;
    attempt.end_time = t;
    if (run.outcome === 'succeeded') {
      const reward = this.span(record, attempt, run.traceId, run.rootSpan, 'agentlightning.reward', { reward: Math.round(this.rng.next() * 100) / 100 });
      reward.end_time = t;
      reward.status.status_code = 'OK';
    }
    run.rootSpan.end_time = t;
    run.rootSpan.status =
      run.outcome === 'succeeded' ? { status_code: 'OK', description: null } : { status_code: 'ERROR', description: `attempt ${run.outcome}` };
    const retry = run.outcome !== 'succeeded' && r.config.retry_condition.includes(run.outcome) && attempt.sequence_id < r.config.max_attempts;
    if (retry) {
      r.status = 'requeuing';
    } else {
      r.status = run.outcome === 'succeeded' ? 'succeeded' : 'failed';
      r.end_time = t;
    }
    Object.assign(worker, { status: 'idle', last_idle_time: t, current_rollout_id: null, current_attempt_id: null });
    this.runs.delete(attempt.attempt_id);
    const level = run.outcome === 'succeeded' ? 'info' : 'warn';
    this.logs.log('agl', level, `${r.rollout_id} attempt ${attempt.sequence_id} ${run.outcome}${retry ? ' → requeuing' : ''}`);
  }

  /** Bounded: past MAX_ROLLOUTS the oldest finished rollouts (and their attempts and spans) go. */
  private trim(): void {
    if (this.rollouts.size <= MAX_ROLLOUTS) return;
    for (const [id, r] of this.rollouts) {
      if (this.rollouts.size <= MAX_ROLLOUTS) break;
      if (['succeeded', 'failed', 'cancelled'].includes(r.rollout.status)) this.rollouts.delete(id);
    }
  }

  /** The wire form: the rollout with its latest attempt under `attempt`, or no such key. */
  wire(record: RolloutRecord): Rollout {
    const latest = record.attempts[record.attempts.length - 1];
    return latest ? { ...record.rollout, attempt: latest } : { ...record.rollout };
  }

  statistics(): Record<string, unknown> {
    const byStatus: Record<string, number> = {};
    let spans = 0;
    for (const r of this.rollouts.values()) {
      byStatus[r.rollout.status] = (byStatus[r.rollout.status] ?? 0) + 1;
      spans += r.spans.length;
    }
    return {
      name: 'TelltaleSimulatedStore',
      total_rollouts: this.rollouts.size,
      total_attempts: this.totalAttempts,
      total_spans: spans,
      total_resources: this.resources.length,
      total_workers: this.workers.length,
      rollouts_by_status: byStatus,
    };
  }
}
