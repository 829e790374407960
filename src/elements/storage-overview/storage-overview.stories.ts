import type { Meta, StoryObj } from '@storybook/web-components-vite';
import './storage-overview.define.js';
import type { StorageOverview } from './storage-overview.js';
import { sampleStores } from '../shared/cluster/cluster-samples.js';
import { emptySnapshot, readStoryHub, storyHub, storyStatus } from '../shared/cluster/story-hub.samples.js';
import type { StoreInfo } from '../../streams/models.js';

const make = (setup: (el: StorageOverview) => void): StorageOverview => {
  const el = document.createElement('storage-overview');
  setup(el);
  return el;
};

/** Stores filling and evicting: the memory tier churns, the filesystem tier grows. */
function churn(n: number, stores: StoreInfo[]): StoreInfo[] {
  return stores.map((s) => {
    const hits = s.hits + (s.kind === 'redis' ? 0 : 40 + (n % 7) * 10);
    const misses = s.misses + (s.kind === 'redis' ? 0 : 5 + (n % 3));
    const limit = s.limitBytes ?? Infinity;
    let used = s.usedBytes + 64 * 1024 ** 2;
    let evictions = s.evictions;
    if (used > limit * 0.97) {
      used = limit * 0.8;
      evictions += 500;
    }
    return { ...s, hits, misses, usedBytes: used, evictions, entries: s.entries + 37 };
  });
}

const meta: Meta = { title: 'Elements/storage-overview', component: 'storage-overview', parameters: { layout: 'padded' } };
export default meta;
type Story = StoryObj;

export const Live: Story = {
  render: () =>
    make((el) => {
      let stores = sampleStores();
      el.baseUrl = 'https://cluster.example';
      el.hub = storyHub({
        snapshot: { ...emptySnapshot(), stores },
        tick: (n) => (stores = churn(n, stores)).map((s, i) => ({ id: i, kind: 'store' as const, data: s })),
      });
    }),
};

export const ByProperty: Story = { render: () => make((el) => (el.stores = sampleStores())) };

export const Loading: Story = { render: () => make((el) => readStoryHub(el, storyStatus('connecting', { lastEventAt: null }))) };

export const Empty: Story = { render: () => make((el) => (el.stores = [])) };

export const ErrorState: Story = {
  name: 'Error',
  render: () => make((el) => readStoryHub(el, storyStatus('error', { reason: 'HTTP 404 Not Found', lastEventAt: null }))),
};

export const Stale: Story = {
  name: 'Stale (reconnecting)',
  render: () => make((el) => readStoryHub(el, storyStatus('reconnecting', { reason: 'HTTP 503; retrying', lastEventAt: Date.now() - 20_000 }), { stores: sampleStores() })),
};

export const Dark: Story = { parameters: { theme: 'dark' }, render: () => make((el) => (el.stores = sampleStores())) };
