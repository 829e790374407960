/**
 * <live-activity>'s stylesheet, part 2: the details panel (fields, stage table, copy buttons)
 * and the stdout/stderr views. Part 1 is live-activity.styles.ts.
 */
import { css } from 'lit';

export const detailsStyles = css`
  /* ── details ────────────────────────────────────────────────────────── */
  .details {
    border-left: 1px solid var(--_tt-border);
    background: var(--live-activity-details-bg, var(--_tt-bg));
    overflow: auto;
    display: block;
  }
  .details-head {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    align-items: flex-start;
    gap: var(--_tt-space-2);
    padding: var(--_tt-space-3) var(--_tt-space-3) var(--_tt-space-2) var(--_tt-space-4);
    background: inherit;
    border-bottom: 1px solid var(--_tt-border);
  }
  .details-head h3 {
    padding: 0;
    text-transform: none;
    letter-spacing: 0;
    color: var(--_tt-text);
    font-size: 0.95rem;
    word-break: break-word;
    display: block;
    flex: 1;
  }
  .details-head .badges {
    display: flex;
    gap: var(--_tt-space-1);
    flex-wrap: wrap;
    margin-top: var(--_tt-space-1);
  }
  button.icon-button {
    padding: 4px;
    min-height: 28px;
    min-width: 28px;
    justify-content: center;
  }
  .details-body {
    padding: var(--_tt-space-2) var(--_tt-space-4) var(--_tt-space-4);
  }
  /* Its look (upper case, dim, a flex row) is part 1's, shared with the panels' h3. */
  h4 {
    margin: var(--_tt-space-4) 0 var(--_tt-space-2);
    font-size: var(--_tt-font-size-sm);
  }
  h4 .grow {
    flex: 1;
  }
  h4 button {
    text-transform: none;
    letter-spacing: 0;
    min-height: 24px;
    padding: 1px 8px;
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text);
  }
  dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 6px var(--_tt-space-3);
    margin: 0;
  }
  dt {
    color: var(--_tt-text-dim);
    font-size: var(--_tt-font-size-sm);
    padding-top: 1px;
  }
  dd {
    margin: 0;
    word-break: break-word;
  }
  dd.reason {
    color: var(--_tt-error);
    font-weight: 600;
  }
  dd.with-copy {
    display: flex;
    align-items: center;
    gap: var(--_tt-space-1);
  }
  dd.with-copy button {
    min-height: 22px;
    min-width: 22px;
    padding: 2px;
  }
  dd.mono {
    font-family: var(--_tt-font-mono);
    font-size: var(--_tt-font-size-sm);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: var(--_tt-font-size-sm);
  }
  th,
  td {
    text-align: left;
    padding: 4px 6px;
    border-bottom: 1px solid var(--_tt-border);
    white-space: nowrap;
  }
  th {
    color: var(--_tt-text-dim);
    font-weight: 600;
  }
  td.num {
    font-variant-numeric: tabular-nums;
    text-align: right;
  }
  td.mono {
    font-family: var(--_tt-font-mono);
  }
  .output {
    margin: 0;
    font-family: var(--_tt-font-mono);
    font-size: var(--_tt-font-size-sm);
    line-height: 18px;
    background: var(--live-activity-output-bg, var(--_tt-surface));
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    padding: var(--_tt-space-2);
    white-space: pre-wrap;
    word-break: break-word;
    max-height: 320px;
    overflow: auto;
  }
  .output.virtual {
    position: relative;
    height: 320px;
    padding: 0;
    white-space: pre;
    overflow-anchor: none;
  }
  .output.virtual .fw-spacer {
    width: auto;
    min-width: 100%;
    /* No line boxes for the template's whitespace; each .line is white-space: pre itself. */
    white-space: normal;
  }
  .output.virtual .line {
    height: 18px;
  }
  .output .line {
    display: block;
    width: 100%;
    padding: 0 var(--_tt-space-2);
    min-height: 18px;
    white-space: pre;
  }
  .output-state {
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
    margin: 0;
  }
  .output-state.error {
    color: var(--_tt-error);
  }
  .copied {
    color: var(--_tt-ok);
    font-size: var(--_tt-font-size-sm);
  }
`;
