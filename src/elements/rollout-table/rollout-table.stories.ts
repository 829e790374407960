import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { NEVER, of } from 'rxjs';
import type { HubLike, RestSource, SourceStatus } from '../../streams/types.js';
import type { Rollout } from '../../streams/agl.js';
import { decodeRollouts } from '../../streams/decoders/agl.js';
import './rollout-table.define.js';
import type { RolloutTable } from './rollout-table.js';
import { sampleRollouts } from './rollout-table.samples.js';
import { storyStatus as status } from '../shared/cluster/story-hub.samples.js';

/** A hub whose REST source answers with `rollouts` (or nothing) and reports `st`. */
function storyHub(rollouts: Rollout[] | null, st: SourceStatus, shape: 'envelope' | 'array' = 'envelope'): HubLike {
  const source: RestSource<unknown> = {
    key: 'story',
    data$: rollouts ? of({ data: { shape, rollouts, total: rollouts.length }, raw: null, fetchedAt: Date.now() - 4000 }) : NEVER,
    status$: of(st),
    refresh: () => undefined,
  };
  return { rest: () => source, statuses$: of([st]) } as unknown as HubLike;
}

interface Args {
  pageSize: number;
  shape: 'auto' | 'envelope' | 'array';
}

function make(args: Partial<Args>, setup: (el: RolloutTable) => void): RolloutTable {
  const el = document.createElement('rollout-table');
  el.baseUrl = 'http://localhost:4747';
  if (args.pageSize) el.pageSize = args.pageSize;
  if (args.shape) el.shape = args.shape;
  setup(el);
  return el;
}

const meta: Meta<Args> = {
  title: 'Elements/rollout-table',
  component: 'rollout-table',
  argTypes: {
    pageSize: { control: { type: 'select' }, options: [25, 50, 100, 200, 500] },
    shape: { control: { type: 'inline-radio' }, options: ['auto', 'envelope', 'array'] },
  },
  args: { pageSize: 25, shape: 'auto' },
};
export default meta;
type Story = StoryObj<Args>;

const data = sampleRollouts(240);

/** Rollouts given by property; retried ones (sequence_id > 1) expand to their attempts. */
export const Live: Story = {
  render: (args) =>
    make(args, (el) => {
      el.rollouts = data.rollouts;
      el.attempts = data.attempts;
    }),
};

/** Fetched through the hub (here a stand-in), the /v1/agl envelope detected. */
export const FromServer: Story = {
  render: (args) => make(args, (el) => (el.hub = storyHub(data.rollouts, status('live')))),
};

/** The seed's bare-array API. */
export const SeedArrayShape: Story = {
  args: { shape: 'array' },
  render: (args) => make(args, (el) => (el.hub = storyHub(data.rollouts.slice(0, 30), status('live'), 'array'))),
};

export const Loading: Story = {
  render: (args) => make(args, (el) => (el.hub = storyHub(null, status('connecting', { lastEventAt: null, refreshing: true })))),
};

export const Refreshing: Story = {
  render: (args) => make(args, (el) => (el.hub = storyHub(data.rollouts, status('live', { refreshing: true })))),
};

export const Empty: Story = {
  render: (args) => make(args, (el) => (el.hub = storyHub([], status('live')))),
};

export const ErrorHttp500: Story = {
  render: (args) =>
    make(args, (el) => (el.hub = storyHub(null, status('reconnecting', { reason: 'HTTP 500 Internal Server Error from http://localhost:4747/v1/agl/rollouts?limit=-1; retrying in 1800 ms' })))),
};

export const ErrorCrossOrigin: Story = {
  render: (args) =>
    make(args, (el) => {
      el.baseUrl = 'http://other-host:4747';
      el.settingsHref = '#settings';
      el.hub = storyHub(
        null,
        status('reconnecting', {
          reason: `network error (Failed to fetch) — http://other-host:4747 answers, but refuses cross-origin requests from this page (CORS: it must send Access-Control-Allow-Origin: ${location.origin}); retrying in 2000 ms`,
        }),
      );
    }),
};

/** A wrong address (nothing listens there): unreachable, with the address, Retry and the way to the settings. */
export const ErrorUnreachable: Story = {
  render: (args) =>
    make(args, (el) => {
      el.baseUrl = 'http://127.0.0.1:9';
      el.settingsHref = '#settings';
      el.hub = storyHub(
        null,
        status('reconnecting', {
          reason: 'network error (Failed to fetch) — http://127.0.0.1:9 is unreachable: nothing answers there (the server is not running, or the address is wrong); retrying in 2000 ms',
        }),
      );
    }),
};

/** Some rollouts of the answer could not be read: the others are shown, and a notice lists the ones left out (position, id, reason, raw JSON). */
export const Skipped: Story = {
  name: 'Skipped (some rollouts unreadable)',
  render: (args) =>
    make(args, (el) => {
      const items: unknown[] = data.rollouts.slice(0, 40).map((r) => ({ ...r }));
      items.splice(2, 0, { ...data.rollouts[40], start_time: 'yesterday' });
      items.splice(7, 0, { ...data.rollouts[41], status: 'paused' });
      items.splice(12, 0, { rollout_id: 42, input: null });
      const decoded = decodeRollouts({ items, limit: -1, offset: 0, total: items.length });
      const source: RestSource<unknown> = {
        key: 'story',
        data$: of({ data: decoded, raw: { items }, fetchedAt: Date.now() - 2000 }),
        status$: of(status('live')),
        refresh: () => undefined,
      };
      el.hub = { rest: () => source, statuses$: of([status('live')]) } as unknown as HubLike;
    }),
};

export const ErrorNotJson: Story = {
  render: (args) =>
    make(args, (el) => (el.hub = storyHub(null, status('error', { reason: 'wrong content type from http://localhost:4747/v1/agl/rollouts?limit=-1: expected application/json, got text/html' })))),
};

/** A refresh failed: the last rollouts stay, with a warning and Retry. */
export const Stale: Story = {
  render: (args) => make(args, (el) => (el.hub = storyHub(data.rollouts, status('reconnecting', { reason: 'HTTP 503 Service Unavailable; retrying in 4000 ms' })))),
};

export const Dark: Story = {
  parameters: { theme: 'dark' },
  render: (args) =>
    make(args, (el) => {
      el.rollouts = data.rollouts;
      el.attempts = data.attempts;
    }),
};
