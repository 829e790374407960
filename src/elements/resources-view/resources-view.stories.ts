import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { NEVER, of } from 'rxjs';
import './resources-view.define.js';
import { sampleSnapshots } from './resources-samples.js';
import type { HubLike, RestSource, SourceStatus } from '../../streams/types.js';

function fakeHub(mode: 'loading' | 'error' | 'stale'): HubLike {
  const status: SourceStatus = {
    key: 'x', state: mode === 'loading' ? 'connecting' : 'error', reason: mode === 'loading' ? null : 'HTTP 503 Service Unavailable',
    lastEventAt: null, retryAt: null, counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 }, refreshing: false, role: 'solo',
  };
  const data = (url: string) =>
    mode !== 'stale' ? NEVER : of({ data: url.endsWith('/latest') ? sampleSnapshots()[2] : sampleSnapshots(), raw: null, fetchedAt: Date.now() - 90_000 });
  const rest = <T,>(url: string): RestSource<T> => ({ key: url, data$: data(url) as never, status$: of(status), refresh() {} });
  return { rest, statuses$: of([]) } as unknown as HubLike;
}

const meta: Meta = {
  title: 'Agent-lightning/resources-view',
  component: 'resources-view',
  render: (args) => html`<resources-view .snapshots=${args.snapshots ?? sampleSnapshots()} latest-id="rs-000000000003"></resources-view>`,
};
export default meta;
type Story = StoryObj;

export const Live: Story = {};
export const Empty: Story = { args: { snapshots: [] } };
export const Loading: Story = { render: () => html`<resources-view .hub=${fakeHub('loading')}></resources-view>` };
export const ErrorState: Story = { name: 'Error', render: () => html`<resources-view .hub=${fakeHub('error')}></resources-view>` };
export const Stale: Story = { render: () => html`<resources-view .hub=${fakeHub('stale')}></resources-view>` };
export const Dark: Story = {
  render: () => html`<div style="color-scheme: dark; background: #1a1b1e; padding: 16px">
    <resources-view .snapshots=${sampleSnapshots()} latest-id="rs-000000000003"></resources-view>
  </div>`,
};
