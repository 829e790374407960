import { SettingsPanel } from './settings-panel.js';

if (!customElements.get('settings-panel')) customElements.define('settings-panel', SettingsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'settings-panel': SettingsPanel;
  }
}
