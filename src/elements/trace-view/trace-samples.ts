/** Deterministic spans, rollouts and attempts for stories and tests (wire shapes, epoch seconds). */
import type { Attempt, Rollout, Span } from '../../streams/agl.js';

export const T0 = 1_800_000_000; // epoch seconds

let seq = 0;
export function sampleSpan(id: string, name: string, parent: string | null, start: number, end: number | null, patch: Partial<Span> = {}): Span {
  return {
    rollout_id: 'ro-0123456789ab',
    attempt_id: 'at-89abcdef',
    sequence_id: ++seq,
    trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    span_id: id,
    parent_id: parent,
    name,
    status: { status_code: end == null ? 'UNSET' : 'OK', description: null },
    attributes: {},
    events: [],
    links: [],
    start_time: T0 + start,
    end_time: end == null ? null : T0 + end,
    context: null,
    parent: null,
    resource: { attributes: { 'service.name': 'agent' } },
    ...patch,
  };
}

/** A finished attempt: a root, two LLM calls (one with a tool call), a failed tool, a reward. */
export function sampleSpans(): Span[] {
  seq = 0;
  return [
    sampleSpan('a000000000000001', 'agentlightning.rollout', null, 0, 6.2, { attributes: { 'agentlightning.rollout_id': 'ro-0123456789ab' } }),
    sampleSpan('a000000000000002', 'openai.chat.completion', 'a000000000000001', 0.15, 1.9, {
      attributes: { 'gen_ai.request.model': 'Qwen2.5-1.5B-Instruct', 'gen_ai.usage.prompt_tokens': 812, 'gen_ai.usage.completion_tokens': 96 },
    }),
    sampleSpan('a000000000000003', 'tool.call', 'a000000000000002', 1.2, 1.75, { attributes: { 'tool.name': 'calculator' } }),
    sampleSpan('a000000000000004', 'openai.chat.completion', 'a000000000000001', 2.1, 4.8, { attributes: { 'gen_ai.request.model': 'Qwen2.5-1.5B-Instruct' } }),
    sampleSpan('a000000000000005', 'tool.call', 'a000000000000004', 3.0, 3.4, {
      status: { status_code: 'ERROR', description: 'sql: relation "orders" does not exist' },
      attributes: { 'tool.name': 'sql' },
    }),
    sampleSpan('a000000000000006', 'agentlightning.reward', 'a000000000000001', 6.0, 6.05, { attributes: { reward: 0.75 } }),
  ];
}

export function sampleAttempts(): Attempt[] {
  return [1, 2].map((n) => ({
    rollout_id: 'ro-0123456789ab',
    attempt_id: n === 1 ? 'at-01234567' : 'at-89abcdef',
    sequence_id: n,
    start_time: T0 - (n === 1 ? 60 : 0),
    end_time: T0 + (n === 1 ? -40 : 6.2),
    status: n === 1 ? 'timeout' : 'succeeded',
    worker_id: 'Worker-1',
    last_heartbeat_time: T0,
    metadata: null,
  }));
}

export function sampleRollouts(): Rollout[] {
  const attempts = sampleAttempts();
  return [
    {
      rollout_id: 'ro-0123456789ab',
      input: { question: 'What is 17 * 23?' },
      start_time: T0 - 60,
      end_time: T0 + 6.2,
      mode: 'train',
      resources_id: 'rs-0123456789ab',
      status: 'succeeded',
      config: { timeout_seconds: 30, unresponsive_seconds: null, max_attempts: 3, retry_condition: ['timeout'] },
      metadata: null,
      attempt: attempts[1],
    },
  ];
}
