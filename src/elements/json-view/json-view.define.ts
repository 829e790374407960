import { JsonView } from './json-view.js';

if (!customElements.get('json-view')) customElements.define('json-view', JsonView);

declare global {
  interface HTMLElementTagNameMap {
    'json-view': JsonView;
  }
}
