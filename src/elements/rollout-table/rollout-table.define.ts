// Registers <rollout-table>. Its raw JSON dialog's <json-view> loads when the dialog first opens.
import { RolloutTable } from './rollout-table.js';

if (!customElements.get('rollout-table')) customElements.define('rollout-table', RolloutTable);

declare global {
  interface HTMLElementTagNameMap {
    'rollout-table': RolloutTable;
  }
}
