/**
 * The rollout table's styles for what a first paint does not show: the input tooltip, the
 * empty, error and stale states, the attempt rows' loading / error states, and the raw JSON dialog. Adopted with
 * rollout-table.rare.ts when that part loads (after the first paint), beside the element's own
 * stylesheet (rollout-table.styles.ts).
 */
import { css } from 'lit';

export const rareStyles = css`
  /* an open filter menu (its summary is in rollout-table.styles.ts) */
  .menu-body {
    position: absolute;
    z-index: 5;
    top: calc(100% + 4px);
    left: 0;
    min-width: 220px;
    margin: 0;
    padding: var(--_tt-space-2);
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--_tt-bg);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.25);
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .option {
    display: flex;
    align-items: center;
    gap: var(--_tt-space-2);
    padding: 4px 6px;
    border-radius: 4px;
    cursor: pointer;
  }
  .option:hover {
    background: var(--_tt-surface-2);
  }
  .option input {
    min-height: auto;
    margin: 0;
  }
  .option-count {
    margin-left: auto;
    color: var(--_tt-text-dim);
    font-size: var(--_tt-font-size-sm);
    font-variant-numeric: tabular-nums;
  }

  /* tooltip for the full input */
  .tip {
    position: fixed;
    z-index: 20;
    max-width: min(560px, 90vw);
    max-height: 40vh;
    overflow: hidden;
    padding: 6px 10px;
    border-radius: var(--_tt-radius);
    background: light-dark(#212529, #f1f3f5);
    color: light-dark(#f8f9fa, #1a1b1e);
    font-family: var(--_tt-font-mono);
    font-size: 0.75rem;
    white-space: pre-wrap;
    word-break: break-word;
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.3);
    pointer-events: none;
  }

  .nested-state td {
    background: var(--_tt-surface);
  }
  .nested-state button {
    margin-left: var(--_tt-space-2);
  }
  .error-row .nested-indent {
    color: var(--_tt-error);
  }
  .spinner {
    width: 12px;
    height: 12px;
    border: 2px solid var(--_tt-border);
    border-top-color: var(--_tt-accent);
    border-radius: 50%;
    animation: tt-spin 0.8s linear infinite;
  }
  @keyframes tt-spin {
    to { transform: rotate(360deg); }
  }

  /* states */
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_tt-space-2);
    padding: 48px var(--_tt-space-4);
    border: 1px dashed var(--_tt-border);
    border-radius: var(--_tt-radius);
    text-align: center;
  }
  .state p {
    margin: 0;
    color: var(--_tt-text-dim);
    max-width: 60ch;
  }
  .state .actions {
    gap: var(--_tt-space-2);
    margin-top: var(--_tt-space-2);
  }
  .state.error {
    align-items: flex-start;
    text-align: left;
    border: 1px solid var(--_tt-error);
    border-left-width: 4px;
    background: var(--_tt-error-bg);
    padding: var(--_tt-space-4);
  }
  .state.error p {
    color: var(--_tt-text);
  }
  .error-head {
    display: flex;
    align-items: center;
    gap: var(--_tt-space-2);
    color: var(--_tt-error);
  }
  .error-head strong {
    color: var(--_tt-text);
  }
  .reason {
    font-family: var(--_tt-font-mono);
    font-size: 0.8125rem;
    word-break: break-word;
  }
  .url code {
    font-family: var(--_tt-font-mono);
    font-size: 0.8125rem;
    word-break: break-all;
  }
  .stale {
    display: flex;
    align-items: center;
    gap: var(--_tt-space-2);
    padding: var(--_tt-space-2) var(--_tt-space-3);
    border: 1px solid var(--_tt-warn);
    border-radius: var(--_tt-radius);
    background: var(--_tt-warn-bg);
    color: var(--_tt-text);
  }
  .stale .icon {
    color: var(--_tt-warn);
  }
  .stale span {
    flex: 1;
  }

  /* dialog */
  dialog {
    width: min(860px, 92vw);
    max-height: 85vh;
    padding: 0;
    border: 1px solid var(--_tt-border);
    border-radius: 10px;
    background: var(--_tt-bg);
    color: var(--_tt-text);
    box-shadow: 0 20px 50px rgb(0 0 0 / 0.4);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  dialog header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_tt-space-2);
    padding: var(--_tt-space-3) var(--_tt-space-4);
    border-bottom: 1px solid var(--_tt-border);
  }
  dialog h2 {
    margin: 0;
    font-size: 1rem;
    font-family: var(--_tt-font-mono);
  }
  dialog json-view {
    margin: var(--_tt-space-4);
    --json-view-max-height: 65vh;
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;
