import { WorkerBoard } from './worker-board.js';

export { WorkerBoard };

if (!customElements.get('worker-board')) customElements.define('worker-board', WorkerBoard);

declare global {
  interface HTMLElementTagNameMap {
    'worker-board': WorkerBoard;
  }
}
