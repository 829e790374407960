import { css } from 'lit';

export const styles = css`
  :host {
    --_cl-row-selected: var(--client-list-selected-bg, var(--_tt-info-bg));
  }
  .counts {
    display: flex;
    gap: var(--_tt-space-3);
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
  }
  .counts b {
    color: var(--_tt-text);
    font-variant-numeric: tabular-nums;
  }
  .wrap {
    /* The containing block of the cells' visually-hidden words ("sent", "received"): without it
       they are placed against the page, outside this scroller, and widen the whole page by the
       table's overflow (the page panned sideways at 390 px). */
    position: relative;
    overflow-x: auto;
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
  }
  table {
    width: 100%;
    min-width: 52rem;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 8px 10px;
    text-align: left;
    vertical-align: top;
    border-bottom: 1px solid var(--_tt-border);
  }
  td {
    overflow-wrap: anywhere; /* a long unbroken value wraps in its column, never widens the table */
  }
  /* With wrapping anywhere a column's narrowest is one character: in a narrow pane the table's
     minimum width went to the wide columns and ids broke as "clien / t-ci- / 3". A short id or
     address keeps its line; a longer one still wraps. */
  th.col-client {
    min-width: 9.5rem;
  }
  th.col-connection {
    min-width: 11rem;
  }
  th {
    background: var(--_tt-surface-2);
    font-weight: 600;
    white-space: nowrap;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  tbody tr {
    cursor: pointer;
  }
  tbody tr:hover {
    background: var(--_tt-surface);
  }
  tbody tr[data-selected] {
    background: var(--_cl-row-selected);
    box-shadow: inset 3px 0 0 var(--_tt-accent);
  }
  tbody tr:last-child td {
    border-bottom: none;
  }
  .cid {
    min-height: 0;
    padding: 0;
    border: none;
    background: none;
    font-family: var(--_tt-font-mono);
    font-weight: 700;
    text-align: left;
  }
  .cid:hover {
    background: none;
    text-decoration: underline;
  }
  .cid[aria-pressed='true'] {
    background: none;
    color: inherit;
  }
  .sub {
    display: block;
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
  }
  .mono {
    font-family: var(--_tt-font-mono);
  }
  .badge .dot {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: currentColor;
  }
  .recent {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
    max-width: 22rem;
  }
  .recent li {
    max-width: 100%;
    padding: 0 6px;
    border: 1px solid var(--_tt-border);
    border-radius: 4px;
    font-size: var(--_tt-font-size-sm);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .recent li.more {
    border-style: dashed;
    color: var(--_tt-text-dim);
  }
  .nr {
    font-style: italic;
    color: var(--_tt-text-dim);
  }
  .skeleton-table td {
    cursor: default;
  }
`;
