import { LiveActivity } from './live-activity.js';

if (!customElements.get('live-activity')) customElements.define('live-activity', LiveActivity);

declare global {
  interface HTMLElementTagNameMap {
    'live-activity': LiveActivity;
  }
}
