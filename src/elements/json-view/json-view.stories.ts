import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './json-view.define.js';
import { sampleRollouts } from '../rollout-table/rollout-table.samples.js';

const meta: Meta = { title: 'Elements/json-view', component: 'json-view' };
export default meta;
type Story = StoryObj;

const rollout = sampleRollouts(1).rollouts[0];

export const Rollout: Story = { render: () => html`<json-view .value=${rollout} label="Rollout"></json-view>` };
export const Text: Story = { render: () => html`<json-view text='{"detail":"Invalid sort_by: duration","ok":false,"n":null}'></json-view>` };
export const NotJson: Story = { render: () => html`<json-view text="<html>not json</html>"></json-view>` };
export const Wrapped: Story = { render: () => html`<json-view wrap .value=${{ long: 'x'.repeat(400) }}></json-view>` };
export const Dark: Story = { parameters: { theme: 'dark' }, render: () => html`<json-view .value=${rollout}></json-view>` };

const cyclic: Record<string, unknown> = { id: 'ro-1', status: 'running', tags: ['a', 'b'] };
cyclic.self = cyclic;
const deep = (n: number) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = { nested: v };
  return v;
};
export const Circular: Story = { render: () => html`<json-view .value=${cyclic} label="A cyclic value"></json-view>` };
export const NestedTooDeep: Story = { render: () => html`<json-view .value=${{ before: 'first', deep: deep(1500), after: 'last' }}></json-view>` };
export const LongString: Story = { render: () => html`<json-view .value=${{ line: 'x'.repeat(100_000) }}></json-view>` };
export const LongDocument: Story = {
  render: () => html`<json-view style="--json-view-window-height: 400px" .value=${Array.from({ length: 5000 }, (_, i) => ({ i, name: `item ${i}` }))}></json-view>`,
};
export const Empty: Story = { render: () => html`<json-view></json-view>` };
