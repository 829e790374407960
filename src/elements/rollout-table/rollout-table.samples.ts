/** Deterministic sample rollouts (wire shape) for stories and docs. */
import type { Attempt, Rollout, RolloutStatus } from '../../streams/agl.js';

const QUESTIONS = ['What is the capital of Australia?', 'Write a SQL query listing the ten largest orders.', 'How many r letters are in "strawberry"?', 'Fix the failing unit test in utils/date.py.'];
const STATUSES: RolloutStatus[] = ['succeeded', 'succeeded', 'succeeded', 'running', 'failed', 'queuing', 'requeuing', 'cancelled', 'preparing'];

export function sampleRollouts(n: number, nowSec = Date.now() / 1000): { rollouts: Rollout[]; attempts: Record<string, Attempt[]> } {
  let seed = 12345;
  const r = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const hex = (k: number) => Array.from({ length: k }, () => Math.floor(r() * 16).toString(16)).join('');
  const rollouts: Rollout[] = [];
  const attempts: Record<string, Attempt[]> = {};
  for (let i = 0; i < n; i++) {
    const id = `ro-${hex(12)}`;
    const status = STATUSES[i % STATUSES.length];
    const start = nowSec - 30 - i * 37 - r() * 20;
    const done = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    const ro: Rollout = {
      rollout_id: id,
      input: { question: QUESTIONS[i % QUESTIONS.length], index: 1000 + i },
      start_time: start,
      end_time: done ? start + 5 + r() * 120 : null,
      mode: (['train', 'train', 'val', 'test', null] as const)[i % 5],
      resources_id: `rs-${hex(12)}`,
      status,
      config: { timeout_seconds: 300, unresponsive_seconds: 60, max_attempts: 3, retry_condition: ['failed', 'timeout', 'unresponsive'] },
      metadata: { source: 'trainer' },
    };
    if (status !== 'queuing' && status !== 'cancelled') {
      const seqs = i % 4 === 0 ? 3 : i % 3 === 0 ? 2 : 1;
      const list: Attempt[] = [];
      for (let s = 1; s <= seqs; s++) {
        const as = start + (s - 1) * 12;
        const last = s === seqs;
        list.push({
          rollout_id: id,
          attempt_id: `at-${hex(8)}`,
          sequence_id: s,
          start_time: as,
          end_time: !last ? as + 10 : done || status === 'requeuing' ? as + 4 + r() * 60 : null,
          status: !last ? (s % 2 ? 'timeout' : 'failed') : status === 'running' ? 'running' : status === 'preparing' ? 'preparing' : status === 'requeuing' ? 'unresponsive' : status === 'failed' ? 'failed' : 'succeeded',
          worker_id: `Worker-${i % 7}`,
          last_heartbeat_time: last && !done ? nowSec - 2 - (i % 9) : as + 9,
          metadata: null,
        });
      }
      ro.attempt = list[list.length - 1];
      attempts[id] = list;
    }
    rollouts.push(ro);
  }
  return { rollouts, attempts };
}
