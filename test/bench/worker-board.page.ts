/** Benchmark page: 1,000 workers, each updated once a second, fed to <worker-board> by property. */
import '../../src/elements/worker-board/worker-board.define.js';
import { rng, sampleWorkers, tickWorker } from '../../src/elements/shared/cluster/cluster-samples.js';
import type { WorkerInfo } from '../../src/streams/models.js';

const COUNT = 1000;
const el = document.querySelector('worker-board')!;
const r = rng(11);
let workers: WorkerInfo[] = sampleWorkers(COUNT, Date.now(), 11, false);
el.workers = workers;

const w = window as unknown as { __updates: number; __running: boolean; __start(): void; __stop(): void; __board: typeof el };
w.__updates = 0;
w.__board = el;
let cursor = 0;
let last = performance.now();

/** Every frame, update the workers whose turn has come: each one exactly once per second. */
function frame(t: number): void {
  if (!w.__running) return;
  const due = Math.min(COUNT, Math.round(((t - last) / 1000) * COUNT));
  if (due > 0) {
    last = t;
    const now = Date.now();
    workers = workers.slice();
    for (let k = 0; k < due; k++) {
      const i = (cursor + k) % COUNT;
      workers[i] = tickWorker(workers[i], now, r);
    }
    cursor = (cursor + due) % COUNT;
    w.__updates += due;
    el.workers = workers;
  }
  requestAnimationFrame(frame);
}
w.__start = () => {
  w.__running = true;
  last = performance.now();
  requestAnimationFrame(frame);
};
w.__stop = () => (w.__running = false);
