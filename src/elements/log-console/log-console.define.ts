import { LogConsole } from './log-console.js';

if (!customElements.get('log-console')) customElements.define('log-console', LogConsole);

declare global {
  interface HTMLElementTagNameMap {
    'log-console': LogConsole;
  }
}
