import { css } from 'lit';

export const styles = css`
  :host {
    --_wb-card-bg: var(--worker-board-card-bg, var(--_tt-surface));
    --_wb-spark: var(--worker-board-spark-color, var(--_tt-accent));
    --_wb-gap: var(--worker-board-gap, 12px);
  }
  .segmented {
    display: inline-flex;
  }
  .segmented button:first-child {
    border-top-right-radius: 0;
    border-bottom-right-radius: 0;
  }
  .segmented button:last-child {
    border-top-left-radius: 0;
    border-bottom-left-radius: 0;
    margin-left: -1px;
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: var(--_tt-space-1);
  }

  /* Summary counts: also the status filter. */
  .summary {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr));
    gap: var(--_tt-space-2);
    margin-bottom: var(--_tt-space-3);
  }
  .summary .count {
    flex-direction: column;
    align-items: flex-start;
    gap: 0;
    padding: 6px 12px;
    background: var(--_tt-surface);
    color: var(--_tt-text);
  }
  .summary .count[aria-pressed='true'] {
    background: var(--_tt-surface-2);
    border-color: var(--_tt-accent);
    box-shadow: inset 0 0 0 1px var(--_tt-accent);
    color: var(--_tt-text);
  }
  .count .n {
    font-size: 1.35rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    line-height: 1.3;
  }
  .count .l {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
  }
  .count .dot,
  .badge.status .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_tone, var(--_tt-neutral));
  }
  [data-tone='ok'] { --_tone: var(--_tt-ok); }
  [data-tone='info'] { --_tone: var(--_tt-info); }
  [data-tone='warn'] { --_tone: var(--_tt-warn); }
  [data-tone='error'] { --_tone: var(--_tt-error); }
  [data-tone='orange'] { --_tone: var(--_tt-orange); }
  [data-tone='purple'] { --_tone: var(--_tt-purple); }

  .badge.status .sub {
    font-weight: 500;
  }

  /* The window (shared/window/ block): a spacer of the rows' height holding the drawn rows,
     moved with translateY; it scrolls with the page. Cards are drawn as rows of cards. */
  .fw-spacer {
    position: relative;
  }
  .fw-rows {
    position: absolute;
    inset: 0 0 auto 0;
  }
  .card-row {
    display: grid;
    grid-template-columns: repeat(var(--cols, 3), minmax(0, 1fr));
    gap: var(--_wb-gap);
    width: 100%;
    padding-bottom: var(--_wb-gap);
  }
  .cell {
    min-width: 0;
  }
  .skeleton-cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--worker-board-card-min, 300px), 1fr));
    gap: var(--_wb-gap);
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: var(--_tt-space-2);
    height: 100%;
    padding: var(--_tt-space-3);
    border: 1px solid var(--_tt-border);
    border-left: 3px solid var(--_tone-card, var(--_tt-border));
    border-radius: var(--_tt-radius);
    background: var(--_wb-card-bg);
    contain: content;
  }
  .card[data-status='idle'] { --_tone-card: var(--_tt-ok); }
  .card[data-status='working'] { --_tone-card: var(--_tt-info); }
  .card[data-status='unavailable'] { --_tone-card: var(--_tt-warn); }
  .card[data-status='offline'] { --_tone-card: var(--_tt-error); }
  .card[data-status='draining'] { --_tone-card: var(--_tt-orange); }
  .card[data-status='paused'] { --_tone-card: var(--_tt-purple); }
  .card header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_tt-space-2);
  }
  .wid {
    min-height: 0;
    padding: 0;
    border: none;
    background: none;
    font-family: var(--_tt-font-mono);
    font-weight: 700;
    font-size: 0.95rem;
    /* A long id ends in an ellipsis inside its card header or table cell (whole in its title
       and its text), never over the next column. */
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .wid:hover {
    background: none;
    text-decoration: underline;
  }
  .override {
    margin: 0;
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-warn);
  }
  .metrics {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: var(--_tt-space-2);
  }
  /* Label and value share a line when they fit; in a narrow tile (three 300 px cards to a
     row) the value moves under its label and the detail wraps between its halves, instead of
     "26 Mi…", "not rep…" and a rate spilling into the next tile. */
  .metric {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    align-content: flex-start; /* a tile taller than its content (its neighbour wrapped) keeps its lines together */
    column-gap: var(--_tt-space-2);
    padding: 6px 8px;
    border-radius: 4px;
    background: var(--_tt-bg);
    min-width: 0;
  }
  .mlabel {
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
  }
  .mvalue {
    margin-left: auto;
    max-width: 100%;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .mdetail {
    flex-basis: 100%;
    text-align: end;
    font-size: var(--_tt-font-size-sm);
    font-variant-numeric: tabular-nums;
  }
  .mdetail .nw {
    white-space: nowrap;
  }
  .mspark {
    flex-basis: 100%;
    display: block;
    height: 24px;
    --_spark: var(--_wb-spark);
  }
  .mspark[data-level='mid'] { --_spark: var(--_tt-warn); }
  .mspark[data-level='high'] { --_spark: var(--_tt-error); }
  .spark {
    display: block;
    width: 100%;
    height: 24px;
    overflow: visible;
  }
  .spark-wait {
    stroke: var(--_tt-text-dim);
    opacity: 0.5;
    stroke-width: 1;
    stroke-dasharray: 2 3;
  }
  .spark polyline {
    fill: none;
    stroke: var(--_spark);
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  .nr {
    font-size: var(--_tt-font-size-sm);
    font-style: italic;
    font-weight: 400;
    color: var(--_tt-text-dim);
  }
  .line {
    display: flex;
    justify-content: space-between;
    gap: var(--_tt-space-2);
    font-size: var(--_tt-font-size-sm);
  }
  .hb {
    font-variant-numeric: tabular-nums;
  }
  .hb[data-late='true'] {
    color: var(--_tt-warn);
    font-weight: 600;
  }
  .platform {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .platform li {
    display: inline-flex;
    font-size: var(--_tt-font-size-sm);
    border: 1px solid var(--_tt-border);
    border-radius: 4px;
    overflow: hidden;
  }
  .platform li {
    max-width: 100%;
  }
  .platform .k .tt-safe {
    overflow-wrap: normal;
  }
  .platform .k {
    /* The key keeps its width (a long value wraps beside it); a long key is clipped by the
       chip (cut at 60 characters, the whole key on hover). */
    flex: 0 0 auto;
    white-space: nowrap;
    padding: 0 5px;
    background: var(--_tt-surface-2);
    color: var(--_tt-text-dim);
  }
  .platform .v {
    min-width: 0;
    padding: 0 5px;
    font-family: var(--_tt-font-mono);
  }
  .no-actions {
    margin: 0;
    font-size: var(--_tt-font-size-sm);
  }
  /* "Reports no actions": the fact first, then how to get them, on its own line. */
  .no-actions .hint {
    display: block;
    margin-top: 2px;
  }
  .no-actions code {
    font-family: var(--_tt-font-mono);
  }
  .tree {
    font-size: var(--_tt-font-size-sm);
    border-top: 1px solid var(--_tt-border);
    padding-top: var(--_tt-space-1);
  }
  .node-title {
    flex: 1 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .stage {
    padding: 0 6px;
    border-radius: 999px;
    background: var(--_tt-info-bg);
    color: var(--_tt-info);
    white-space: nowrap;
  }
  .elapsed {
    font-variant-numeric: tabular-nums;
    color: var(--_tt-text-dim);
    white-space: nowrap;
  }

  /* The dense table's own rules: worker-board.table.ts. */
  @container (max-width: 720px) {
    .metrics {
      grid-template-columns: 1fr;
    }
  }
`;
