import { ConnectionStatus } from './connection-status.js';

if (!customElements.get('connection-status')) customElements.define('connection-status', ConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'connection-status': ConnectionStatus;
  }
}
