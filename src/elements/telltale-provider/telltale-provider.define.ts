import { TelltaleProvider } from './telltale-provider.js';

if (!customElements.get('telltale-provider')) customElements.define('telltale-provider', TelltaleProvider);

declare global {
  interface HTMLElementTagNameMap {
    'telltale-provider': TelltaleProvider;
  }
}
