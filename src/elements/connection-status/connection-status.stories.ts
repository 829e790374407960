import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SourceStatus } from '../../streams/types.js';
import './connection-status.define.js';
import type { ConnectionStatus } from './connection-status.js';

const st = (over: Partial<SourceStatus>): SourceStatus => ({
  key: 'http://localhost:4747/live',
  state: 'live',
  reason: null,
  lastEventAt: Date.now() - 3000,
  retryAt: null,
  counters: { events: 10, malformed: 0, reconnects: 0, dropped: 0 },
  refreshing: false,
  role: 'solo',
  ...over,
});

function make(statuses: SourceStatus[]): ConnectionStatus {
  const el = document.createElement('connection-status');
  el.statuses = statuses;
  el.showServer = true;
  el.style.width = '240px';
  return el;
}

const meta: Meta = { title: 'Elements/connection-status', component: 'connection-status' };
export default meta;
type Story = StoryObj;

export const Live: Story = { render: () => make([st({})]) };
export const Refreshing: Story = { render: () => make([st({ refreshing: true })]) };
export const Polling: Story = { render: () => make([st({ state: 'polling', reason: 'fell back to polling: no first byte within 5 s' })]) };
export const Connecting: Story = { render: () => make([st({ state: 'connecting', lastEventAt: null })]) };
export const Reconnecting: Story = { render: () => make([st({}), st({ key: 'http://localhost:4747/logs/agl', state: 'reconnecting', reason: 'HTTP 503 Service Unavailable; retrying in 2 s' })]) };
export const Offline: Story = { render: () => make([st({ state: 'offline', reason: 'the browser is offline' })]) };
export const ErrorState: Story = { render: () => make([st({ state: 'error', reason: 'HTTP 404 Not Found: nothing at http://localhost:4747/live' })]) };
export const Stale: Story = { render: () => make([st({ lastEventAt: Date.now() - 5 * 60_000 })]) };
export const Follower: Story = { render: () => make([st({ role: 'follower' })]) };
export const Idle: Story = { render: () => make([]) };
export const Dark: Story = { parameters: { theme: 'dark' }, render: () => make([st({ refreshing: true })]) };
