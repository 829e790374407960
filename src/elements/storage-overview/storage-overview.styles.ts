import { css } from 'lit';

export const styles = css`
  :host {
    --_so-bar: var(--storage-overview-bar-color, var(--_tt-accent));
    --_so-bar-track: var(--storage-overview-bar-track, var(--_tt-surface-2));
    --_so-row-bg: var(--storage-overview-row-bg, var(--_tt-surface));
  }
  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_tt-space-3);
    font-size: var(--_tt-font-size-sm);
  }
  .totals b {
    font-variant-numeric: tabular-nums;
    color: var(--_tt-text);
  }
  .stores {
    display: flex;
    flex-direction: column;
    gap: var(--_tt-space-2);
  }
  .stores > [role='treeitem'] {
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--_so-row-bg);
    padding: var(--_tt-space-1);
  }
  [role='tree'] [role='group'] {
    padding-left: 22px;
    border-left: 1px dashed var(--_tt-border);
    margin-left: 14px;
  }
  .node.store {
    display: grid;
    /* Fixed right-hand columns line up across tree levels whatever the indent. */
    grid-template-columns: minmax(12rem, 1fr) minmax(12rem, 20rem) 7.5rem 7.5rem 6.5rem;
    align-items: center;
    gap: var(--_tt-space-3);
    padding: var(--_tt-space-2);
    cursor: default;
  }
  .node.store[data-has-children] {
    cursor: pointer;
  }
  .ident {
    display: grid;
    grid-template-columns: 14px minmax(0, 1fr);
    column-gap: 6px;
    row-gap: 4px;
    min-width: 0;
  }
  .ident .twisty {
    grid-row: span 3;
    align-self: start;
    padding-top: 2px;
  }
  .name {
    display: flex;
    align-items: center;
    gap: var(--_tt-space-2);
    font-weight: 700;
    min-width: 0;
  }
  .name .title {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .kind {
    flex: 0 1 auto;
    min-width: 0;
    max-width: 40%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-family: var(--_tt-font-mono);
    font-size: var(--_tt-font-size-sm);
    padding: 0 6px;
    border-radius: 4px;
    background: var(--_tt-surface-2);
    color: var(--_tt-text-dim);
    border: 1px solid var(--_tt-border);
  }
  .config li {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .config {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
  }
  .config .v {
    font-family: var(--_tt-font-mono);
    color: var(--_tt-text);
  }
  .usage {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
  }
  .usage .text {
    display: flex;
    justify-content: space-between;
    gap: var(--_tt-space-2);
    font-size: var(--_tt-font-size-sm);
    font-variant-numeric: tabular-nums;
  }
  .bar {
    position: relative;
    height: 8px;
    border-radius: 999px;
    background: var(--_so-bar-track);
    overflow: hidden;
  }
  .bar > span {
    position: absolute;
    inset: 0 auto 0 0;
    border-radius: 999px;
    background: var(--_so-bar);
  }
  @media (prefers-reduced-motion: no-preference) {
    .bar > span {
      transition: width 300ms ease;
    }
  }
  .bar[data-level='mid'] > span {
    background: var(--_tt-warn);
  }
  .bar[data-level='high'] > span {
    background: var(--_tt-error);
  }
  .stat {
    display: flex;
    flex-direction: column;
    font-variant-numeric: tabular-nums;
    min-width: 0;
  }
  .stat .l {
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
  }
  .stat .v {
    font-weight: 600;
  }
  .nr {
    font-style: italic;
    font-weight: 400;
    color: var(--_tt-text-dim);
  }
  .skeleton-rows {
    display: flex;
    flex-direction: column;
    gap: var(--_tt-space-2);
  }
  .skeleton-rows > div {
    display: grid;
    grid-template-columns: 1.4fr 1.6fr 0.6fr 0.6fr 0.6fr;
    gap: var(--_tt-space-3);
    padding: var(--_tt-space-3);
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
  }
  @container (max-width: 760px) {
    .node.store {
      grid-template-columns: 1fr 1fr 1fr;
    }
    .ident,
    .usage {
      grid-column: 1 / -1;
    }
  }
`;
