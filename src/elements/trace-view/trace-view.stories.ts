import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './trace-view.define.js';
import { sampleAttempts, sampleRollouts, sampleSpan, sampleSpans } from './trace-samples.js';
import type { Span } from '../../streams/agl.js';
import type { HubLike, RestSource, SourceStatus } from '../../streams/types.js';
import { NEVER, of } from 'rxjs';

/**
 * A hub whose REST sources never answer (loading), always fail (error), or answered a minute
 * ago and fail now (stale).
 */
function fakeHub(mode: 'loading' | 'error' | 'stale'): HubLike {
  const status: SourceStatus = {
    key: 'x', state: mode === 'loading' ? 'connecting' : 'error', reason: mode === 'loading' ? null : 'HTTP 503 Service Unavailable',
    lastEventAt: null, retryAt: null, counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 }, refreshing: false, role: 'solo',
  };
  const page = (items: unknown[]) => ({ data: { items, limit: -1, offset: 0, total: items.length }, raw: null, fetchedAt: Date.now() - 60_000 });
  const data = (url: string) =>
    mode !== 'stale' ? NEVER : of(page(url.includes('/spans') ? sampleSpans() : url.includes('/attempts') ? sampleAttempts() : sampleRollouts()));
  const rest = <T,>(url: string): RestSource<T> => ({ key: url, data$: data(url) as never, status$: of(status), refresh() {} });
  return { rest, live: () => { throw new Error('n/a'); }, logs: () => { throw new Error('n/a'); }, tasks: () => { throw new Error('n/a'); }, statuses$: of([]) } as unknown as HubLike;
}

const meta: Meta = {
  title: 'Agent-lightning/trace-view',
  component: 'trace-view',
  argTypes: {
    view: { control: 'inline-radio', options: ['waterfall', 'table'] },
    'rollout-id': { control: 'text' },
    'attempt-id': { control: 'text' },
  },
  args: { view: 'waterfall' },
  render: (args) => html`<trace-view
    style="height: 520px"
    view=${args.view}
    rollout-id="ro-0123456789ab"
    .rollouts=${sampleRollouts()}
    .attempts=${sampleAttempts()}
    .spans=${args.spans ?? sampleSpans()}
  ></trace-view>`,
};
export default meta;
type Story = StoryObj;

export const Live: Story = {};
export const Table: Story = { args: { view: 'table' } };
export const Running: Story = {
  args: {
    spans: [
      ...sampleSpans().slice(0, 3),
      sampleSpan('a00000000000000f', 'openai.chat.completion', 'a000000000000001', 2.1, null),
    ].map((s, i) => (i === 0 ? { ...s, end_time: null, status: { status_code: 'UNSET', description: null } } : s)) as Span[],
  },
};
export const Empty: Story = { args: { spans: [] } };
export const Loading: Story = {
  render: () => html`<trace-view rollout-id="ro-0123456789ab" attempt-id="at-89abcdef" .hub=${fakeHub('loading')}></trace-view>`,
};
export const ErrorState: Story = {
  name: 'Error',
  render: () => html`<trace-view rollout-id="ro-0123456789ab" attempt-id="at-89abcdef" .hub=${fakeHub('error')}></trace-view>`,
};
export const Stale: Story = {
  render: () => html`<trace-view rollout-id="ro-0123456789ab" attempt-id="at-89abcdef" .hub=${fakeHub('stale')}></trace-view>`,
};
export const Dark: Story = {
  render: (args) => html`<div style="color-scheme: dark; background: #1a1b1e; padding: 16px">${meta.render!(args, {} as never)}</div>`,
};
