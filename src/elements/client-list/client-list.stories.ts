import type { Meta, StoryObj } from '@storybook/web-components-vite';
import './client-list.define.js';
import type { ClientList } from './client-list.js';
import { sampleClients } from '../shared/cluster/cluster-samples.js';
import { emptySnapshot, readStoryHub, storyHub, storyStatus } from '../shared/cluster/story-hub.samples.js';
import type { ClientInfo } from '../../streams/models.js';

const make = (setup: (el: ClientList) => void): ClientList => {
  const el = document.createElement('client-list');
  // What a shell does with the event: filter <live-activity client="…">.
  el.addEventListener('client-select', (e) => console.info('client-select', e.detail));
  setup(el);
  return el;
};

const meta: Meta = { title: 'Elements/client-list', component: 'client-list', parameters: { layout: 'padded' } };
export default meta;
type Story = StoryObj;

export const Live: Story = {
  render: () =>
    make((el) => {
      let clients = sampleClients(Date.now());
      el.baseUrl = 'https://cluster.example';
      el.hub = storyHub({
        snapshot: { ...emptySnapshot(), clients },
        tick: (n) => {
          const now = Date.now();
          clients = clients.map((c, i): ClientInfo =>
            i === 0 ? { ...c, executions: c.executions + 3, bytesReceived: c.bytesReceived + 8e6, lastSeen: now, recent: [`act-${9000 + n}`, ...c.recent].slice(0, 10) } : c,
          );
          return [{ id: n, kind: 'client' as const, data: clients[0] }];
        },
      });
    }),
};

export const Selected: Story = {
  render: () =>
    make((el) => {
      el.clients = sampleClients(Date.now());
      el.selected = 'client-ci-7';
    }),
};

export const Loading: Story = { render: () => make((el) => readStoryHub(el, storyStatus('connecting', { lastEventAt: null }))) };

export const Empty: Story = { render: () => make((el) => (el.clients = [])) };

export const ErrorState: Story = {
  name: 'Error',
  render: () => make((el) => readStoryHub(el, storyStatus('offline', { reason: 'network error', lastEventAt: null }))),
};

export const Stale: Story = {
  name: 'Stale (reconnecting)',
  render: () =>
    make((el) => readStoryHub(el, storyStatus('reconnecting', { reason: 'stream went silent', lastEventAt: Date.now() - 15_000 }), { clients: sampleClients(Date.now()) })),
};

export const Dark: Story = { parameters: { theme: 'dark' }, render: () => make((el) => (el.clients = sampleClients(Date.now()))) };
