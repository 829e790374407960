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
