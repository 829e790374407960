import { RolloutTable } from './rollout-table.js';
import '../json-view/json-view.define.js';

if (!customElements.get('rollout-table')) customElements.define('rollout-table', RolloutTable);

declare global {
  interface HTMLElementTagNameMap {
    'rollout-table': RolloutTable;
  }
}
