// One WorkerInfo as the worker-board browser tests start from: idle, every metric reported, no
// actions, its heartbeat at T0 (tests set the board's `now` from T0). `patch` overrides fields.
import type { WorkerInfo } from '../../src/streams/models.js';

export const T0 = 1_800_000_000_000;
export const GiB = 1024 ** 3;

export function sampleWorker(id: string, patch: Partial<WorkerInfo> = {}): WorkerInfo {
  return {
    id,
    status: 'idle',
    subStatus: null,
    metrics: { cpu: 0.25, memory: { used: 4 * GiB, total: 16 * GiB }, disk: { used: 100 * GiB, total: 500 * GiB }, network: { rxBps: 1024, txBps: 2048 } },
    actions: [],
    lastHeartbeat: T0,
    platform: { OSFamily: 'linux', ISA: 'x86-64' },
    ...patch,
  };
}
