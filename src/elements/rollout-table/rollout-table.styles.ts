import { css } from 'lit';

export const styles = css`
  :host {
    /* The shared green on its pale badge is 4.46:1 in light mode; a shade darker passes AA. */
    --_tt-ok: var(--tt-color-ok, light-dark(#17702f, #69db7c));
    display: flex;
    flex-direction: column;
    gap: var(--_tt-space-3);
    min-width: 0;
    background: var(--rollout-table-background, var(--_tt-bg));
    --_rt-row-height: var(--rollout-table-row-height, 40px);
    --_rt-header-bg: var(--rollout-table-header-background, var(--_tt-surface));
    --_rt-hover: var(--rollout-table-stripe, var(--_tt-surface));
  }
  .icon {
    flex: none;
  }

  /* toolbar */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_tt-space-2);
  }
  .search {
    position: relative;
    display: inline-flex;
    align-items: center;
    flex: 0 1 360px;
    min-width: 200px;
  }
  .search .icon {
    position: absolute;
    left: 10px;
    color: var(--_tt-text-dim);
    pointer-events: none;
  }
  .search input {
    width: 100%;
    min-height: 34px;
    padding-left: 32px;
  }
  .spacer {
    flex: 1;
  }
  .updated,
  .dim {
    color: var(--_tt-text-dim);
    font-size: var(--_tt-font-size-sm);
  }
  .shape {
    font-size: var(--_tt-font-size-sm);
    font-family: var(--_tt-font-mono);
    padding: 2px 8px;
    border: 1px solid var(--_tt-border);
    border-radius: 999px;
    color: var(--_tt-text-dim);
  }
  .refreshing {
    font-size: var(--_tt-font-size-sm);
    font-weight: 600;
    color: var(--_tt-info);
    animation: tt-blink 1s ease-in-out infinite;
  }
  @keyframes tt-blink {
    50% { opacity: 0.35; }
  }
  button.link {
    border: none;
    background: none;
    color: var(--_tt-accent);
    text-decoration: underline;
    padding: 2px 4px;
  }
  button.primary {
    background: var(--_tt-accent);
    border-color: var(--_tt-accent);
    color: var(--_tt-accent-text);
  }
  button.primary:hover {
    filter: brightness(1.08);
    background: var(--_tt-accent);
  }
  .icon-button {
    padding: 4px;
    min-height: 28px;
    min-width: 28px;
    justify-content: center;
  }

  /* filter menus */
  .menu {
    position: relative;
  }
  .menu summary {
    list-style: none;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 34px;
    padding: 3px 10px;
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--_tt-surface);
    cursor: pointer;
    user-select: none;
  }
  .menu summary::-webkit-details-marker {
    display: none;
  }
  .menu summary.active {
    border-color: var(--_tt-accent);
    color: var(--_tt-accent);
  }
  .menu .count {
    background: var(--_tt-accent);
    color: var(--_tt-accent-text);
    border-radius: 999px;
    padding: 0 6px;
    font-size: var(--_tt-font-size-sm);
    font-weight: 700;
  }
  /* table */
  .wrap {
    overflow: auto;
    max-height: var(--rollout-table-max-height, none);
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--_tt-bg);
  }
  /* Fixed layout: every column but Input has the width column-fit.ts gives it (set on its
     header), Input takes the rest; the element hides columns rather than overflow (see
     columnsToHide), so nothing scrolls sideways and the sticky actions cover nothing. */
  table {
    width: 100%;
    table-layout: fixed;
    border-collapse: separate;
    border-spacing: 0;
  }
  th,
  td {
    text-align: left;
    padding: 0 8px;
    height: var(--_rt-row-height);
    border-bottom: 1px solid var(--_tt-border);
    white-space: nowrap;
    vertical-align: middle;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  th + th,
  td + td {
    border-left: 1px solid var(--_tt-border);
  }
  tbody tr:last-child td {
    border-bottom: none;
  }
  th {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_rt-header-bg);
    font-weight: 700;
    font-size: 0.8125rem;
    padding: 0;
  }
  th.col-actions,
  td.col-actions {
    padding: 0 4px;
  }
  .hide-rollout .col-rollout,
  .hide-attempt .col-attempt,
  .hide-input .col-input,
  .hide-status .col-status,
  .hide-resources .col-resources,
  .hide-mode .col-mode,
  .hide-start .col-start,
  .hide-duration .col-duration,
  .hide-heartbeat .col-heartbeat,
  .hide-worker .col-worker {
    display: none;
  }
  .columns-note {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0;
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
  }
  .col-start .date,
  .col-start .time {
    display: block;
    line-height: 1.25;
  }
  .col-start .date {
    font-size: 0.75rem;
    color: var(--_tt-text-dim);
  }
  td.col-status .badge {
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    vertical-align: middle;
  }
  /* Two-word labels wrap onto two lines rather than widen their column. */
  button.sort {
    width: 100%;
    min-height: 44px;
    justify-content: space-between;
    border: none;
    border-radius: 0;
    background: none;
    font-weight: 700;
    font-size: inherit;
    line-height: 1.2;
    text-align: left;
    padding: 0 8px;
    gap: 4px;
    white-space: normal;
  }
  button.sort:hover {
    background: var(--_tt-surface-2);
  }
  .sort-icon {
    display: inline-flex;
    color: var(--_tt-text-dim);
    opacity: 0.7;
  }
  .sort-icon.active {
    color: var(--_tt-accent);
    opacity: 1;
  }
  /* The "sortable" hint only on the column pointed at or focused: it costs a narrow column its label. */
  .sort-icon:not(.active) {
    display: none;
  }
  button.sort:hover .sort-icon,
  button.sort:focus-visible .sort-icon {
    display: inline-flex;
  }
  tbody tr:hover td {
    background: var(--_rt-hover);
  }
  /* Stands for the rows of the page that are out of sight (their height, nothing else). */
  /* The grid's focused row (one Tab stop, arrows inside): the ring inside the row, clear of
     the sticky header when it scrolls into view. */
  tr:focus-visible {
    outline: 2px solid var(--_tt-focus);
    outline-offset: -2px;
  }
  tbody tr {
    scroll-margin-top: calc(var(--_rt-row-height) + 8px);
    scroll-margin-bottom: 8px;
  }
  tbody tr.gap td {
    height: auto;
    padding: 0;
    border: none;
    background: none;
  }
  tr.expanded td {
    background: var(--_tt-surface);
  }
  tr.nested td {
    background: var(--_tt-surface);
    font-size: 0.8125rem;
  }
  tr.nested td.col-rollout {
    box-shadow: inset 3px 0 0 var(--_tt-accent);
  }
  .id {
    font-family: var(--_tt-font-mono);
    font-size: 0.75rem;
  }
  .na {
    color: var(--_tt-text-dim);
  }
  .num {
    font-variant-numeric: tabular-nums;
  }
  .col-input .input {
    display: inline-block;
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    vertical-align: middle;
    font-family: var(--_tt-font-mono);
    font-size: 0.8125rem;
    color: var(--_tt-text-dim);
    border-radius: 3px;
    cursor: help;
  }
  .col-rollout {
    display: table-cell;
  }
  .expander,
  .expander-space {
    display: inline-flex;
    width: 20px;
    min-width: 20px;
    min-height: 24px;
    margin-right: 4px;
    vertical-align: middle;
  }
  .expander {
    padding: 0;
    justify-content: center;
    border-color: transparent;
    background: none;
  }
  .expander:hover {
    border-color: var(--_tt-border);
  }
  .expander::before {
    transition: transform 120ms ease;
  }
  .expander[aria-expanded='true']::before {
    transform: rotate(90deg);
  }
  .nested-indent {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding-left: 30px;
  }
  .seq {
    font-family: var(--_tt-font-mono);
    color: var(--_tt-text-dim);
  }
  /* Row icons are CSS masks, not SVG nodes: 100 rows × 3 icons would be ~1000 DOM nodes. */
  .mask::before {
    content: '';
    width: 16px;
    height: 16px;
    background: currentColor;
    -webkit-mask: var(--_icon) center / 16px 16px no-repeat;
    mask: var(--_icon) center / 16px 16px no-repeat;
  }
  .mask.json { --_icon: url("data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 viewBox=%270 0 24 24%27 fill=%27none%27 stroke=%27black%27 stroke-width=%272%27 stroke-linecap=%27round%27 stroke-linejoin=%27round%27%3E%3Cpath d=%27M14 3v4a1 1 0 0 0 1 1h4%27/%3E%3Cpath d=%27M17 21H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7l5 5v11a2 2 0 0 1-2 2z%27/%3E%3Cpath d=%27M9 13h6M9 17h6%27/%3E%3C/svg%3E"); }
  .mask.traces { --_icon: url("data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 viewBox=%270 0 24 24%27 fill=%27none%27 stroke=%27black%27 stroke-width=%272%27 stroke-linecap=%27round%27 stroke-linejoin=%27round%27%3E%3Cpath d=%27M3 17l6-6 4 4 8-8%27/%3E%3Cpath d=%27M14 7h7v7%27/%3E%3C/svg%3E"); }
  .mask.chevron { --_icon: url("data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 viewBox=%270 0 24 24%27 fill=%27none%27 stroke=%27black%27 stroke-width=%272%27 stroke-linecap=%27round%27 stroke-linejoin=%27round%27%3E%3Cpath d=%27M9 6l6 6-6 6%27/%3E%3C/svg%3E"); }
  /* Actions stay in view when the table scrolls sideways. */
  td.col-actions,
  th.col-actions {
    position: sticky;
    right: 0;
    white-space: nowrap;
    background: var(--_tt-bg);
    box-shadow: -6px 0 8px -6px rgb(0 0 0 / 0.35);
  }
  th.col-actions {
    z-index: 2;
    background: var(--_rt-header-bg);
  }
  td.col-actions .icon-button {
    border-color: transparent;
    background: none;
    margin-right: 2px;
  }
  td.col-actions .icon-button:hover {
    border-color: var(--_tt-border);
    background: var(--_tt-surface-2);
  }
  .live-dot {
    display: inline-block;
    width: 6px;
    height: 6px;
    margin-left: 6px;
    border-radius: 50%;
    background: var(--_tt-info);
    vertical-align: middle;
  }
  .skeleton-row td .skeleton {
    width: 70%;
  }
  /* pagination */
  .pagination {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_tt-space-3);
    justify-content: flex-end;
    color: var(--_tt-text-dim);
  }
  .page-size {
    display: inline-flex;
    align-items: center;
    gap: var(--_tt-space-2);
  }
  .range {
    font-variant-numeric: tabular-nums;
    color: var(--_tt-text);
  }
  .pager {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .pager button {
    min-width: 30px;
    justify-content: center;
  }
  .page-label {
    padding: 0 var(--_tt-space-2);
    color: var(--_tt-text);
    font-variant-numeric: tabular-nums;
  }

  @media (prefers-reduced-motion: reduce) {
    .refreshing {
      animation: none;
    }
    .expander::before {
      transition: none;
    }
  }
`;
