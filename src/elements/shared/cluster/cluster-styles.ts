/**
 * The stylesheet the cluster elements share: toolbar, panels, banner, connection pill and tree
 * rows (the error state's arrive with its lazy part, error-panel.ts). Motion only under
 * prefers-reduced-motion: no-preference.
 */
import { css } from 'lit';

/** Styles for the toolbar, panels, banner, pill and tree rows the three elements share. */
export const clusterStyles = [css`
  :host {
    display: block;
    container-type: inline-size;
    /* Paint our own background so text contrast holds whatever the page behind us. */
    background: var(--_tt-bg);
  }
  .dim {
    color: var(--_tt-text-dim);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_tt-space-2);
    margin-bottom: var(--_tt-space-3);
  }
  .toolbar .grow {
    flex: 1 1 auto;
  }
  .toolbar input[type='search'] {
    min-width: 14rem;
    flex: 0 1 22rem;
  }
  /* The shared ok tone on its own background is 4.46:1 at badge size; nudge it toward the text colour. */
  .badge[data-tone='ok'] {
    color: color-mix(in srgb, var(--_tt-ok) 85%, var(--_tt-text));
  }
  .badge .dot {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: currentColor;
  }
  /* Motion only for those who did not ask for less: a "reduce" override would have to out-rank
     every rule that starts it (it did not, and the dot kept blinking). */
  @media (prefers-reduced-motion: no-preference) {
    .badge.conn[data-tone='neutral'] .dot,
    .badge.conn[data-tone='warn'] .dot {
      animation: tt-blink 1.2s ease-in-out infinite;
    }
    .twisty {
      transition: transform 120ms;
    }
  }
  @keyframes tt-blink {
    50% {
      opacity: 0.25;
    }
  }
  .panel {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_tt-space-2);
    min-height: 10rem;
    padding: var(--_tt-space-4);
    border: 1px dashed var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--_tt-surface);
    text-align: center;
  }
  .panel.error {
    border-style: solid;
    border-color: var(--_tt-error);
    background: var(--_tt-error-bg);
  }
  .panel.error strong {
    color: var(--_tt-error);
  }
  .banner {
    margin-bottom: var(--_tt-space-3);
    padding: var(--_tt-space-2) var(--_tt-space-3);
    border: 1px solid var(--_tt-warn);
    border-radius: var(--_tt-radius);
    background: var(--_tt-warn-bg);
    color: var(--_tt-text);
  }
  .banner strong {
    color: var(--_tt-warn);
  }
  [role='tree'] {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [role='tree'] [role='group'] {
    margin: 0;
    padding: 0 0 0 14px;
    list-style: none;
  }
  [role='treeitem'] {
    outline: none;
  }
  [role='treeitem']:focus-visible > .node {
    outline: 2px solid var(--_tt-focus);
    outline-offset: -2px;
  }
  .node {
    display: flex;
    align-items: center;
    gap: var(--_tt-space-1);
    min-height: 24px;
    padding: 1px 4px;
    border-radius: 4px;
    cursor: default;
  }
  .node:hover {
    background: var(--_tt-surface-2);
  }
  .twisty {
    display: inline-block;
    width: 12px;
    flex: none;
    color: var(--_tt-text-dim);
  }
  [aria-expanded='true'] > .node .twisty {
    transform: rotate(90deg);
  }
`];
