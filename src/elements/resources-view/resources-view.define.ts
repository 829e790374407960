import { ResourcesView } from './resources-view.js';

if (!customElements.get('resources-view')) customElements.define('resources-view', ResourcesView);

declare global {
  interface HTMLElementTagNameMap {
    'resources-view': ResourcesView;
  }
}
