// Small rollouts for the unit tests of the rollout table's pure modules.
import type { Attempt, Rollout, RolloutStatus } from '../../src/streams/agl.js';

export function attempt(rollout_id: string, seq: number, over: Partial<Attempt> = {}): Attempt {
  return {
    rollout_id,
    attempt_id: `${rollout_id}-a${seq}`,
    sequence_id: seq,
    start_time: 1000 + seq,
    end_time: 1010 + seq,
    status: 'succeeded',
    worker_id: 'worker-1',
    last_heartbeat_time: 1005 + seq,
    metadata: null,
    ...over,
  };
}

export function rollout(id: string, status: RolloutStatus, over: Partial<Rollout> = {}): Rollout {
  return {
    rollout_id: id,
    input: { q: id },
    start_time: 1000,
    end_time: 1100,
    mode: 'train',
    resources_id: null,
    status,
    config: {} as Rollout['config'],
    metadata: null,
    ...over,
  };
}
