import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { NEVER, of } from 'rxjs';
import type { HubLike, SourceStatus } from '../../streams/types.js';
import './live-activity.define.js';
import type { LiveActivity } from './live-activity.js';
import { sampleActivities, sampleActivity, sampleTaskStatus, SAMPLE_STDERR, SAMPLE_STDOUT } from './live-activity.samples.js';
import { storyStatus as status } from '../shared/cluster/story-hub.samples.js';

/** A hub whose feed connects and never answers (the loading state). */
const silentHub = (): HubLike => {
  const source = { key: 'story', batches$: NEVER, status$: of(status('connecting', { lastEventAt: null })) };
  return { live: () => source, tasks: () => source } as unknown as HubLike;
};

interface Args {
  type: string;
  status: string;
  search: string;
  maxEvents: number;
}

function make(args: Partial<Args>, setup: (el: LiveActivity) => void): LiveActivity {
  const el = document.createElement('live-activity');
  el.style.setProperty('--live-activity-height', '620px');
  if (args.type) el.type = args.type as LiveActivity['type'];
  if (args.status) el.status = args.status as LiveActivity['status'];
  if (args.search) el.search = args.search;
  if (args.maxEvents) el.maxEvents = args.maxEvents;
  el.outputFetcher = async (_id, which) => (which === 'stdout' ? SAMPLE_STDOUT : SAMPLE_STDERR);
  setup(el);
  return el;
}

/** Simulated traffic: a new activity every 400 ms and in-progress ones finishing. */
function simulate(el: LiveActivity, start = 200): void {
  let i = start;
  const timer = setInterval(() => {
    if (!el.isConnected && i > start + 2) return clearInterval(timer);
    const now = Date.now();
    const a = sampleActivity(i++, now, undefined, { createdAt: now, status: 'in_progress', stage: 'executing', type: 'execution', worker: `worker-0${1 + (i % 9)}` });
    el.upsertActivities([a]);
    setTimeout(() => el.upsertActivities([{ ...a, status: i % 7 === 0 ? 'failed' : 'success', stage: 'completed', updatedAt: Date.now() }]), 2500);
  }, 400);
}

const meta: Meta<Args> = {
  title: 'Elements/live-activity',
  component: 'live-activity',
  argTypes: {
    type: { control: 'select', options: ['', 'all', 'upload', 'download', 'client', 'execution', 'other'] },
    status: { control: 'select', options: ['', 'all', 'success', 'in_progress', 'queued', 'failed', 'canceled'] },
    search: { control: 'text' },
    maxEvents: { control: 'number' },
  },
  args: { type: '', status: '', search: '', maxEvents: 1000 },
  parameters: { layout: 'padded' },
};
export default meta;

type Story = StoryObj<Args>;

/** The first connection, nothing received yet: skeleton rows, "Connecting". */
export const Connecting: Story = {
  name: 'Connecting (no data yet)',
  render: (args) =>
    make(args, (el) => {
      el.baseUrl = 'https://cluster.example';
      el.hub = silentHub();
    }),
};

export const Empty: Story = {
  render: (args) =>
    make(args, (el) => {
      el.activities = [];
      el.sourceStatus = status('live');
    }),
};

export const Live: Story = {
  render: (args) =>
    make(args, (el) => {
      el.activities = sampleActivities(120);
      el.sourceStatus = status('live');
      simulate(el);
    }),
};

export const PausedWithNew: Story = {
  name: 'Paused (N new)',
  render: (args) =>
    make(args, (el) => {
      el.activities = sampleActivities(120);
      el.sourceStatus = status('live');
      el.updateComplete.then(() => {
        el.pause();
        el.updateComplete.then(() => el.upsertActivities(Array.from({ length: 37 }, (_, k) => sampleActivity(500 + k, Date.now() + k))));
      });
    }),
};

export const Filtered: Story = {
  args: { type: 'execution', status: 'failed' },
  render: (args) =>
    make(args, (el) => {
      el.activities = sampleActivities(200);
      el.sourceStatus = status('live');
    }),
};

export const DetailsOpen: Story = {
  render: (args) =>
    make(args, (el) => {
      const list = sampleActivities(120);
      el.activities = list;
      el.sourceStatus = status('live');
      const failed = list.find((a) => a.type === 'execution' && a.status === 'failed');
      el.updateComplete.then(() => failed && el.openDetails(failed.id));
    }),
};

export const ErrorState: Story = {
  name: 'Error',
  render: (args) =>
    make(args, (el) => {
      el.activities = sampleActivities(40);
      el.sourceStatus = status('error', { reason: 'HTTP 401 Unauthorized from https://cluster.example/live' });
    }),
};

export const ErrorBeforeData: Story = {
  name: 'Error (no data)',
  render: (args) =>
    make(args, (el) => {
      el.baseUrl = 'https://cluster.example';
      const source = { key: 'story', batches$: NEVER, status$: of(status('error', { reason: 'HTTP 404 Not Found from https://cluster.example/live', lastEventAt: null })) };
      el.hub = { live: () => source, tasks: () => source } as unknown as HubLike;
    }),
};

/** The connection dropped: the last activities stay, marked stale, while the hub retries. */
export const Reconnecting: Story = {
  name: 'Reconnecting (last data kept)',
  render: (args) =>
    make(args, (el) => {
      el.activities = sampleActivities(80);
      el.sourceStatus = status('reconnecting', {
        reason: 'connection lost (network error); retrying in 8000 ms',
        lastEventAt: Date.now() - 95_000,
        retryAt: Date.now() + 8000,
      });
    }),
};

/** The first connection failed (a wrong address): the error state with Retry, not a skeleton, while the hub retries. */
export const ReconnectingNoData: Story = {
  name: 'Reconnecting (unreachable, no data yet)',
  render: (args) =>
    make(args, (el) => {
      el.baseUrl = 'http://127.0.0.1:9';
      el.settingsHref = '#settings';
      const source = {
        key: 'story',
        batches$: NEVER,
        status$: of(
          status('reconnecting', {
            lastEventAt: null,
            retryAt: Date.now() + 4000,
            reason: 'network error (Failed to fetch) — http://127.0.0.1:9 is unreachable: nothing answers there (the server is not running, or the address is wrong); retrying in 4000 ms',
          }),
        ),
        retry: () => undefined,
      };
      el.hub = { live: () => source, tasks: () => source } as unknown as HubLike;
    }),
};

/** The browser went offline: the last activities stay, marked stale, until it is back. */
export const Offline: Story = {
  render: (args) =>
    make(args, (el) => {
      el.activities = sampleActivities(80);
      el.sourceStatus = status('offline', { reason: 'network error (Failed to fetch) — the browser is offline; retrying in 16000 ms', lastEventAt: Date.now() - 40_000 });
    }),
};

export const TasksFeed: Story = {
  name: 'Tasks feed (seed 001)',
  render: (args) =>
    make(args, (el) => {
      el.taskStatus = sampleTaskStatus();
      el.sourceStatus = status('live');
    }),
};

export const TasksFeedPolling: Story = {
  name: 'Tasks feed, polling fallback',
  render: (args) =>
    make(args, (el) => {
      el.taskStatus = sampleTaskStatus();
      el.sourceStatus = status('polling', { reason: 'fell back to polling: HTTP 503 from /api/dashboard/live' });
    }),
};

export const Dark: Story = {
  parameters: { theme: 'dark' },
  render: (args) =>
    make(args, (el) => {
      const list = sampleActivities(120);
      el.activities = list;
      el.sourceStatus = status('live');
      simulate(el);
      el.updateComplete.then(() => el.openDetails(list[0].id));
    }),
};
