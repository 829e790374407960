import { StorageOverview } from './storage-overview.js';

export { StorageOverview };

if (!customElements.get('storage-overview')) customElements.define('storage-overview', StorageOverview);

declare global {
  interface HTMLElementTagNameMap {
    'storage-overview': StorageOverview;
  }
}
