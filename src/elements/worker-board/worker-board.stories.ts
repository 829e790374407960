import type { Meta, StoryObj } from '@storybook/web-components-vite';
import './worker-board.define.js';
import type { WorkerBoard, WorkerSort, WorkerView } from './worker-board.js';
import { rng, sampleWorkers, tickWorker } from '../shared/cluster/cluster-samples.js';
import { emptySnapshot, storyHub, storyStatus } from '../shared/cluster/story-hub.samples.js';
import type { WorkerInfo } from '../../streams/models.js';

interface Args {
  view: WorkerView;
  sort: WorkerSort;
  lateAfter: number;
  lostAfter: number;
  count: number;
}

function make(args: Partial<Args>, setup: (el: WorkerBoard) => void): WorkerBoard {
  const el = document.createElement('worker-board');
  if (args.view) el.view = args.view;
  if (args.sort) el.sort = args.sort;
  if (args.lateAfter) el.lateAfter = args.lateAfter;
  if (args.lostAfter) el.lostAfter = args.lostAfter;
  setup(el);
  return el;
}

/** `count` workers with two minutes of history behind them, so sparklines are drawn at once. */
function warmWorkers(count: number): { workers: WorkerInfo[]; history: WorkerInfo[][] } {
  const r = rng(5);
  let now = Date.now() - 90_000;
  let ws = sampleWorkers(count, now);
  const history: WorkerInfo[][] = [];
  for (let i = 0; i < 90; i++) {
    now += 1000;
    ws = ws.map((w) => tickWorker(w, now, r));
    history.push(ws);
  }
  return { workers: ws, history };
}

/** Property mode: replay the warm-up, then keep every worker updating each second. */
function liveByProperty(el: WorkerBoard, count: number): void {
  const { history } = warmWorkers(count);
  const r = rng(9);
  let ws = history[history.length - 1];
  // Replaying the warm-up fills the sparkline rings (each upsert is one sample).
  (async () => {
    for (const h of history) {
      el.now = h[0]?.lastHeartbeat ?? Date.now();
      el.workers = h;
      await el.updateComplete;
    }
    el.now = undefined;
  })();
  const timer = setInterval(() => {
    if (!el.isConnected) return clearInterval(timer);
    ws = ws.map((w) => tickWorker(w, Date.now(), r));
    el.workers = ws;
  }, 1000);
}

const meta: Meta<Args> = {
  title: 'Elements/worker-board',
  component: 'worker-board',
  argTypes: {
    view: { control: 'inline-radio', options: ['cards', 'table'] },
    sort: { control: 'select', options: ['id', 'status', 'cpu', 'memory', 'heartbeat'] },
    lateAfter: { control: 'number' },
    lostAfter: { control: 'number' },
    count: { control: { type: 'range', min: 0, max: 1000, step: 1 } },
  },
  args: { view: 'cards', sort: 'id', lateAfter: 15, lostAfter: 60, count: 24 },
  parameters: { layout: 'padded' },
};
export default meta;
type Story = StoryObj<Args>;

export const Live: Story = { render: (args) => make(args, (el) => liveByProperty(el, args.count ?? 24)) };

export const Table: Story = { args: { view: 'table' }, render: (args) => make(args, (el) => liveByProperty(el, args.count ?? 24)) };

export const ThousandWorkers: Story = {
  name: '1,000 workers (windowed)',
  args: { count: 1000, view: 'table' },
  render: (args) => make(args, (el) => liveByProperty(el, args.count ?? 1000)),
};

/** Through a hub: a snapshot, then every worker's heartbeat each second. */
export const FromLiveFeed: Story = {
  render: (args) =>
    make(args, (el) => {
      const r = rng(2);
      let ws = sampleWorkers(args.count ?? 24, Date.now());
      el.baseUrl = 'https://cluster.example';
      el.hub = storyHub({
        snapshot: { ...emptySnapshot(), workers: ws },
        tick: () => (ws = ws.map((w) => tickWorker(w, Date.now(), r))).map((w, i) => ({ id: i, kind: 'worker' as const, data: w })),
      });
    }),
};

export const Loading: Story = {
  render: (args) =>
    make(args, (el) => {
      el.baseUrl = 'https://cluster.example';
      el.hub = storyHub({ status: storyStatus('connecting', { lastEventAt: null }) });
    }),
};

export const Empty: Story = { render: (args) => make(args, (el) => (el.workers = [])) };

export const ErrorState: Story = {
  name: "Error",
  render: (args) =>
    make(args, (el) => {
      el.baseUrl = 'https://cluster.example';
      el.hub = storyHub({ status: storyStatus('error', { reason: 'HTTP 401 Unauthorized', lastEventAt: null }) });
    }),
};

export const Stale: Story = {
  name: 'Stale (reconnecting)',
  render: (args) =>
    make(args, (el) => {
      el.baseUrl = 'https://cluster.example';
      el.hub = storyHub({
        snapshot: { ...emptySnapshot(), workers: sampleWorkers(args.count ?? 24, Date.now()) },
        status: storyStatus('reconnecting', { reason: 'network error; retrying in 4 s', lastEventAt: Date.now() - 12_000 }),
      });
    }),
};

/** Heartbeats judged in the page: a fixed clock shows late (Unavailable) and lost (Offline) workers. */
export const HeartbeatThresholds: Story = {
  render: (args) =>
    make(args, (el) => {
      const now = Date.now();
      el.now = now;
      el.workers = sampleWorkers(12, now).map((w, i) => ({ ...w, lastHeartbeat: i < 4 ? now - 2_000 : i < 8 ? now - 30_000 : now - 300_000 }));
    }),
};

export const NotReported: Story = {
  name: 'Metrics not reported',
  render: (args) =>
    make(args, (el) => {
      el.workers = sampleWorkers(6, Date.now(), 3, false).map((w, i) => ({
        ...w,
        metrics: { cpu: i % 2 ? null : w.metrics.cpu, memory: i % 3 ? null : w.metrics.memory, disk: null, network: null },
        lastHeartbeat: i === 5 ? null : w.lastHeartbeat,
      }));
    }),
};

export const Dark: Story = { parameters: { theme: 'dark' }, render: (args) => make(args, (el) => liveByProperty(el, args.count ?? 24)) };
