import { TraceView } from './trace-view.js';

if (!customElements.get('trace-view')) customElements.define('trace-view', TraceView);

declare global {
  interface HTMLElementTagNameMap {
    'trace-view': TraceView;
  }
}
