import { ClientList } from './client-list.js';

export { ClientList };

if (!customElements.get('client-list')) customElements.define('client-list', ClientList);

declare global {
  interface HTMLElementTagNameMap {
    'client-list': ClientList;
  }
}
