import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './settings-panel.define.js';
import '../telltale-provider/telltale-provider.define.js';
import type { SettingsPanel } from './settings-panel.js';

const meta: Meta = { title: 'Elements/settings-panel', component: 'settings-panel' };
export default meta;
type Story = StoryObj;

/** Changes apply at once to the page and are remembered (localStorage). */
export const Default: Story = { render: () => html`<settings-panel></settings-panel>` };

/** An invalid backend address: inline error, not applied. */
export const InvalidAddress: Story = {
  render: () => {
    const el = document.createElement('settings-panel') as SettingsPanel;
    el.updateComplete.then(() => {
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('#base-url')!;
      input.value = 'localhost 4747';
      input.dispatchEvent(new Event('input'));
    });
    return el;
  },
};

/** Inside `<telltale-provider local-settings>`: changes stay in the subtree. */
export const LocalProvider: Story = {
  render: () => html`<telltale-provider local-settings><settings-panel></settings-panel></telltale-provider>`,
};

export const Dark: Story = { parameters: { theme: 'dark' }, render: () => html`<settings-panel></settings-panel>` };
